/**
 * Revocation data carried inside the CMS (cms-revocation.ts): Adobe's revocationInfoArchival
 * signed attribute (ISO 32000-2 §12.8.3.3.2) and the SignedData `crls` field (RFC 5652 §10.2.1,
 * RFC 5940 for OCSP). The report says where the deciding data came from ("cms").
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { beforeAll, describe, expect, it } from "vitest";
import type { SignatureReport } from "./report";
import { editCms } from "./testing/odd-pki";
import {
  createTestPki,
  currentCrl,
  revokeSigner,
  rootCrl,
  signatureTimestamper,
  signerOcsp,
  type TestPki,
} from "./testing/test-pki";
import { type TestSignOptions, testSign } from "./testing/test-signer";
import { testSignOptions } from "./testing/setup";
import { verify } from "./verify";
import { verifyFixture } from "../../test/verify-fixtures";

let pki: TestPki;
let base: Uint8Array;
let opts: TestSignOptions;
const sign = (extra: Partial<TestSignOptions> = {}) => testSign(base, { ...opts, ...extra });
/** Revocation required (the default): without the CMS's data these signatures are TRY_LATER. */
const strict = async (pdf: Uint8Array, p = pki) =>
  (await verify(pdf, { trustAnchors: [p.root.certificate] })).signatures[0]!;
const brief = (s: SignatureReport) => [s.indication, s.subIndication, s.reasons[0]?.code, s.level];
const checks = (s: SignatureReport) =>
  (s.signer?.revocationChecks ?? []).map((c) => [
    c.subject.match(/CN=([^,]+)/)?.[1],
    c.status,
    c.source,
    c.type,
  ]);
const SIGNER = "Budi Santoso";
const ISSUING = "Teken Development Issuing CA";

beforeAll(async () => {
  pki = await createTestPki();
  opts = testSignOptions(pki);
  base = verifyFixture("gs-letter.pdf");
}, 60_000);

describe("revocationInfoArchival signed attribute", () => {
  it("control: without revocation data in the CMS (or anywhere) -> INDETERMINATE/TRY_LATER", async () => {
    expect(brief(await strict(await sign()))).toEqual([
      "INDETERMINATE",
      "TRY_LATER",
      "REVOCATION_DATA_MISSING",
      "PAdES-BASELINE-B",
    ]);
  });
  it("CRLs of the issuing CA and the root -> TOTAL_PASSED, both checks from source cms", async () => {
    const pdf = await sign({ cms: { revocation: { crls: [await currentCrl(pki), await rootCrl(pki)] } } });
    const s = await strict(pdf);
    expect(brief(s)).toEqual(["TOTAL_PASSED", null, undefined, "PAdES-BASELINE-B"]);
    expect(checks(s)).toEqual([
      [SIGNER, "good", "cms", "crl"],
      [ISSUING, "good", "cms", "crl"],
    ]);
    expect(s.signer?.revocation).toBe("good");
  });
  it("an OCSP response for the signer (and the root's CRL for the CA) -> TOTAL_PASSED, signer checked by cms/ocsp", async () => {
    const pdf = await sign({
      cms: { revocation: { ocsps: [await signerOcsp(pki)], crls: [await rootCrl(pki)] } },
    });
    const s = await strict(pdf);
    expect(brief(s)).toEqual(["TOTAL_PASSED", null, undefined, "PAdES-BASELINE-B"]);
    expect(checks(s)).toEqual([
      [SIGNER, "good", "cms", "ocsp"],
      [ISSUING, "good", "cms", "crl"],
    ]);
  });
  it("CRLs with the right issuer names but signed by another PKI's CAs are not revocation data -> INDETERMINATE/TRY_LATER", async () => {
    // Every test PKI uses the same CA names: only the CRL signatures tell them apart.
    const other = await createTestPki();
    expect(other.issuing.certificate).not.toEqual(pki.issuing.certificate);
    const pdf = await sign({
      cms: { revocation: { crls: [await currentCrl(other), await rootCrl(other)] } },
    });
    const s = await strict(pdf);
    expect(brief(s)).toEqual(["INDETERMINATE", "TRY_LATER", "REVOCATION_DATA_MISSING", "PAdES-BASELINE-B"]);
    expect(s.signer?.revocation).toBe("unknown");
  }, 60_000);
  it("adbe.pkcs7.detached with good CMS revocation data and a signature time-stamp reaches PKCS7-LT (the Adobe LTV shape); without the time-stamp it stays PKCS7-B (LT builds on T)", async () => {
    const revocation = { crls: [await currentCrl(pki), await rootCrl(pki)] };
    const lt = await sign({
      subFilter: "adbe.pkcs7.detached",
      cms: { revocation, timestamp: signatureTimestamper(pki) },
    });
    expect(brief(await strict(lt))).toEqual(["TOTAL_PASSED", null, undefined, "PKCS7-LT"]);
    const b = await sign({ subFilter: "adbe.pkcs7.detached", cms: { revocation } });
    expect(brief(await strict(b))).toEqual(["TOTAL_PASSED", null, undefined, "PKCS7-B"]);
  });
  it("a CRL in the CMS that revokes the signer before /M -> TOTAL_FAILED/REVOKED/CERTIFICATE_REVOKED", async () => {
    const p = await createTestPki();
    const revoked = await revokeSigner(p, new Date(Date.now() - 3_600_000));
    const pdf = await testSign(base, {
      fieldName: "S",
      certificate: p.signer.certificate,
      chain: p.signer.chain,
      privateKey: p.signer.privateKey,
      cms: { revocation: { crls: [revoked, await rootCrl(p)] } },
    });
    const s = await strict(pdf, p);
    expect(brief(s)).toEqual(["TOTAL_FAILED", "REVOKED", "CERTIFICATE_REVOKED", "PAdES-BASELINE-B"]);
    expect(checks(s)[0]).toEqual([SIGNER, "revoked", "cms", "crl"]);
  }, 60_000);
});

describe("SignedData crls field (revocationInfoChoices)", () => {
  it("CRLs in the crls field -> TOTAL_PASSED, checks from source cms", async () => {
    const crls = [await currentCrl(pki), await rootCrl(pki)];
    const pdf = await editCms(await sign(), (sd) => {
      sd.crls = crls.map((d) => new pkijs.CertificateRevocationList({ schema: asn1js.fromBER(d).result }));
    });
    const s = await strict(pdf);
    expect(brief(s)).toEqual(["TOTAL_PASSED", null, undefined, "PAdES-BASELINE-B"]);
    expect(checks(s)).toEqual([
      [SIGNER, "good", "cms", "crl"],
      [ISSUING, "good", "cms", "crl"],
    ]);
  });
  it("an OCSP response as RFC 5940 OtherRevocationInfoFormat -> the signer is checked by cms/ocsp", async () => {
    const ocsp = await signerOcsp(pki);
    const root = await rootCrl(pki);
    const pdf = await editCms(await sign(), (sd) => {
      sd.crls = [
        new pkijs.CertificateRevocationList({ schema: asn1js.fromBER(root).result }),
        new pkijs.OtherRevocationInfoFormat({
          otherRevInfoFormat: "1.3.6.1.5.5.7.16.2",
          otherRevInfo: asn1js.fromBER(ocsp).result,
        }),
      ];
    });
    const s = await strict(pdf);
    expect(brief(s)).toEqual(["TOTAL_PASSED", null, undefined, "PAdES-BASELINE-B"]);
    expect(checks(s)).toEqual([
      [SIGNER, "good", "cms", "ocsp"],
      [ISSUING, "good", "cms", "crl"],
    ]);
  });
});
