/**
 * Every attack class of attacks.test.ts, applied to PDFs made by our own signer (src/sign,
 * src/ltv) instead of the test signer: B-B by `signPdf`, certification and field locks by
 * `signWithMdp` / `signAtLevel({ certify, lock })`, B-T/B-LT/B-LTA by `signAtLevel` /
 * `extendPdf`. The byte-level edits come from testing/attacks.ts; attacks on the CMS replace the
 * signature value our signer wrote (`resignLast`) or hand our signer a forged CMS through its
 * CMS-provider port. Each case asserts the exact indication, sub-indication and first reason.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { verifyFixture as fixture } from "../../test/verify-fixtures";
import { extendPdf } from "../ltv/extend-pdf";
import { memoryRevocationSource } from "../ltv/memory-revocation-source";
import type { TimestampAuthority } from "../ltv/ports";
import { signAtLevel } from "../ltv/sign-at-level";
import { signWithMdp } from "../ltv/sign-with-mdp";
import type { SignPdfOptions } from "../sign/sign-pdf";
import { signPdf } from "../sign/sign-pdf";
import type { VerificationReport } from "./report";
import {
  ATTACK_CASES,
  type AttackInputs,
  changes,
  describeVerdict,
  expectedFor,
  observe,
  verdict,
} from "./testing/attack-cases";
import * as atk from "./testing/attacks";
import { buildTestCms, type TestCmsOptions } from "./testing/test-cms";
import {
  createTestPki,
  currentCrl,
  oddSigner,
  revokeSigner,
  rootCrl,
  type TestPki,
  tsaToken,
} from "./testing/test-pki";
import { localSigner, testSignOptions, verifyAgainst } from "./testing/setup";
import { testSign } from "./testing/test-signer";
import { scanPdf } from "./pdf-scan/document";
import { nextObjectNumber } from "./testing/incremental";
import { verify } from "./verify";

let pki: TestPki;
let local: ReturnType<typeof localSigner>;
let tsa: TimestampAuthority;
let base: Uint8Array;
let signed: Uint8Array;
let inputs: AttackInputs;

const sign = (pdf: Uint8Array, extra: Partial<SignPdfOptions> = {}) =>
  signPdf(pdf, { signer: local, ...extra });
const certify = (pdf: Uint8Array, p: 1 | 2 | 3) => signWithMdp(pdf, { signer: local, certify: p });
const check = (pdf: Uint8Array) => verifyAgainst(pki, pdf);
/** The revocation data our B-LT/B-LTA needs: the issuing CA's and the root's CRLs. */
const revocation = async (p: TestPki) =>
  memoryRevocationSource({ crls: [await currentCrl(p), await rootCrl(p)] });
/** What B-LT/B-LTA by signAtLevel or extendPdf needs: the TSA, those CRLs and the root. */
const ltvInputs = async () => ({
  tsa,
  revocation: await revocation(pki),
  extraCertificates: [pki.root.certificate],
});

const kinds = (r: VerificationReport, index = 0) => r.signatures[index]!.changes.map((c) => c.kind);

/** Replaces the CMS our signer wrote with a test CMS over the same byte range. */
const recms = (pdf: Uint8Array, o: Partial<Omit<TestCmsOptions, "content">> = {}): Promise<Uint8Array> =>
  atk.resignLast(pdf, (content) =>
    buildTestCms({
      content,
      certificate: pki.signer.certificate,
      chain: pki.signer.chain,
      privateKey: pki.signer.privateKey,
      ...o,
    }),
  );

beforeAll(async () => {
  pki = await createTestPki();
  local = localSigner(pki);
  tsa = { timestamp: (digest) => tsaToken(pki, digest) };
  base = fixture("gs-letter.pdf");
  signed = await sign(base);
  const shadow = atk.shadowPrepare(base);
  inputs = {
    pki,
    base,
    signed,
    form: fixture("minimal-with-simple-form.pdf"),
    shadow: { ...shadow, signed: await sign(shadow.pdf) },
    sign: (pdf, fieldName) => sign(pdf, fieldName ? { fieldName } : {}),
    certify,
    signAs: (pdf, key) => sign(pdf, { signer: { kind: "local", ...key, chain: pki.signer.chain } }),
  };
}, 60_000);

describe("our signer's untouched B-B signature is the baseline", () => {
  it("passes as PAdES-BASELINE-B", async () => {
    const r = await check(signed);
    expect(verdict(r)).toEqual(["TOTAL_PASSED", null, undefined]);
    expect(r.signatures[0]!.level).toBe("PAdES-BASELINE-B");
    expect(r.signatures[0]!.coverage.coversWholeFile).toBe(true);
  });
});

// The attack table shared with attacks.test.ts (testing/attack-cases.ts), on signPdf /
// signWithMdp output.
for (const group of new Set(ATTACK_CASES.map((c) => c.group))) {
  describe(`${group}, our signer`, () => {
    for (const c of ATTACK_CASES.filter((c) => c.group === group)) {
      const expected = expectedFor(c, "ours");
      it(`${c.name} -> ${describeVerdict(expected)}`, async () => {
        expect(observe(await check(await c.attack(inputs)), expected)).toEqual(expected);
      });
    }
  });
}

describe("Certification attacks and MDP on signWithMdp / signAtLevel output", () => {
  it("the same annotation on a P=3 certified document (signAtLevel certify) is allowed and listed", async () => {
    const { pdf } = await signAtLevel(base, { signer: local, level: "B-B", certify: 3 });
    const r = await check(atk.evilAnnotation(pdf));
    expect(verdict(r)).toEqual(["TOTAL_PASSED", null, undefined]);
    expect(r.signatures[0]!.certification).toEqual({ permissions: 3 });
    expect(r.signatures[0]!.changes.find((c) => c.kind === "annotation")?.allowed).toBe(true);
  });
  it("sneaky signature: a new visible signature (signPdf, visible) after P=2 -> HASH_FAILURE/DOCMDP_VIOLATION", async () => {
    const certified = await certify(base, 2);
    const r = await check(
      await sign(certified, {
        fieldName: "Sneaky",
        visible: { placement: { page: 1, rect: [50, 50, 500, 700] } },
      }),
    );
    expect(verdict(r, 0)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "DOCMDP_VIOLATION"]);
    expect(verdict(r, 1)).toEqual(["TOTAL_PASSED", null, undefined]);
  });
  it("signWithMdp refuses to sign a P=1 document (typed); the attack with plain signPdf is in the table", async () => {
    await expect(signWithMdp(await certify(base, 1), { signer: local })).rejects.toMatchObject({
      code: "LTV_DOCMDP_FORBIDS",
    });
  });
  it("a certification signature after our approval signature -> FORMAT_FAILURE/CERTIFICATION_NOT_FIRST; /Perms added breaks the first", async () => {
    // Our signer refuses a late certification (typed), so the attacker's tool is the test signer.
    await expect(certify(signed, 2)).rejects.toMatchObject({ code: "LTV_CERTIFY_NOT_FIRST" });
    const r = await check(await testSign(signed, { ...testSignOptions(pki, "LateCert"), docMdp: 2 }));
    expect(verdict(r, 1)).toEqual(["TOTAL_FAILED", "FORMAT_FAILURE", "CERTIFICATION_NOT_FIRST"]);
    expect(verdict(r, 0)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"]);
    expect(r.signatures[0]!.changes.find((c) => !c.allowed)?.kind).toBe("catalog");
  });
  it("filling a field the certification locks (signWithMdp certify+lock) -> HASH_FAILURE/FIELDMDP_VIOLATION", async () => {
    const locked = await signWithMdp(fixture("minimal-with-simple-form.pdf"), {
      signer: local,
      certify: 2,
      lock: { action: "Include", fields: ["TextField1"] },
    });
    expect(verdict(await check(locked))).toEqual(["TOTAL_PASSED", null, undefined]);
    expect(verdict(await check(atk.fillTextField(locked, "TextField1", "forged")))).toEqual([
      "TOTAL_FAILED",
      "HASH_FAILURE",
      "FIELDMDP_VIOLATION",
    ]);
  });
  it("filling a field an approval signature locks (signAtLevel lock, no DocMDP) -> HASH_FAILURE/FIELDMDP_VIOLATION", async () => {
    const { pdf: locked } = await signAtLevel(fixture("minimal-with-simple-form.pdf"), {
      signer: local,
      level: "B-B",
      lock: { action: "Include", fields: ["TextField1"] },
    });
    expect(verdict(await check(atk.fillTextField(locked, "TextField1", "forged")))).toEqual([
      "TOTAL_FAILED",
      "HASH_FAILURE",
      "FIELDMDP_VIOLATION",
    ]);
  });
});

describe("CMS and certificate attacks on our signer's signatures", () => {
  it("message-digest of other bytes (a CMS provider that lies) -> TOTAL_FAILED/HASH_FAILURE/MESSAGE_DIGEST_MISMATCH", async () => {
    const pdf = await signPdf(base, {
      signer: {
        kind: "cms",
        signDigest: ({ documentDigest }) =>
          buildTestCms({
            content: documentDigest,
            forgeDigest: new Uint8Array(32),
            certificate: pki.signer.certificate,
            chain: pki.signer.chain,
            privateKey: pki.signer.privateKey,
          }),
      },
    });
    expect(verdict(await check(pdf))).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "MESSAGE_DIGEST_MISMATCH"]);
  });
  it("our CMS replaced by one without signed attributes (ETSI.CAdES.detached) -> TOTAL_FAILED/FORMAT_FAILURE/SIGNED_ATTRS_MISSING", async () => {
    expect(verdict(await check(await recms(signed, { signedAttrs: false })))).toEqual([
      "TOTAL_FAILED",
      "FORMAT_FAILURE",
      "SIGNED_ATTRS_MISSING",
    ]);
  });
  it("no signed attributes in our adbe.pkcs7.detached signature is accepted (ISO 32000-2 §12.8.3.3)", async () => {
    const pkcs7 = await sign(base, { subFilter: "adbe.pkcs7.detached" });
    expect(verdict(await check(await recms(pkcs7, { signedAttrs: false })))).toEqual([
      "TOTAL_PASSED",
      null,
      undefined,
    ]);
  });
  it("SHA-1 (our CMS replaced: our signer offers no SHA-1) -> INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE", async () => {
    const odd = await oddSigner(pki, { hash: "SHA-1" });
    const pdf = await recms(signed, { ...odd, digest: "SHA-1" });
    expect(verdict(await check(pdf))).toEqual([
      "INDETERMINATE",
      "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
      "WEAK_DIGEST_ALGORITHM",
    ]);
  });
  it("a weak algorithm does not hide a bad signature value: SHA-1 declared, SHA-256 signed -> SIG_CRYPTO_FAILURE", async () => {
    expect(verdict(await check(await recms(signed, { digest: "SHA-1" })))).toEqual([
      "TOTAL_FAILED",
      "SIG_CRYPTO_FAILURE",
      "SIGNATURE_INVALID",
    ]);
  });
  it("a signer outside the trusted hierarchy -> INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND", async () => {
    const other = await createTestPki();
    expect(
      verdict(await verify(signed, { trustAnchors: [other.root.certificate], requireRevocation: false })),
    ).toEqual(["INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND", "CHAIN_NOT_FOUND"]);
  });
});

describe("revocation and proof of existence on signAtLevel B-T / signPdf B-B", () => {
  it("revoked after the signature time-stamp -> TOTAL_PASSED; no POE -> REVOKED_NO_POE; revoked before the time-stamp -> REVOKED", async () => {
    const p = await createTestPki();
    const pTsa: TimestampAuthority = { timestamp: (digest) => tsaToken(p, digest) };
    const { pdf: withTs } = await signAtLevel(base, { signer: localSigner(p), level: "B-T", tsa: pTsa });
    const noTs = await signPdf(base, {
      signer: localSigner(p),
      signingTime: new Date(Date.now() - 3_600_000),
    });
    const crlLater = await revokeSigner(p, new Date(Date.now() + 60_000));
    const pRoot = await rootCrl(p);
    const withCrl = (pdf: Uint8Array, crl: Uint8Array) =>
      verify(pdf, {
        trustAnchors: [p.root.certificate],
        revocationSource: memoryRevocationSource({ crls: [crl, pRoot] }),
      });
    const ok = await withCrl(withTs, crlLater);
    expect(verdict(ok)).toEqual(["TOTAL_PASSED", null, undefined]);
    expect(ok.signatures[0]!.level).toBe("PAdES-BASELINE-T");
    expect(verdict(await withCrl(noTs, crlLater))).toEqual([
      "INDETERMINATE",
      "REVOKED_NO_POE",
      "CERTIFICATE_REVOKED_NO_POE",
    ]);
    const q = await createTestPki();
    const crlBefore = await revokeSigner(q, new Date(Date.now() - 60_000));
    const { pdf: lateTs } = await signAtLevel(base, {
      signer: localSigner(q),
      level: "B-T",
      tsa: { timestamp: (digest) => tsaToken(q, digest) },
    });
    const r = await verify(lateTs, {
      trustAnchors: [q.root.certificate],
      revocationSource: memoryRevocationSource({ crls: [crlBefore, await rootCrl(q)] }),
    });
    expect(verdict(r)).toEqual(["TOTAL_FAILED", "REVOKED", "CERTIFICATE_REVOKED"]);
  }, 60_000);
});

describe("attacks after later revisions: B-LTA by signAtLevel, B-LT by extendPdf", () => {
  let lta: Uint8Array;
  beforeAll(async () => {
    ({ pdf: lta } = await signAtLevel(base, { signer: local, level: "B-LTA", ...(await ltvInputs()) }));
  }, 60_000);
  it("the B-LTA file passes: signature LTA, document time-stamp passes", async () => {
    const r = await verify(lta, { trustAnchors: [pki.root.certificate] });
    expect(r.signatures.map((s) => [s.kind, s.indication])).toEqual([
      ["signature", "TOTAL_PASSED"],
      ["document-timestamp", "TOTAL_PASSED"],
    ]);
    expect(r.signatures[0]!.level).toBe("PAdES-BASELINE-LTA");
  });
  it("ISA after the document time-stamp: both fail HASH_FAILURE/UNPERMITTED_CHANGES with page-content", async () => {
    const r = await check(atk.isaNewContent(lta));
    for (const i of [0, 1]) {
      expect(verdict(r, i)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"]);
      expect(r.signatures[i]!.changes.some((c) => c.kind === "page-content" && !c.allowed)).toBe(true);
    }
  });
  it("shadow replace of the page content after the document time-stamp: both fail", async () => {
    const contentNum = 5; // gs-letter.pdf: page 4 0 obj /Contents 5 0 R
    const r = await check(atk.shadowReplace(lta, contentNum));
    expect([verdict(r, 0), verdict(r, 1)]).toEqual([
      ["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"],
      ["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"],
    ]);
    expect(kinds(r, 0)).toContain("page-content");
  });
  it("USF on the document time-stamp (its /Contents zeroed) -> that time-stamp FORMAT_FAILURE/CMS_UNPARSABLE", async () => {
    const r = await check(atk.usfZeroContents(lta));
    expect(verdict(r, 1)).toEqual(["TOTAL_FAILED", "FORMAT_FAILURE", "CMS_UNPARSABLE"]);
    // The signature itself is untouched and its later revisions are still only DSS and a
    // document time-stamp (a broken one): it passes, but a broken time-stamp proves nothing, so
    // its level falls from LTA to LT.
    expect(verdict(r, 0)).toEqual(["TOTAL_PASSED", null, undefined]);
    expect(r.signatures[0]!.level).toBe("PAdES-BASELINE-LT");
    expect(new Set(kinds(r))).toEqual(new Set(["dss-update", "document-timestamp"]));
  });
  it("evil annotation after a P=2 certification extended to B-LT -> HASH_FAILURE/DOCMDP_VIOLATION", async () => {
    // From B-B, extendPdf reaches B-T with a document time-stamp (the /Contents our signer sized
    // has no room for a signature time-stamp), then adds the DSS: the annotation comes two
    // allowed revisions after the certification and is still judged against its P=2.
    const { pdf, steps } = await extendPdf(await certify(base, 2), { level: "B-LT", ...(await ltvInputs()) });
    expect(steps).toEqual(["document-timestamp", "dss"]);
    expect(verdict(await check(pdf))).toEqual(["TOTAL_PASSED", null, undefined]);
    const r = await check(atk.evilAnnotation(pdf));
    expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "DOCMDP_VIOLATION"]);
    expect(r.signatures[0]!.changes.find((c) => !c.allowed)?.kind).toBe("annotation");
  });
});

describe("attacks on our signer's xref-stream output (objstm-letter.pdf), the attacker's revision an xref stream too", () => {
  const xs = (edit: (p: Uint8Array) => Uint8Array) => (p: Uint8Array) => atk.asXrefStreamUpdates(p, edit(p));
  let xsBase: Uint8Array;
  let approved: Uint8Array;
  let certified: Uint8Array;
  /** Object numbers in objstm-letter.pdf: catalog 2, page 5, its content stream 11, /Pages 4. */
  const cases: [string, (p: Uint8Array) => Uint8Array, [string, number][]][] = [
    ["ISA: new page content", xs(atk.isaNewContent), [["page-content", 5]]],
    ["evil annotation", xs(atk.evilAnnotation), [["annotation", -1]]],
    ["page added", xs(atk.pageAdded), [["page-added-or-removed", 4]]],
    [
      "shadow hide of the catalog (back to its compressed entry)",
      (p) => atk.shadowHideXrefStream(p, 2),
      [["object-resurrected", 2]],
    ],
    ["shadow hide of the page", (p) => atk.shadowHideXrefStream(p, 5), [["object-resurrected", 5]]],
    ["shadow replace of the content stream", xs((p) => atk.shadowReplace(p, 11)), [["page-content", 11]]],
    ["an object freed", xs((p) => atk.freeObject(p, 11)), [["object-freed", 11]]],
  ];
  beforeAll(async () => {
    xsBase = fixture("objstm-letter.pdf");
    approved = await sign(xsBase);
    certified = await certify(xsBase, 2);
  });
  it("our signer wrote an xref-stream update, the catalog was in an object stream, both files pass", async () => {
    const s = scanPdf(approved);
    const sections = [...s.sections].sort((a, b) => a.offset - b.offset);
    expect(sections[sections.length - 1]!.style).toBe("stream");
    expect(sections.map((sec) => sec.entries.get(2)?.type).filter((t) => t !== undefined)).toEqual([
      "compressed",
      "offset",
    ]);
    expect(verdict(await check(approved))).toEqual(["TOTAL_PASSED", null, undefined]);
    expect(verdict(await check(certified))).toEqual(["TOTAL_PASSED", null, undefined]);
  });
  for (const [name, edit, expected] of cases) {
    for (const [what, reason] of [
      ["approval", "UNPERMITTED_CHANGES"],
      ["P=2 certification", "DOCMDP_VIOLATION"],
    ] as const) {
      it(`${name} after an ${what} -> TOTAL_FAILED/HASH_FAILURE/${reason}`, async () => {
        const signedXs = what === "approval" ? approved : certified;
        const attacked = edit(signedXs);
        const s = scanPdf(attacked);
        expect([...s.sections].sort((a, b) => a.offset - b.offset).pop()!.style).toBe("stream");
        const r = await check(attacked);
        expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", reason]);
        // -1: the new object's number (the evil annotation's) is the first free one after signing.
        const n = nextObjectNumber(signedXs);
        expect(changes(r)).toEqual(expected.map(([kind, num]) => [kind, num === -1 ? n : num, false]));
      });
    }
  }
  it("control: a second signPdf signature on the xref-stream file passes", async () => {
    const r = await check(await sign(approved, { fieldName: "Signature2" }));
    expect(r.signatures.map((s) => s.indication)).toEqual(["TOTAL_PASSED", "TOTAL_PASSED"]);
    expect(new Set(kinds(r))).toEqual(new Set(["signature-added"]));
  });
});

describe("controls on our signer's files come out valid with their changes listed", () => {
  it("two approval signatures by signPdf: both pass, the first lists only signature-added", async () => {
    const r = await check(await sign(signed, { fieldName: "Signature2" }));
    expect(r.signatures.map((s) => s.indication)).toEqual(["TOTAL_PASSED", "TOTAL_PASSED"]);
    expect(new Set(kinds(r))).toEqual(new Set(["signature-added"]));
    expect(r.signatures[0]!.changes.every((c) => c.allowed)).toBe(true);
  });
  it("form filling after a P=2 certification (signWithMdp) passes and is listed as form-fill", async () => {
    const certified = await certify(fixture("minimal-with-simple-form.pdf"), 2);
    const r = await check(atk.fillTextField(certified, "TextField1", "Jakarta"));
    expect(verdict(r)).toEqual(["TOTAL_PASSED", null, undefined]);
    expect(r.signatures[0]!.changes.map((c) => [c.kind, c.field, c.allowed])).toEqual([
      ["form-fill", "TextField1", true],
    ]);
  });
  it("filling a field the lock leaves free (signWithMdp certify+lock TextField1) passes", async () => {
    const form = fixture("minimal-with-simple-form.pdf");
    const names = new TextDecoder("latin1").decode(form).match(/\/T \(([^)]+)\)/g) ?? [];
    const other = names.map((t) => t.slice(4, -1)).find((n) => n !== "TextField1");
    expect(other).toBeDefined();
    const locked = await signWithMdp(form, {
      signer: local,
      certify: 2,
      lock: { action: "Include", fields: ["TextField1"] },
    });
    const r = await check(atk.fillTextField(locked, other!, "bebas"));
    expect(verdict(r)).toEqual(["TOTAL_PASSED", null, undefined]);
  });
  it("a DSS update after a P=2 certification (signAtLevel B-LT certify) passes, only dss-update", async () => {
    // signAtLevel embeds the signature time-stamp while signing, so the only later revision is the
    // DSS. (extendPdf from a B-B file adds a document time-stamp for B-T when the /Contents has no
    // room for a signature time-stamp; that case is the B-LT evil-annotation test above.)
    const { pdf, steps } = await signAtLevel(base, {
      signer: local,
      level: "B-LT",
      certify: 2,
      ...(await ltvInputs()),
    });
    expect(steps).toEqual(["signature-timestamp", "dss"]);
    const r = await check(pdf);
    expect(r.signatures.length).toBe(1);
    expect(r.signatures[0]!.level).toBe("PAdES-BASELINE-LT");
    expect(verdict(r)).toEqual(["TOTAL_PASSED", null, undefined]);
    expect(new Set(r.signatures[0]!.changes.map((c) => `${c.kind}:${c.allowed}`))).toEqual(
      new Set(["dss-update:true"]),
    );
  });
  it("a second signature after our B-LTA (a refresh-free multi-revision file) passes", async () => {
    const { pdf: lta } = await signAtLevel(base, { signer: local, level: "B-LTA", ...(await ltvInputs()) });
    const r = await check(await sign(lta, { fieldName: "Signature2" }));
    expect(r.signatures.map((s) => [s.kind, s.indication])).toEqual([
      ["signature", "TOTAL_PASSED"],
      ["document-timestamp", "TOTAL_PASSED"],
      ["signature", "TOTAL_PASSED"],
    ]);
    expect(r.signatures[0]!.changes.every((c) => c.allowed)).toBe(true);
  });
  it("a B-LTA refreshed by extendPdf (DSS and a second document time-stamp) passes, all changes allowed", async () => {
    const { pdf: lta } = await signAtLevel(base, { signer: local, level: "B-LTA", ...(await ltvInputs()) });
    const refreshed = await extendPdf(lta, { level: "B-LTA", ...(await ltvInputs()) });
    expect(refreshed.steps).toEqual(["dss", "document-timestamp"]);
    const r = await verify(refreshed.pdf, { trustAnchors: [pki.root.certificate] });
    expect(r.signatures.map((s, i) => [s.kind, ...verdict(r, i)])).toEqual([
      ["signature", "TOTAL_PASSED", null, undefined],
      ["document-timestamp", "TOTAL_PASSED", null, undefined],
      ["document-timestamp", "TOTAL_PASSED", null, undefined],
    ]);
    expect(r.signatures[0]!.level).toBe("PAdES-BASELINE-LTA");
    expect(new Set(r.signatures[0]!.changes.map((c) => `${c.kind}:${c.allowed}`))).toEqual(
      new Set(["dss-update:true", "document-timestamp:true"]),
    );
  });
});
