/**
 * Exact verdicts for time-stamps (check-timestamp.ts, verify-signature.ts; RFC 3161,
 * EN 319 102-1 §5.4): a signature time-stamp that fails proves nothing (the level stays B,
 * with a warning); a document time-stamp that fails is itself FAILED or INDETERMINATE.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { beforeAll, describe, expect, it } from "vitest";
import type { SignatureReport, VerificationReport } from "./report";
import { editCms, type OddKey, tokenFrom, tsaWithoutEku } from "./testing/odd-pki";
import { createTestPki, signatureTimestamper, type TestPki, tsaToken } from "./testing/test-pki";
import { type TestSignOptions, testSign } from "./testing/test-signer";
import { testSignOptions, verifyAgainst } from "./testing/setup";
import { verifyFixture } from "../../test/verify-fixtures";

let pki: TestPki;
let other: TestPki;
let noEku: OddKey;
let base: Uint8Array;
let signed: Uint8Array;
let opts: TestSignOptions;
const sha256 = async (b: Uint8Array) =>
  new Uint8Array(await crypto.subtle.digest("SHA-256", b as Uint8Array<ArrayBuffer>));
const sign = (pdf: Uint8Array, extra: Partial<TestSignOptions> = {}) => testSign(pdf, { ...opts, ...extra });
const check = (pdf: Uint8Array) => verifyAgainst(pki, pdf);
const brief = (s: SignatureReport) => [s.kind, s.indication, s.subIndication, s.reasons[0]?.code, s.level];
const codes = (s: SignatureReport) => s.warnings.map((w) => w.code);

beforeAll(async () => {
  [pki, other] = await Promise.all([createTestPki(), createTestPki()]);
  noEku = await tsaWithoutEku(pki);
  opts = testSignOptions(pki);
  base = verifyFixture("gs-letter.pdf");
  signed = await sign(base);
}, 60_000);

/** The signature of a file signed with this signature time-stamp callback. */
async function withSignatureTs(
  timestamp: (sig: Uint8Array) => Promise<Uint8Array>,
): Promise<SignatureReport> {
  return (await check(await sign(base, { cms: { timestamp } }))).signatures[0]!;
}

describe("signature time-stamps that prove nothing leave the signature at B with TIMESTAMP_NOT_VERIFIED", () => {
  it("control: a good signature time-stamp -> TOTAL_PASSED at PAdES-BASELINE-T with its proven time", async () => {
    const s = await withSignatureTs(signatureTimestamper(pki));
    expect(brief(s)).toEqual(["signature", "TOTAL_PASSED", null, undefined, "PAdES-BASELINE-T"]);
    expect(s.timestamps.map((t) => [t.kind, t.valid, t.reasons])).toEqual([
      ["signature-timestamp", true, []],
    ]);
    expect(s.provenTime).toBe(s.timestamps[0]!.time);
    expect(codes(s)).not.toContain("TIMESTAMP_NOT_VERIFIED");
  });
  it("imprint over other bytes -> TIMESTAMP_IMPRINT_MISMATCH, level B, no proven time", async () => {
    const s = await withSignatureTs(() => tsaToken(pki, new Uint8Array(32)));
    expect(brief(s)).toEqual(["signature", "TOTAL_PASSED", null, undefined, "PAdES-BASELINE-B"]);
    expect(s.timestamps.map((t) => [t.valid, t.reasons])).toEqual([
      [false, [{ code: "TIMESTAMP_IMPRINT_MISMATCH" }]],
    ]);
    expect(s.provenTime).toBeNull();
    expect(codes(s)).toEqual(expect.arrayContaining(["TIMESTAMP_NOT_VERIFIED", "NO_TIMESTAMP"]));
  });
  it("a TSA outside the trust anchors -> TIMESTAMP_UNTRUSTED (CHAIN_NOT_FOUND), level B", async () => {
    const s = await withSignatureTs(signatureTimestamper(other));
    expect(brief(s)).toEqual(["signature", "TOTAL_PASSED", null, undefined, "PAdES-BASELINE-B"]);
    expect(s.timestamps.map((t) => [t.valid, t.reasons])).toEqual([
      [false, [{ code: "TIMESTAMP_UNTRUSTED", detail: "CHAIN_NOT_FOUND" }]],
    ]);
    expect(s.provenTime).toBeNull();
    expect(codes(s)).toContain("TIMESTAMP_NOT_VERIFIED");
  });
  it("a TSA certificate without the timeStamping EKU -> TIMESTAMP_UNTRUSTED (KEY_USAGE_NOT_ALLOWED), level B", async () => {
    const s = await withSignatureTs(async (sig) =>
      tokenFrom(noEku, [pki.issuing.certificate], await sha256(sig)),
    );
    expect(brief(s)).toEqual(["signature", "TOTAL_PASSED", null, undefined, "PAdES-BASELINE-B"]);
    expect(s.timestamps.map((t) => [t.valid, t.reasons])).toEqual([
      [false, [{ code: "TIMESTAMP_UNTRUSTED", detail: "KEY_USAGE_NOT_ALLOWED" }]],
    ]);
    expect(s.provenTime).toBeNull();
  });
  it("a token signed with a key that is not the TSA certificate's -> TIMESTAMP_INVALID (SIGNATURE_INVALID), level B", async () => {
    const forger = { ...pki.tsa, privateKey: other.tsa.privateKey };
    const s = await withSignatureTs(async (sig) =>
      tokenFrom(forger, [pki.issuing.certificate], await sha256(sig)),
    );
    expect(brief(s)).toEqual(["signature", "TOTAL_PASSED", null, undefined, "PAdES-BASELINE-B"]);
    expect(s.timestamps.map((t) => [t.valid, t.reasons])).toEqual([
      [false, [{ code: "TIMESTAMP_INVALID", detail: "SIGNATURE_INVALID" }]],
    ]);
    expect(s.provenTime).toBeNull();
  });
});

describe("a signature time-stamp is an unsigned attribute: whatever is wrong with it cannot fail the signature", () => {
  /** The signed file with its signature time-stamp token's SignerInfo digest algorithm replaced. */
  async function tokenDigest(oid: string): Promise<Uint8Array> {
    const pdf = await sign(base, { cms: { timestamp: signatureTimestamper(pki) } });
    return editCms(pdf, (sd) => {
      const attr = sd.signerInfos[0]!.unsignedAttrs!.attributes[0]!;
      const ci = new pkijs.ContentInfo({ schema: attr.values[0] });
      const tsd = new pkijs.SignedData({ schema: ci.content });
      tsd.signerInfos[0]!.digestAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: oid });
      const out = new pkijs.ContentInfo({ contentType: ci.contentType, content: tsd.toSchema(true) });
      attr.values = [asn1js.fromBER(out.toSchema().toBER(false)).result];
    });
  }
  it("a token whose digest algorithm is unknown -> the signature stays TOTAL_PASSED at B, the token TIMESTAMP_INVALID", async () => {
    const s = (await check(await tokenDigest("1.2.3.4.5"))).signatures[0]!;
    expect(brief(s)).toEqual(["signature", "TOTAL_PASSED", null, undefined, "PAdES-BASELINE-B"]);
    expect(s.timestamps.map((t) => [t.valid, t.reasons])).toEqual([
      [false, [{ code: "TIMESTAMP_INVALID", detail: "ALGORITHM_UNSUPPORTED" }]],
    ]);
  });
  // A token digest Web Crypto cannot compute (SHA-224) used to make checkSignerInfo throw, and
  // the SIGNATURE was reported TOTAL_FAILED/FORMAT_FAILURE/STRUCTURE_DAMAGED — anyone could do
  // that to a valid signed file (unsigned attributes are not signed). Now only the token fails.
  it("a token whose digest is SHA-224 -> the signature stays TOTAL_PASSED at B, the token TIMESTAMP_INVALID", async () => {
    const s = (await check(await tokenDigest("2.16.840.1.101.3.4.2.4"))).signatures[0]!;
    expect(brief(s)).toEqual(["signature", "TOTAL_PASSED", null, undefined, "PAdES-BASELINE-B"]);
  });
});

describe("document time-stamps", () => {
  const docTs = async (token: (digest: Uint8Array) => Promise<Uint8Array>): Promise<VerificationReport> =>
    check(await sign(signed, { fieldName: "DocTS", docTimestamp: token }));
  it("control: a good document time-stamp -> TOTAL_PASSED and it becomes the signature's proven time", async () => {
    const r = await docTs((d) => tsaToken(pki, d));
    expect(r.signatures.map(brief)).toEqual([
      ["signature", "TOTAL_PASSED", null, undefined, "PAdES-BASELINE-T"],
      ["document-timestamp", "TOTAL_PASSED", null, undefined, "NOT_ETSI"],
    ]);
    expect(r.signatures[0]!.provenTime).toBe(r.signatures[1]!.timestamps[0]!.time);
  });
  it("imprint over other bytes -> TOTAL_FAILED/HASH_FAILURE/TIMESTAMP_IMPRINT_MISMATCH; the signature gains no proven time", async () => {
    const r = await docTs(() => tsaToken(pki, new Uint8Array(32)));
    expect(r.signatures.map(brief)).toEqual([
      ["signature", "TOTAL_PASSED", null, undefined, "PAdES-BASELINE-B"],
      ["document-timestamp", "TOTAL_FAILED", "HASH_FAILURE", "TIMESTAMP_IMPRINT_MISMATCH", "NOT_ETSI"],
    ]);
    expect(r.signatures[0]!.provenTime).toBeNull();
    expect(r.signatures[1]!.timestamps.map((t) => t.valid)).toEqual([false]);
    expect(r.verdict).toBe("TOTAL_FAILED");
  });
  it("a TSA outside the trust anchors -> INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND/CHAIN_NOT_FOUND", async () => {
    const r = await docTs((d) => tsaToken(other, d));
    expect(r.signatures.map(brief)).toEqual([
      ["signature", "TOTAL_PASSED", null, undefined, "PAdES-BASELINE-B"],
      ["document-timestamp", "INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND", "CHAIN_NOT_FOUND", "NOT_ETSI"],
    ]);
    expect(r.signatures[0]!.provenTime).toBeNull();
  });
  it("a TSA certificate without the timeStamping EKU -> INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE/KEY_USAGE_NOT_ALLOWED", async () => {
    const r = await docTs((d) => tokenFrom(noEku, [pki.issuing.certificate], d));
    expect(r.signatures.map(brief)).toEqual([
      ["signature", "TOTAL_PASSED", null, undefined, "PAdES-BASELINE-B"],
      [
        "document-timestamp",
        "INDETERMINATE",
        "CHAIN_CONSTRAINTS_FAILURE",
        "KEY_USAGE_NOT_ALLOWED",
        "NOT_ETSI",
      ],
    ]);
    expect(r.signatures[1]!.reasons[0]?.detail).toBe("no timeStamping extended key usage");
    expect(r.signatures[0]!.provenTime).toBeNull();
  });
});

describe("claimed time (/M) against the proven time", () => {
  it("/M an hour after the signature time-stamp -> TOTAL_PASSED with CLAIMED_TIME_AFTER_PROVEN_TIME", async () => {
    const later = new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000);
    const pdf = await sign(base, { claimedTime: later, cms: { timestamp: signatureTimestamper(pki) } });
    const s = (await check(pdf)).signatures[0]!;
    expect(brief(s)).toEqual(["signature", "TOTAL_PASSED", null, undefined, "PAdES-BASELINE-T"]);
    expect(s.claimedTime).toBe(later.toISOString());
    expect(codes(s)).toContain("CLAIMED_TIME_AFTER_PROVEN_TIME");
  });
  it("/M an hour before the time-stamp -> no such warning", async () => {
    const earlier = new Date(Date.now() - 3_600_000);
    const pdf = await sign(base, { claimedTime: earlier, cms: { timestamp: signatureTimestamper(pki) } });
    const s = (await check(pdf)).signatures[0]!;
    expect(brief(s)).toEqual(["signature", "TOTAL_PASSED", null, undefined, "PAdES-BASELINE-T"]);
    expect(codes(s)).not.toContain("CLAIMED_TIME_AFTER_PROVEN_TIME");
  });
});
