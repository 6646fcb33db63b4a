/**
 * How a changed /AcroForm is labelled and judged (analyse-changes.ts `judgeAcroForm`):
 * - /DA and /DR (how viewers draw field values): any change while /NeedAppearances is on is a
 *   `catalog` change; otherwise a /DA change, or a /DR change that alters an old resource or
 *   adds one an old /DA names, is `form-fill` (P=2/P=3 only); a /DR that only gains unused
 *   resources (poppler adds its font when it signs) stays with the signature.
 * - The form change carries the kind of what /Fields gained: `other` for a non-signature field
 *   or an older object linked in, never `signature-added` next to the failing object.
 * - A CMS signature typed /DocTimeStamp is not an allowed document time-stamp after P=1.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { verifyFixture as fixture } from "../../test/verify-fixtures";
import { scanPdf } from "./pdf-scan/document";
import { dictGet, type PdfValue } from "./pdf-scan/objects";
import { changes, PASSED, verdict } from "./testing/attack-cases";
import * as atk from "./testing/attacks";
import { buildTestCms } from "./testing/test-cms";
import { nextObjectNumber } from "./testing/incremental";
import { createTestPki, type TestPki } from "./testing/test-pki";
import { bothSigners, type Signer, verifyAgainst } from "./testing/setup";

let pki: TestPki;
let testSigner: Signer;
let ourSigner: Signer;

beforeAll(async () => {
  pki = await createTestPki();
  ({ testSigner, ourSigner } = bothSigners(pki));
}, 60_000);

const check = (pdf: Uint8Array) => verifyAgainst(pki, pdf);

function catalogOf(pdf: Uint8Array): number {
  const s = scanPdf(pdf);
  const root: PdfValue | undefined = s.view(s.revisions.length - 1).trailer.entries.get("Root");
  if (root === null || typeof root !== "object" || root?.kind !== "ref") throw new Error("no /Root");
  return root.num;
}

/** The resolved /AcroForm /DR of the newest revision, serialised for a precondition. */
function hasDr(pdf: Uint8Array): boolean {
  const s = scanPdf(pdf);
  const v = s.view(s.revisions.length - 1);
  return dictGet(v.resolve(dictGet(v.catalog(), "AcroForm")), "DR") !== undefined;
}

/** A form prepared before signing: Helvetica under /Helv in /DR, fields drawn with it by /DA. */
const HELV = "<</Font <</Helv <</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>>>>>";
const prepared = (needAppearances: boolean) =>
  atk.acroFormSet(fixture("gs-letter.pdf"), {
    DA: "(/Helv 0 Tf 0 g)",
    DR: HELV,
    NeedAppearances: String(needAppearances),
  });
/** A font that draws anything: a Type3 font whose glyph procedures are the attacker's. */
const TYPE3 =
  "<</Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs <<>> /Encoding <</Differences [0]>> /FirstChar 0 /LastChar 0 /Widths [0]>>";

const signers: [string, () => Signer][] = [
  ["test signer", () => testSigner],
  ["our signer (signPdf / signWithMdp)", () => ourSigner],
];

for (const [label, signerOf] of signers) {
  describe(`/DA and /DR changed after signing — ${label}`, () => {
    it("/DA restyled after an approval signature -> TOTAL_FAILED/HASH_FAILURE/UNPERMITTED_CHANGES, form-fill", async () => {
      const signed = await signerOf()(prepared(false));
      expect(verdict(await check(signed))).toEqual(PASSED);
      const r = await check(atk.acroFormSet(signed, { DA: "(/Helv 0 Tf 1 0 0 rg)" }));
      expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"]);
      expect(changes(r)).toEqual([["form-fill", catalogOf(signed), false]]);
    });
    it("an old /DR font replaced by a Type3 font after an approval signature -> TOTAL_FAILED/HASH_FAILURE/UNPERMITTED_CHANGES", async () => {
      const signed = await signerOf()(prepared(false));
      const r = await check(atk.acroFormSet(signed, { DR: `<</Font <</Helv ${TYPE3}>>>>` }));
      expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"]);
      expect(changes(r)).toEqual([["form-fill", catalogOf(signed), false]]);
    });
    it("/DR gaining a font under a name an old /DA already uses, after an approval signature -> UNPERMITTED_CHANGES", async () => {
      // The form's /DA names /Helv, but /DR has no /Helv when signing: a later /Helv decides how fields look.
      const base = atk.acroFormSet(fixture("gs-letter.pdf"), { DA: "(/Helv 0 Tf 0 g)" });
      const signed = await signerOf()(base);
      expect(hasDr(signed)).toBe(false);
      const r = await check(atk.acroFormSet(signed, { DR: `<</Font <</Helv ${TYPE3}>>>>` }));
      expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"]);
      expect(changes(r)).toEqual([["form-fill", catalogOf(signed), false]]);
    });
    it("/DR gaining a font under the name a pre-signed FreeText annotation's /DA uses, after an approval signature -> UNPERMITTED_CHANGES", async () => {
      // orphanPrepare's FreeText says /DA (/Helv 20 Tf 0 g); linked into /Annots before signing, no /DR at all.
      const { pdf, orphan } = atk.orphanPrepare(fixture("gs-letter.pdf"));
      const signed = await signerOf()(atk.orphanLink(pdf, orphan));
      expect(hasDr(signed)).toBe(false);
      expect(verdict(await check(signed))).toEqual(PASSED);
      const r = await check(atk.acroFormSet(signed, { DR: `<</Font <</Helv ${TYPE3}>>>>` }));
      expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"]);
      expect(changes(r)).toEqual([["form-fill", catalogOf(signed), false]]);
    });
    it("/DR gaining a font no /DA names (as poppler does when it signs), after an approval signature -> TOTAL_PASSED", async () => {
      const signed = await signerOf()(prepared(false));
      const r = await check(
        atk.acroFormSet(signed, {
          DR: "<</Font <</Helv <</Type /Font /Subtype /Type1 /BaseFont /Helvetica>> /popplerfont <</Type /Font /Subtype /Type1 /BaseFont /Courier>>>>>>",
        }),
      );
      expect(verdict(r)).toEqual(PASSED);
      expect(changes(r)).toEqual([["signature-added", catalogOf(signed), true]]);
    });
    it("/DA restyled after a P=2 certification (form filling allowed) -> TOTAL_PASSED, form-fill", async () => {
      const signed = await signerOf()(prepared(false), 2);
      expect(verdict(await check(signed))).toEqual(PASSED);
      const r = await check(atk.acroFormSet(signed, { DA: "(/Helv 0 Tf 1 0 0 rg)" }));
      expect(verdict(r)).toEqual(PASSED);
      expect(changes(r)).toEqual([["form-fill", catalogOf(signed), true]]);
    });
    it("/DA restyled after a P=1 certification -> TOTAL_FAILED/HASH_FAILURE/DOCMDP_VIOLATION", async () => {
      const signed = await signerOf()(prepared(false), 1);
      const r = await check(atk.acroFormSet(signed, { DA: "(/Helv 0 Tf 1 0 0 rg)" }));
      expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "DOCMDP_VIOLATION"]);
      expect(changes(r)).toEqual([["form-fill", catalogOf(signed), false]]);
    });
    it("/DA restyled after a P=2 certification of a form with /NeedAppearances on -> TOTAL_FAILED/HASH_FAILURE/DOCMDP_VIOLATION, catalog", async () => {
      const signed = await signerOf()(prepared(true), 2);
      expect(verdict(await check(signed))).toEqual(PASSED);
      const r = await check(atk.acroFormSet(signed, { DA: "(/Helv 0 Tf 1 0 0 rg)" }));
      expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "DOCMDP_VIOLATION"]);
      expect(changes(r)).toEqual([["catalog", catalogOf(signed), false]]);
    });
    it("even an unused /DR font added while /NeedAppearances is on -> TOTAL_FAILED/HASH_FAILURE/UNPERMITTED_CHANGES, catalog", async () => {
      const signed = await signerOf()(prepared(true));
      const r = await check(
        atk.acroFormSet(signed, {
          DR: `<</Font <</Helv <</Type /Font /Subtype /Type1 /BaseFont /Helvetica>> /F9 ${TYPE3}>>>>`,
        }),
      );
      expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"]);
      expect(changes(r)).toEqual([["catalog", catalogOf(signed), false]]);
    });
    it("control: a second signature on a form with /DA, /DR and /NeedAppearances on -> both TOTAL_PASSED", async () => {
      const sign = signerOf();
      const r = await check(await sign(await sign(prepared(true))));
      expect(r.signatures.map((s) => s.indication)).toEqual(["TOTAL_PASSED", "TOTAL_PASSED"]);
      expect(new Set(changes(r).map(([kind, , allowed]) => `${kind}:${allowed}`))).toEqual(
        new Set(["signature-added:true"]),
      );
    });
  });

  describe(`what /Fields gains labels the form change — ${label}`, () => {
    it("an older, unreferenced annotation linked into /Fields after an approval signature: the form change is other, not signature-added", async () => {
      const { pdf, orphan } = atk.orphanPrepare(fixture("gs-letter.pdf"));
      const signed = await signerOf()(pdf);
      const r = await check(atk.orphanLinkField(signed, orphan));
      expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"]);
      expect(changes(r)).toEqual([
        ["other", catalogOf(signed), false],
        ["other", orphan, false],
      ]);
    });
    it("a new text field added after a P=2 certification: the form change is other, the field's widget an annotation, neither allowed", async () => {
      const signed = await signerOf()(fixture("gs-letter.pdf"), 2);
      const n = nextObjectNumber(signed);
      const r = await check(atk.textFieldAdded(signed));
      expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "DOCMDP_VIOLATION"]);
      expect(changes(r).filter(([, num]) => num === catalogOf(signed) || num === n)).toEqual([
        ["other", catalogOf(signed), false],
        ["annotation", n, false],
      ]);
    });
  });
}

describe("a CMS signature typed /DocTimeStamp is not a document time-stamp for the change analysis", () => {
  it("added after a P=1 certification: the certification fails (signature-added), the disguised one fails its format", async () => {
    const certified = await testSigner(fixture("gs-letter.pdf"), 1);
    const second = await testSigner(certified);
    const M = /\/M \(D:\d{14}Z\)/;
    const disguised = await atk.resignLast(
      atk.rewriteSigDict(atk.rewriteSigDict(second, "/Type /Sig", ""), M, "/Type /DocTimeStamp"),
      (content) =>
        buildTestCms({
          content,
          certificate: pki.signer.certificate,
          chain: pki.signer.chain,
          privateKey: pki.signer.privateKey,
        }),
    );
    const r = await check(disguised);
    expect(verdict(r, 0)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "DOCMDP_VIOLATION"]);
    expect(new Set(changes(r).map(([kind, , allowed]) => `${kind}:${allowed}`))).toEqual(
      new Set(["signature-added:false"]),
    );
    expect(verdict(r, 1)).toEqual(["TOTAL_FAILED", "FORMAT_FAILURE", "SIG_DICT_TYPE_MISMATCH"]);
  });
});
