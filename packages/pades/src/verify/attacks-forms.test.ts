/**
 * Interactive-form attacks on the change analysis: after signing, an incremental update replaces
 * the catalog's /AcroForm (an /XFA form, /NeedAppearances on, fields dropped), adds a page, or
 * defines an object a signed page already referenced. Each case on files from the test signer
 * and from our own signer (src/sign, src/ltv), with the exact verdict and the changes listed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { verifyFixture as fixture } from "../../test/verify-fixtures";
import { extendPdf } from "../ltv/extend-pdf";
import { memoryRevocationSource } from "../ltv/memory-revocation-source";
import { signWithMdp } from "../ltv/sign-with-mdp";
import { scanPdf } from "./pdf-scan/document";
import { dictGet, type PdfValue } from "./pdf-scan/objects";
import { changes, verdict } from "./testing/attack-cases";
import * as atk from "./testing/attacks";
import { appendUpdate, nextObjectNumber } from "./testing/incremental";
import { createTestPki, currentCrl, rootCrl, type TestPki, tsaToken } from "./testing/test-pki";
import { testAddDss, testSign } from "./testing/test-signer";
import {
  bothSigners,
  localSigner as setupLocalSigner,
  type Signer,
  testSignOptions as setupTestSignOptions,
  verifyAgainst,
} from "./testing/setup";

let pki: TestPki;
let testSigner: Signer;
let ourSigner: Signer;

beforeAll(async () => {
  pki = await createTestPki();
  ({ testSigner, ourSigner } = bothSigners(pki));
}, 60_000);

const testSignOptions = () => setupTestSignOptions(pki, "Certifier");
const localSigner = () => setupLocalSigner(pki);

const check = (pdf: Uint8Array) => verifyAgainst(pki, pdf);

function refNum(v: PdfValue | undefined): number {
  if (v === null || typeof v !== "object" || v?.kind !== "ref") throw new Error("not a reference");
  return v.num;
}

/** Catalog, /AcroForm (null when direct) and /Pages object numbers of the newest revision. */
function numbers(pdf: Uint8Array): { catalog: number; acroForm: number | null; pages: number } {
  const s = scanPdf(pdf);
  const view = s.view(s.revisions.length - 1);
  const form = dictGet(view.catalog(), "AcroForm");
  return {
    catalog: refNum(view.trailer.entries.get("Root")),
    acroForm: form !== null && typeof form === "object" && form?.kind === "ref" ? form.num : null,
    pages: refNum(dictGet(view.catalog(), "Pages")),
  };
}

const signers: [string, () => Signer][] = [
  ["test signer", () => testSigner],
  ["our signer (signPdf / signWithMdp)", () => ourSigner],
];

for (const [label, signerOf] of signers) {
  describe(`form and page changes after signing — ${label}`, () => {
    const cases: [string, 2 | undefined, string][] = [
      ["approval signature", undefined, "UNPERMITTED_CHANGES"],
      ["P=2 certification", 2, "DOCMDP_VIOLATION"],
    ];
    for (const [what, docMdp, reason] of cases) {
      it(`new /AcroForm with /XFA and /NeedAppearances after an ${what} -> TOTAL_FAILED/HASH_FAILURE/${reason}`, async () => {
        const signed = await signerOf()(fixture("gs-letter.pdf"), docMdp);
        const { catalog } = numbers(signed);
        const n = nextObjectNumber(signed);
        const r = await check(atk.acroFormReplaceXfa(signed));
        expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", reason]);
        // The catalog and the new form are `catalog` changes; the XFA stream is classified on its own.
        expect(changes(r)).toEqual([
          ["catalog", catalog, false],
          ["other", n, false],
          ["catalog", n + 1, false],
        ]);
      });
      it(`a field dropped from a new direct /AcroForm after an ${what} -> TOTAL_FAILED/HASH_FAILURE/${reason}`, async () => {
        const signed = await signerOf()(fixture("minimal-with-simple-form.pdf"), docMdp);
        const { catalog } = numbers(signed);
        const r = await check(atk.acroFormDropField(signed, "TextField1"));
        expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", reason]);
        expect(changes(r)).toEqual([["catalog", catalog, false]]);
      });
      it(`the signature's own field dropped after an ${what} -> TOTAL_FAILED/HASH_FAILURE/${reason}`, async () => {
        const signed = await signerOf()(fixture("gs-letter.pdf"), docMdp);
        const s = scanPdf(signed);
        const view = s.view(s.revisions.length - 1);
        const fields = view.resolve(dictGet(view.resolve(dictGet(view.catalog(), "AcroForm")), "Fields"));
        const first =
          fields !== null && typeof fields === "object" && fields?.kind === "array" ? fields.items[0] : null;
        const t = dictGet(view.resolve(first ?? undefined), "T");
        const name =
          t !== null && typeof t === "object" && t?.kind === "string"
            ? new TextDecoder().decode(t.bytes)
            : "";
        const r = await check(atk.acroFormDropField(signed, name));
        expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", reason]);
        expect(changes(r)).toEqual([["catalog", numbers(signed).catalog, false]]);
      });
    }
    it("a page added after an approval signature -> TOTAL_FAILED/HASH_FAILURE/UNPERMITTED_CHANGES", async () => {
      const signed = await signerOf()(fixture("gs-letter.pdf"));
      const r = await check(atk.pageAdded(signed));
      expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"]);
      expect(changes(r)).toEqual([["page-added-or-removed", numbers(signed).pages, false]]);
    });
    it("a dangling reference of the signed page defined later -> TOTAL_FAILED/HASH_FAILURE/UNPERMITTED_CHANGES", async () => {
      const { pdf, dangling } = atk.danglingPrepare(fixture("gs-letter.pdf"));
      const signed = await signerOf()(pdf);
      expect(verdict(await check(signed))).toEqual(["TOTAL_PASSED", null, undefined]);
      const r = await check(atk.danglingDefine(signed, dangling));
      expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"]);
      expect(changes(r)).toEqual([["other", dangling, false]]);
    });
    const orphanCases: [string, 2 | 3 | undefined, [string, string | null, string | undefined], boolean][] = [
      ["an approval signature", undefined, ["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"], false],
      ["a P=2 certification", 2, ["TOTAL_FAILED", "HASH_FAILURE", "DOCMDP_VIOLATION"], false],
      ["a P=3 certification (annotations allowed)", 3, ["TOTAL_PASSED", null, undefined], true],
    ];
    for (const [what, docMdp, expected, allowed] of orphanCases) {
      it(`a pre-signing orphan annotation linked into /Annots after ${what} -> ${expected.join("/")}`, async () => {
        const { pdf, orphan } = atk.orphanPrepare(fixture("gs-letter.pdf"));
        const signed =
          docMdp === 3 && label.startsWith("our")
            ? await signWithMdp(pdf, { signer: localSigner(), certify: 3 })
            : docMdp === 3
              ? await testSign(pdf, { ...testSignOptions(), docMdp: 3 })
              : await signerOf()(pdf, docMdp);
        expect(verdict(await check(signed))).toEqual(["TOTAL_PASSED", null, undefined]);
        const r = await check(atk.orphanLink(signed, orphan));
        expect(verdict(r)).toEqual(expected);
        expect(r.signatures[0]!.changes.map((c) => [c.kind, c.objectNumber, c.page, c.allowed])).toEqual([
          ["annotation", orphan, 0, allowed],
        ]);
      });
    }
  });
}

describe("/NeedAppearances (test signer)", () => {
  it("turned on after an approval signature -> TOTAL_FAILED/HASH_FAILURE/UNPERMITTED_CHANGES, catalog", async () => {
    const signed = await testSigner(fixture("gs-letter.pdf"));
    const r = await check(atk.acroFormNeedAppearances(signed, true));
    expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"]);
    expect(changes(r)).toEqual([["catalog", numbers(signed).catalog, false]]);
  });
  it("turned on through a reference to a `true` prepared before signing -> TOTAL_FAILED/HASH_FAILURE/UNPERMITTED_CHANGES, catalog", async () => {
    const base = fixture("gs-letter.pdf");
    const prepared = nextObjectNumber(base);
    const signed = await testSigner(appendUpdate(base, [{ num: prepared, text: "true" }]));
    const r = await check(atk.acroFormNeedAppearances(signed, `${prepared} 0 R`));
    expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"]);
    expect(changes(r)).toEqual([["catalog", numbers(signed).catalog, false]]);
  });
  it("set to false after an approval signature -> TOTAL_PASSED, the form change listed", async () => {
    const signed = await testSigner(fixture("gs-letter.pdf"));
    const r = await check(atk.acroFormNeedAppearances(signed, false));
    expect(verdict(r)).toEqual(["TOTAL_PASSED", null, undefined]);
    expect(changes(r)).toEqual([["signature-added", numbers(signed).catalog, true]]);
  });
});

describe("/AcroForm rewritten in place (indirect object, our signer)", () => {
  it("XFA added to the existing /AcroForm object after P=2 -> TOTAL_FAILED/HASH_FAILURE/DOCMDP_VIOLATION", async () => {
    const signed = await ourSigner(fixture("gs-letter.pdf"), 2);
    const { acroForm } = numbers(signed);
    const n = nextObjectNumber(signed);
    const r = await check(atk.acroFormReplaceXfa(signed, { inPlace: true }));
    expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "DOCMDP_VIOLATION"]);
    expect(changes(r)).toEqual([
      ["catalog", acroForm, false],
      ["other", n, false],
    ]);
  });
});

describe("controls: legitimate updates still pass with their changes listed", () => {
  for (const [label, signerOf] of signers) {
    it(`a second signature after the first (${label}): both TOTAL_PASSED, signature-added`, async () => {
      const sign = signerOf();
      const r = await check(await sign(await sign(fixture("gs-letter.pdf"))));
      expect(r.signatures.map((s) => s.indication)).toEqual(["TOTAL_PASSED", "TOTAL_PASSED"]);
      const list = changes(r);
      expect(list.length).toBeGreaterThan(0);
      expect(new Set(list.map(([kind, , allowed]) => `${kind}:${allowed}`))).toEqual(
        new Set(["signature-added:true"]),
      );
    });
    it(`form filling after a P=2 certification (${label}): TOTAL_PASSED, form-fill`, async () => {
      const certified = await signerOf()(fixture("minimal-with-simple-form.pdf"), 2);
      const r = await check(atk.fillTextField(certified, "TextField1", "Jakarta"));
      expect(verdict(r)).toEqual(["TOTAL_PASSED", null, undefined]);
      expect(r.signatures[0]!.changes.map((c) => [c.kind, c.field, c.allowed])).toEqual([
        ["form-fill", "TextField1", true],
      ]);
    });
  }
  it("a DSS update after a P=2 certification (test signer): TOTAL_PASSED, dss-update", async () => {
    const certified = await testSigner(fixture("gs-letter.pdf"), 2);
    const r = await check(testAddDss(certified, { certs: [pki.root.certificate] }));
    expect(verdict(r)).toEqual(["TOTAL_PASSED", null, undefined]);
    const list = changes(r);
    expect(list.length).toBeGreaterThan(0);
    expect(new Set(list.map(([kind, , allowed]) => `${kind}:${allowed}`))).toEqual(
      new Set(["dss-update:true"]),
    );
  });
  for (const certify of [1, 2] as const) {
    it(`B-LTA after a P=${certify} certification (our signer): TOTAL_PASSED, only dss-update and document-timestamp`, async () => {
      const certified = await signWithMdp(fixture("gs-letter.pdf"), {
        signer: localSigner(),
        certify,
      });
      const { pdf } = await extendPdf(certified, {
        level: "B-LTA",
        tsa: { timestamp: (digest) => tsaToken(pki, digest) },
        revocation: memoryRevocationSource({ crls: [await currentCrl(pki), await rootCrl(pki)] }),
        extraCertificates: [pki.root.certificate],
      });
      const r = await check(pdf);
      expect(verdict(r)).toEqual(["TOTAL_PASSED", null, undefined]);
      // The time-stamp's field joins /AcroForm /Fields: a document-timestamp change, allowed at every P.
      expect(new Set(changes(r).map(([kind, , allowed]) => `${kind}:${allowed}`))).toEqual(
        new Set(["dss-update:true", "document-timestamp:true"]),
      );
    });
  }
});
