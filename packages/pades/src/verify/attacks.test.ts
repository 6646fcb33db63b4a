import { beforeAll, describe, expect, it } from "vitest";
import type { Indication, SubIndication, VerificationReport } from "./report";
import * as atk from "./testing/attacks";
import {
  createTestPki,
  oddSigner,
  revokeSigner,
  rootCrl,
  signatureTimestamper,
  type TestPki,
} from "./testing/test-pki";
import { type TestSignOptions, testSign } from "./testing/test-signer";
import { verify } from "./verify";
import { memoryRevocationSource } from "../ltv/memory-revocation-source";
import { verifyFixture } from "../../test/verify-fixtures";

const fixture = verifyFixture;

let pki: TestPki;
let base: Uint8Array;
let signed: Uint8Array;
let signOpts: TestSignOptions;
const sign = (pdf: Uint8Array, extra: Partial<TestSignOptions> = {}) =>
  testSign(pdf, { ...signOpts, ...extra });
const check = (pdf: Uint8Array, opts: { requireRevocation?: boolean } = {}) =>
  verify(pdf, { trustAnchors: [pki.root.certificate], requireRevocation: opts.requireRevocation ?? false });

/** [indication, sub-indication, first reason] of the signature at `index`. */
function verdict(r: VerificationReport, index = 0): [Indication, SubIndication | null, string | undefined] {
  const s = r.signatures[index]!;
  return [s.indication, s.subIndication, s.reasons[0]?.code];
}

beforeAll(async () => {
  pki = await createTestPki();
  signOpts = {
    fieldName: "Signature1",
    certificate: pki.signer.certificate,
    chain: pki.signer.chain,
    privateKey: pki.signer.privateKey,
  };
  base = fixture("gs-letter.pdf");
  signed = await sign(base);
}, 60_000);

describe("the untouched signature is the baseline", () => {
  it("passes", async () => {
    expect(verdict(await check(signed))).toEqual(["TOTAL_PASSED", null, undefined]);
  });
});

describe("Universal Signature Forgery (CCS 2019)", () => {
  const cases: [string, (p: Uint8Array) => Uint8Array, string][] = [
    ["no /Contents", atk.usfNoContents, "CONTENTS_MISSING"],
    ["no /ByteRange", atk.usfNoByteRange, "BYTE_RANGE_MISSING"],
    ["/ByteRange null", atk.usfNullByteRange, "BYTE_RANGE_MISSING"],
    ["/Contents all zeros", atk.usfZeroContents, "CMS_UNPARSABLE"],
    ["/Contents garbage", atk.usfGarbageContents, "CMS_UNPARSABLE"],
  ];
  for (const [name, edit, reason] of cases) {
    it(`${name} -> TOTAL_FAILED/FORMAT_FAILURE/${reason}`, async () => {
      expect(verdict(await check(edit(signed)))).toEqual(["TOTAL_FAILED", "FORMAT_FAILURE", reason]);
    });
  }
});

describe("Signature Wrapping (CCS 2019)", () => {
  const cases: [string, (p: Uint8Array) => Uint8Array, string][] = [
    ["gap larger than /Contents", atk.swaGapTooBig, "BYTE_RANGE_GAP_NOT_CONTENTS"],
    ["overlapping ranges", atk.swaOverlapping, "BYTE_RANGE_INVALID"],
    ["tail not covered", atk.swaTailUncovered, "BYTE_RANGE_NOT_AT_REVISION_END"],
  ];
  for (const [name, edit, reason] of cases) {
    it(`${name} -> TOTAL_FAILED/FORMAT_FAILURE/${reason}`, async () => {
      expect(verdict(await check(edit(signed)))).toEqual(["TOTAL_FAILED", "FORMAT_FAILURE", reason]);
    });
  }
});

describe("Incremental Saving Attack", () => {
  it("new page content in a new revision -> TOTAL_FAILED/HASH_FAILURE/UNPERMITTED_CHANGES, change listed", async () => {
    const r = await check(atk.isaNewContent(signed));
    expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"]);
    expect(
      r.signatures[0]!.changes.some((c) => c.kind === "page-content" && c.page === 0 && !c.allowed),
    ).toBe(true);
    expect(r.signatures[0]!.coverage.coversWholeFile).toBe(false);
  });
  it("objects appended without xref/trailer -> TOTAL_FAILED/HASH_FAILURE/TRAILING_DATA", async () => {
    expect(verdict(await check(atk.isaAppendedObjects(signed)))).toEqual([
      "TOTAL_FAILED",
      "HASH_FAILURE",
      "TRAILING_DATA",
    ]);
  });
  it("a full new xref without /Prev -> TOTAL_FAILED/FORMAT_FAILURE (the signed revision is gone)", async () => {
    expect(verdict(await check(atk.isaFullRewriteXref(signed)))).toEqual([
      "TOTAL_FAILED",
      "FORMAT_FAILURE",
      "BYTE_RANGE_NOT_AT_REVISION_END",
    ]);
  });
});

describe("Shadow attacks (NDSS 2021)", () => {
  let prepared: ReturnType<typeof atk.shadowPrepare>;
  let shadowSigned: Uint8Array;
  beforeAll(async () => {
    prepared = atk.shadowPrepare(base);
    shadowSigned = await sign(prepared.pdf);
  });
  it("the prepared document itself verifies", async () => {
    expect(verdict(await check(shadowSigned))).toEqual(["TOTAL_PASSED", null, undefined]);
  });
  it("hide: xref-only update re-pointing to the old body -> HASH_FAILURE, object-resurrected", async () => {
    const r = await check(atk.shadowHide(shadowSigned, prepared.contentNum));
    expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"]);
    expect(r.signatures[0]!.changes.map((c) => c.kind)).toEqual(["object-resurrected"]);
  });
  it("replace: overriding the content object -> HASH_FAILURE, page-content", async () => {
    const r = await check(atk.shadowReplace(shadowSigned, prepared.contentNum));
    expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"]);
    expect(r.signatures[0]!.changes.map((c) => c.kind)).toContain("page-content");
  });
  it("hide-and-replace: trailer /Root re-pointed, no objects added -> HASH_FAILURE, catalog", async () => {
    const r = await check(atk.shadowHideAndReplace(shadowSigned, prepared.preparedCatalog));
    expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"]);
    expect(r.signatures[0]!.changes.map((c) => c.kind)).toEqual(["catalog"]);
  });
  it("an update that only frees an object -> HASH_FAILURE, object-freed", async () => {
    const r = await check(atk.freeObject(shadowSigned, prepared.contentNum));
    expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"]);
    expect(r.signatures[0]!.changes.map((c) => c.kind)).toEqual(["object-freed"]);
  });
});

describe("Certification attacks (IEEE S&P 2021) and MDP", () => {
  it("evil annotation on a P=2 certified document -> HASH_FAILURE/DOCMDP_VIOLATION", async () => {
    const certified = await sign(base, { docMdp: 2 });
    const r = await check(atk.evilAnnotation(certified));
    expect(verdict(r)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "DOCMDP_VIOLATION"]);
    expect(r.signatures[0]!.certification).toEqual({ permissions: 2 });
  });
  it("the same annotation on a P=3 certified document is allowed and listed", async () => {
    const r = await check(atk.evilAnnotation(await sign(base, { docMdp: 3 })));
    expect(verdict(r)).toEqual(["TOTAL_PASSED", null, undefined]);
    expect(r.signatures[0]!.changes.find((c) => c.kind === "annotation")?.allowed).toBe(true);
  });
  it("sneaky signature: a new visible signature field after P=2 -> HASH_FAILURE/DOCMDP_VIOLATION", async () => {
    const certified = await sign(base, { docMdp: 2 });
    const r = await check(await sign(certified, { fieldName: "Sneaky", rect: [50, 50, 550, 750] }));
    expect(verdict(r, 0)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "DOCMDP_VIOLATION"]);
    expect(verdict(r, 1)).toEqual(["TOTAL_PASSED", null, undefined]);
  });
  it("any new signature after P=1 -> HASH_FAILURE/DOCMDP_VIOLATION", async () => {
    const certified = await sign(base, { docMdp: 1 });
    expect(verdict(await check(await sign(certified, { fieldName: "Second" })))).toEqual([
      "TOTAL_FAILED",
      "HASH_FAILURE",
      "DOCMDP_VIOLATION",
    ]);
  });
  it("a certification signature after an approval signature -> FORMAT_FAILURE/CERTIFICATION_NOT_FIRST; /Perms added breaks the first", async () => {
    const r = await check(await sign(signed, { fieldName: "LateCert", docMdp: 2 }));
    expect(verdict(r, 1)).toEqual(["TOTAL_FAILED", "FORMAT_FAILURE", "CERTIFICATION_NOT_FIRST"]);
    expect(verdict(r, 0)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"]);
    expect(r.signatures[0]!.changes.find((c) => !c.allowed)?.kind).toBe("catalog");
  });
  it("filling a field the signature locks (FieldMDP) -> HASH_FAILURE/FIELDMDP_VIOLATION", async () => {
    const form = fixture("minimal-with-simple-form.pdf");
    const locked = await sign(form, { docMdp: 2, fieldMdp: { action: "Include", fields: ["TextField1"] } });
    expect(verdict(await check(atk.fillTextField(locked, "TextField1", "forged")))).toEqual([
      "TOTAL_FAILED",
      "HASH_FAILURE",
      "FIELDMDP_VIOLATION",
    ]);
  });
  it("filling a field after an approval signature (no DocMDP) -> HASH_FAILURE/UNPERMITTED_CHANGES", async () => {
    const approved = await sign(fixture("minimal-with-simple-form.pdf"));
    expect(verdict(await check(atk.fillTextField(approved, "TextField1", "x")))).toEqual([
      "TOTAL_FAILED",
      "HASH_FAILURE",
      "UNPERMITTED_CHANGES",
    ]);
  });
});

describe("CMS and certificate attacks", () => {
  it("message-digest of other bytes -> TOTAL_FAILED/HASH_FAILURE/MESSAGE_DIGEST_MISMATCH", async () => {
    expect(verdict(await check(await sign(base, { cms: { forgeDigest: new Uint8Array(32) } })))).toEqual([
      "TOTAL_FAILED",
      "HASH_FAILURE",
      "MESSAGE_DIGEST_MISMATCH",
    ]);
  });
  it("a flipped bit in the signature value -> TOTAL_FAILED/SIG_CRYPTO_FAILURE", async () => {
    const pdf = signed.slice();
    const at = new TextDecoder("latin1").decode(pdf).lastIndexOf("/Contents <") + 11;
    // The RSA signature is the last OCTET STRING before the certificates end; flip a byte of it via its hex.
    const hex = new TextDecoder("latin1").decode(pdf.subarray(at, at + 60_000)).replace(/0+>.*/s, "");
    const pos = at + hex.length - 20;
    pdf[pos] = pdf[pos] === 0x30 ? 0x31 : 0x30;
    expect(verdict(await check(pdf))).toEqual(["TOTAL_FAILED", "SIG_CRYPTO_FAILURE", "SIGNATURE_INVALID"]);
  });
  it("no signed attributes in an ETSI.CAdES.detached signature -> TOTAL_FAILED/FORMAT_FAILURE", async () => {
    expect(verdict(await check(await sign(base, { cms: { signedAttrs: false } })))).toEqual([
      "TOTAL_FAILED",
      "FORMAT_FAILURE",
      "SIGNED_ATTRS_MISSING",
    ]);
  });
  it("no signed attributes in adbe.pkcs7.detached is accepted (ISO 32000-2 §12.8.3.3)", async () => {
    expect(
      verdict(
        await check(await sign(base, { subFilter: "adbe.pkcs7.detached", cms: { signedAttrs: false } })),
      ),
    ).toEqual(["TOTAL_PASSED", null, undefined]);
  });
  // SHA-1 and RSA-1024 were reliable until 2009 (algorithmAtPoe): without a time-stamp from
  // before then the sub-indication is CRYPTO_CONSTRAINTS_FAILURE_NO_POE (EN 319 102-1 §5.2.8),
  // no longer the bare CRYPTO_CONSTRAINTS_FAILURE; the signature value is verified first.
  it("SHA-1 -> INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE", async () => {
    const odd = await oddSigner(pki, { hash: "SHA-1" });
    const pdf = await sign(base, { ...odd, chain: pki.signer.chain, cms: { digest: "SHA-1" } });
    expect(verdict(await check(pdf))).toEqual([
      "INDETERMINATE",
      "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
      "WEAK_DIGEST_ALGORITHM",
    ]);
  });
  it("a weak algorithm does not hide a bad signature value: SHA-1 declared, SHA-256 signed -> SIG_CRYPTO_FAILURE", async () => {
    expect(verdict(await check(await sign(base, { cms: { digest: "SHA-1" } })))).toEqual([
      "TOTAL_FAILED",
      "SIG_CRYPTO_FAILURE",
      "SIGNATURE_INVALID",
    ]);
  });
  it("RSA-1024 signer -> INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE", async () => {
    const odd = await oddSigner(pki, { bits: 1024 });
    expect(verdict(await check(await sign(base, { ...odd, chain: pki.signer.chain })))).toEqual([
      "INDETERMINATE",
      "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
      "WEAK_KEY",
    ]);
  });
  it("signer without digitalSignature/nonRepudiation -> INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE", async () => {
    const odd = await oddSigner(pki, { keyUsage: 0x20 });
    expect(verdict(await check(await sign(base, { ...odd, chain: pki.signer.chain })))).toEqual([
      "INDETERMINATE",
      "CHAIN_CONSTRAINTS_FAILURE",
      "KEY_USAGE_NOT_ALLOWED",
    ]);
  });
  it("unknown critical extension -> INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE", async () => {
    const odd = await oddSigner(pki, { criticalUnknown: true });
    expect(verdict(await check(await sign(base, { ...odd, chain: pki.signer.chain })))).toEqual([
      "INDETERMINATE",
      "CHAIN_CONSTRAINTS_FAILURE",
      "UNKNOWN_CRITICAL_EXTENSION",
    ]);
  });
  it("a signer outside the trusted hierarchy -> INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND", async () => {
    const other = await createTestPki();
    expect(
      verdict(await verify(signed, { trustAnchors: [other.root.certificate], requireRevocation: false })),
    ).toEqual(["INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND", "CHAIN_NOT_FOUND"]);
  });
});

describe("revocation and proof of existence", () => {
  it("revoked before the time-stamp -> TOTAL_FAILED/REVOKED; after it -> TOTAL_PASSED; no POE -> REVOKED_NO_POE", async () => {
    const p = await createTestPki();
    const opts = {
      fieldName: "S",
      certificate: p.signer.certificate,
      chain: p.signer.chain,
      privateKey: p.signer.privateKey,
    };
    const withTs = await testSign(base, { ...opts, cms: { timestamp: signatureTimestamper(p) } });
    const noTs = await testSign(base, { ...opts, claimedTime: new Date(Date.now() - 3_600_000) });
    const crlLater = await revokeSigner(p, new Date(Date.now() + 60_000));
    // The root's CRL answers for the issuing CA (revocation is needed for every CA of the path).
    const pRoot = await rootCrl(p);
    const withCrl = (pdf: Uint8Array, crl: Uint8Array) =>
      verify(pdf, {
        trustAnchors: [p.root.certificate],
        revocationSource: memoryRevocationSource({ crls: [crl, pRoot] }),
      });
    expect(verdict(await withCrl(withTs, crlLater))).toEqual(["TOTAL_PASSED", null, undefined]);
    expect(verdict(await withCrl(noTs, crlLater))).toEqual([
      "INDETERMINATE",
      "REVOKED_NO_POE",
      "CERTIFICATE_REVOKED_NO_POE",
    ]);
    const q = await createTestPki();
    const qOpts = {
      fieldName: "S",
      certificate: q.signer.certificate,
      chain: q.signer.chain,
      privateKey: q.signer.privateKey,
    };
    const crlBefore = await revokeSigner(q, new Date(Date.now() - 60_000));
    const lateTs = await testSign(base, { ...qOpts, cms: { timestamp: signatureTimestamper(q) } });
    const r = await verify(lateTs, {
      trustAnchors: [q.root.certificate],
      revocationSource: memoryRevocationSource({ crls: [crlBefore, await rootCrl(q)] }),
    });
    expect(verdict(r)).toEqual(["TOTAL_FAILED", "REVOKED", "CERTIFICATE_REVOKED"]);
  }, 60_000);
});

describe("controls come out valid with their changes listed", () => {
  it("two approval signatures: both pass, the first lists the second as signature-added", async () => {
    const twice = await sign(signed, { fieldName: "Signature2" });
    const r = await check(twice);
    expect(r.signatures.map((s) => s.indication)).toEqual(["TOTAL_PASSED", "TOTAL_PASSED"]);
    expect(new Set(r.signatures[0]!.changes.map((c) => c.kind))).toEqual(new Set(["signature-added"]));
    expect(r.signatures[0]!.changes.every((c) => c.allowed)).toBe(true);
  });
  it("form filling after a P=2 certification passes and is listed as form-fill", async () => {
    const certified = await sign(fixture("minimal-with-simple-form.pdf"), { docMdp: 2 });
    const r = await check(atk.fillTextField(certified, "TextField1", "Jakarta"));
    expect(verdict(r)).toEqual(["TOTAL_PASSED", null, undefined]);
    expect(r.signatures[0]!.changes).toContainEqual(
      expect.objectContaining({ kind: "form-fill", field: "TextField1", allowed: true }),
    );
  });
});
