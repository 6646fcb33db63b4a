/**
 * Exact verdicts for the signature dictionary's own entries (ISO 32000-2 §12.8.1 Table 255,
 * EN 319 142-1 §5.3 / §6.3; check-byte-range.ts `checkSigDict`): /Type and /SubFilter must agree
 * on what the dictionary is (a signature or a document time-stamp), /Filter must be a name.
 * Each case edits the dictionary of a signature our test signer made and signs the edited bytes
 * again, so the dictionary is the only thing wrong.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { verifyFixture } from "../../test/verify-fixtures";
import { checkSigDict } from "./check-byte-range";
import type { PdfDict, PdfValue } from "./pdf-scan/objects";
import type { SignatureReport, VerificationReport } from "./report";
import { resignLast, rewriteSigDict } from "./testing/attacks";
import { buildTestCms } from "./testing/test-cms";
import { createTestPki, type TestPki, tsaToken } from "./testing/test-pki";
import { type TestSignOptions, testSign } from "./testing/test-signer";
import { testSignOptions, verifyAgainst } from "./testing/setup";

let pki: TestPki;
let opts: TestSignOptions;
/** A CAdES signature, an adbe.pkcs7.detached one, and a CAdES one followed by a document time-stamp. */
let cades: Uint8Array;
let pkcs7: Uint8Array;
let withDocTs: Uint8Array;

const check = (pdf: Uint8Array) => verifyAgainst(pki, pdf);

/**
 * [indication, sub-indication, first reason, SIG_DICT_* warnings] of one signature (the test
 * files also carry NO_TIMESTAMP and REVOCATION_NOT_CHECKED, not at issue here).
 */
function verdict(s: SignatureReport): [string, string | null, string | undefined, string[]] {
  const warnings = s.warnings.map((w) => w.code).filter((c) => c.startsWith("SIG_DICT"));
  return [s.indication, s.subIndication, s.reasons[0]?.code, warnings];
}
const sig = (r: VerificationReport, i = 0) => verdict(r.signatures[i]!);

/** Signs the edited signature again as a CMS signature (CAdES-shaped, as the test signer does). */
const resignCms = (pdf: Uint8Array) =>
  resignLast(pdf, (content) =>
    buildTestCms({
      content,
      certificate: pki.signer.certificate,
      chain: pki.signer.chain,
      privateKey: pki.signer.privateKey,
    }),
  );
/** Stamps the edited document time-stamp again (RFC 3161 token over SHA-256 of the range). */
const restamp = (pdf: Uint8Array) =>
  resignLast(pdf, async (content) =>
    tsaToken(pki, new Uint8Array(await crypto.subtle.digest("SHA-256", content as Uint8Array<ArrayBuffer>))),
  );

/** The /M entry the test signer writes: swapped for /Type when the dictionary needs a longer one. */
const M = /\/M \(D:\d{14}Z\)/;

beforeAll(async () => {
  pki = await createTestPki();
  opts = testSignOptions(pki);
  const base = verifyFixture("gs-letter.pdf");
  cades = await testSign(base, opts);
  pkcs7 = await testSign(base, { ...opts, subFilter: "adbe.pkcs7.detached" });
  withDocTs = await testSign(cades, {
    ...opts,
    fieldName: "DocTS",
    docTimestamp: (d) => tsaToken(pki, d),
  });
}, 60_000);

describe("the editing helpers themselves", () => {
  it("an unedited signature and document time-stamp, signed again, pass with no warning", async () => {
    expect(sig(await check(await resignCms(cades)))).toEqual(["TOTAL_PASSED", null, undefined, []]);
    const r = await check(await restamp(withDocTs));
    expect(r.signatures.map((s) => [s.kind, s.indication])).toEqual([
      ["signature", "TOTAL_PASSED"],
      ["document-timestamp", "TOTAL_PASSED"],
    ]);
  });
  it("an edit without signing again breaks the digest (so the tests below sign again)", async () => {
    const r = await check(rewriteSigDict(cades, "/Filter /Adobe.PPKLite", "/Filter /Adobe.PPKLitX"));
    expect(sig(r).slice(0, 3)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "MESSAGE_DIGEST_MISMATCH"]);
  });
});

describe("/Type against /SubFilter: a signature is never judged as a document time-stamp, nor the reverse", () => {
  it("/Type /DocTimeStamp on an ETSI.CAdES.detached signature -> TOTAL_FAILED/FORMAT_FAILURE/SIG_DICT_TYPE_MISMATCH", async () => {
    const edited = rewriteSigDict(rewriteSigDict(cades, "/Type /Sig", ""), M, "/Type /DocTimeStamp");
    const r = await check(await resignCms(edited));
    expect(sig(r)).toEqual(["TOTAL_FAILED", "FORMAT_FAILURE", "SIG_DICT_TYPE_MISMATCH", []]);
    expect(r.signatures[0]!.reasons[0]!.detail).toBe(
      "/Type /DocTimeStamp with /SubFilter /ETSI.CAdES.detached",
    );
  });
  it("/Type /DocTimeStamp on an adbe.pkcs7.detached signature -> TOTAL_FAILED/FORMAT_FAILURE/SIG_DICT_TYPE_MISMATCH", async () => {
    const edited = rewriteSigDict(rewriteSigDict(pkcs7, "/Type /Sig", ""), M, "/Type /DocTimeStamp");
    const r = await check(await resignCms(edited));
    expect(sig(r)).toEqual(["TOTAL_FAILED", "FORMAT_FAILURE", "SIG_DICT_TYPE_MISMATCH", []]);
    expect(r.signatures[0]!.reasons[0]!.detail).toBe(
      "/Type /DocTimeStamp with /SubFilter /adbe.pkcs7.detached",
    );
  });
  it("/Type /Sig on an ETSI.RFC3161 document time-stamp -> TOTAL_FAILED/FORMAT_FAILURE/SIG_DICT_TYPE_MISMATCH; the signature before it still passes", async () => {
    const r = await check(await restamp(rewriteSigDict(withDocTs, "/Type /DocTimeStamp", "/Type /Sig")));
    expect(sig(r, 1)).toEqual(["TOTAL_FAILED", "FORMAT_FAILURE", "SIG_DICT_TYPE_MISMATCH", []]);
    expect(r.signatures[1]!.reasons[0]!.detail).toBe("/SubFilter /ETSI.RFC3161 with /Type /Sig");
    expect(sig(r, 0).slice(0, 3)).toEqual(["TOTAL_PASSED", null, undefined]);
  });
  it("an ETSI.RFC3161 document time-stamp without /Type (required for it) -> TOTAL_FAILED/FORMAT_FAILURE/SIG_DICT_TYPE_MISMATCH", async () => {
    const r = await check(await restamp(rewriteSigDict(withDocTs, "/Type /DocTimeStamp", "")));
    expect(sig(r, 1)).toEqual(["TOTAL_FAILED", "FORMAT_FAILURE", "SIG_DICT_TYPE_MISMATCH", []]);
    expect(r.signatures[1]!.reasons[0]!.detail).toBe("/SubFilter /ETSI.RFC3161 with no /Type");
  });
  it("a signature without /Type (optional for /Sig) passes", async () => {
    const r = await check(await resignCms(rewriteSigDict(cades, "/Type /Sig", "")));
    expect(sig(r)).toEqual(["TOTAL_PASSED", null, undefined, []]);
  });
  it("/Type /Annot (neither /Sig nor /DocTimeStamp) -> TOTAL_FAILED/FORMAT_FAILURE/SIG_DICT_INVALID", async () => {
    const r = await check(await resignCms(rewriteSigDict(cades, "/Type /Sig", "/Type /X")));
    expect(sig(r)).toEqual(["TOTAL_FAILED", "FORMAT_FAILURE", "SIG_DICT_INVALID", []]);
    expect(r.signatures[0]!.reasons[0]!.detail).toBe("/Type /X is neither /Sig nor /DocTimeStamp");
  });
  it("/Type as a string, not a name -> TOTAL_FAILED/FORMAT_FAILURE/SIG_DICT_INVALID", async () => {
    const r = await check(await resignCms(rewriteSigDict(cades, "/Type /Sig", "/Type(Sig)")));
    expect(sig(r)).toEqual(["TOTAL_FAILED", "FORMAT_FAILURE", "SIG_DICT_INVALID", []]);
    expect(r.signatures[0]!.reasons[0]!.detail).toBe("/Type is not a name");
  });
});

describe("/Filter: required, any handler name accepted, only a name", () => {
  it("no /Filter -> TOTAL_PASSED with the warning SIG_DICT_FILTER_MISSING", async () => {
    const r = await check(await resignCms(rewriteSigDict(cades, "/Filter /Adobe.PPKLite", "")));
    expect(sig(r)).toEqual(["TOTAL_PASSED", null, undefined, ["SIG_DICT_FILTER_MISSING"]]);
  });
  it("another handler name (/Entrust.PPKEF) passes with no warning", async () => {
    const r = await check(
      await resignCms(rewriteSigDict(cades, "/Filter /Adobe.PPKLite", "/Filter /Entrust.PPKEF")),
    );
    expect(sig(r)).toEqual(["TOTAL_PASSED", null, undefined, []]);
  });
  it("/Filter as a string -> TOTAL_FAILED/FORMAT_FAILURE/SIG_DICT_INVALID", async () => {
    const r = await check(
      await resignCms(rewriteSigDict(cades, "/Filter /Adobe.PPKLite", "/Filter (Adobe.PPKLit)")),
    );
    expect(sig(r)).toEqual(["TOTAL_FAILED", "FORMAT_FAILURE", "SIG_DICT_INVALID", []]);
    expect(r.signatures[0]!.reasons[0]!.detail).toBe("/Filter is not a name");
  });
  it("/Filter as an array of names -> TOTAL_FAILED/FORMAT_FAILURE/SIG_DICT_INVALID", async () => {
    const r = await check(
      await resignCms(rewriteSigDict(cades, "/Filter /Adobe.PPKLite", "/Filter [/Adobe.PPK]")),
    );
    expect(sig(r)).toEqual(["TOTAL_FAILED", "FORMAT_FAILURE", "SIG_DICT_INVALID", []]);
  });
});

describe("checkSigDict on dictionaries directly", () => {
  const name = (value: string): PdfValue => ({ kind: "name", value });
  const dict = (entries: Record<string, PdfValue>): PdfDict => ({
    kind: "dict",
    entries: new Map(Object.entries(entries)),
    start: 0,
    end: 0,
  });
  const codes = (d: PdfDict) => {
    const r = checkSigDict(d);
    return [r.reasons.map((x) => x.code), r.warnings.map((x) => x.code)];
  };
  it("judges every /Type and /SubFilter pair", () => {
    const F = { Filter: name("Adobe.PPKLite") };
    expect(codes(dict({ ...F, Type: name("Sig"), SubFilter: name("ETSI.CAdES.detached") }))).toEqual([
      [],
      [],
    ]);
    expect(codes(dict({ ...F, Type: name("Sig"), SubFilter: name("adbe.pkcs7.detached") }))).toEqual([
      [],
      [],
    ]);
    expect(codes(dict({ ...F, Type: name("DocTimeStamp"), SubFilter: name("ETSI.RFC3161") }))).toEqual([
      [],
      [],
    ]);
    expect(codes(dict({ ...F, SubFilter: name("ETSI.CAdES.detached") }))).toEqual([[], []]);
    expect(codes(dict({ ...F, Type: name("Sig"), SubFilter: name("ETSI.RFC3161") }))).toEqual([
      ["SIG_DICT_TYPE_MISMATCH"],
      [],
    ]);
    expect(codes(dict({ ...F, Type: name("DocTimeStamp"), SubFilter: name("adbe.x509.rsa_sha1") }))).toEqual([
      ["SIG_DICT_TYPE_MISMATCH"],
      [],
    ]);
    // Missing or unknown SubFilter is the SubFilter check's (SUBFILTER_UNSUPPORTED), not this one's.
    expect(codes(dict({ ...F, Type: name("DocTimeStamp") }))).toEqual([[], []]);
    expect(codes(dict({ ...F, Type: name("Sig"), SubFilter: name("x.y") }))).toEqual([[], []]);
  });
  it("an indirect /Type or /Filter is not a name", () => {
    const ref: PdfValue = { kind: "ref", num: 9, gen: 0 };
    expect(codes(dict({ Filter: ref, Type: name("Sig") }))).toEqual([["SIG_DICT_INVALID"], []]);
    expect(codes(dict({ Filter: name("A"), Type: ref }))).toEqual([["SIG_DICT_INVALID"], []]);
    expect(codes(dict({ Type: name("Sig"), SubFilter: name("ETSI.CAdES.detached") }))).toEqual([
      [],
      ["SIG_DICT_FILTER_MISSING"],
    ]);
    // No SubFilter: SUBFILTER_UNSUPPORTED fails it elsewhere, no /Filter warning on top.
    expect(codes(dict({ Type: name("Sig") }))).toEqual([[], []]);
  });
});
