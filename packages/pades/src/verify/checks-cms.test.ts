/**
 * Exact verdicts for the CMS checks of check-signer-info.ts (RFC 5652, EN 319 122-1, the
 * algorithm policy): each case breaks one thing of a signature our test signer made.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { beforeAll, describe, expect, it } from "vitest";
import { OID } from "./oids";
import type { AlgorithmPolicy } from "./options";
import { PASSED, verdict } from "./testing/attack-cases";
import { dropSignedAttr, editCms, issueCert, rehash, signedAttr } from "./testing/odd-pki";
import { createTestPki, type TestPki } from "./testing/test-pki";
import { type TestSignOptions, testSign } from "./testing/test-signer";
import { testSignOptions, verifyAgainst } from "./testing/setup";
import { verifyFixture } from "../../test/verify-fixtures";

let pki: TestPki;
let base: Uint8Array;
let signed: Uint8Array;
let opts: TestSignOptions;
const sign = (extra: Partial<TestSignOptions> = {}) => testSign(base, { ...opts, ...extra });
const check = (pdf: Uint8Array, policy?: Partial<AlgorithmPolicy>) =>
  verifyAgainst(pki, pdf, policy ? { policy } : {});

beforeAll(async () => {
  pki = await createTestPki();
  opts = testSignOptions(pki);
  base = verifyFixture("gs-letter.pdf");
  signed = await sign();
}, 60_000);

describe("the CMS editing helper itself", () => {
  it("an edit that changes nothing, re-signed, still passes (so every failure below is the edit's)", async () => {
    expect(verdict(await check(await editCms(signed, () => {}, pki.signer.privateKey)))).toEqual(PASSED);
    expect(verdict(await check(await editCms(signed, () => {})))).toEqual(PASSED);
  });
});

describe("SignedData shape", () => {
  it("two SignerInfos -> TOTAL_FAILED/FORMAT_FAILURE/CMS_SIGNER_COUNT", async () => {
    const pdf = await editCms(signed, (sd) => {
      sd.signerInfos.push(sd.signerInfos[0]!);
    });
    const r = await check(pdf);
    expect(verdict(r)).toEqual(["TOTAL_FAILED", "FORMAT_FAILURE", "CMS_SIGNER_COUNT"]);
    expect(r.signatures[0]!.reasons[0]?.detail).toBe("2 SignerInfos");
  });
  it("eContentType other than id-data -> TOTAL_FAILED/FORMAT_FAILURE/CONTENT_TYPE_MISMATCH", async () => {
    expect(verdict(await check(await sign({ cms: { eContentType: OID.signedData } })))).toEqual([
      "TOTAL_FAILED",
      "FORMAT_FAILURE",
      "CONTENT_TYPE_MISMATCH",
    ]);
  });
  it("content-type signed attribute differing from eContentType -> TOTAL_FAILED/FORMAT_FAILURE/CONTENT_TYPE_MISMATCH", async () => {
    const pdf = await editCms(
      signed,
      (sd) => {
        signedAttr(sd, OID.contentType).values = [new asn1js.ObjectIdentifier({ value: OID.signedData })];
      },
      pki.signer.privateKey,
    );
    expect(verdict(await check(pdf))).toEqual(["TOTAL_FAILED", "FORMAT_FAILURE", "CONTENT_TYPE_MISMATCH"]);
  });
  it("content-type signed attribute missing -> TOTAL_FAILED/FORMAT_FAILURE/CONTENT_TYPE_MISMATCH", async () => {
    const pdf = await editCms(signed, (sd) => dropSignedAttr(sd, OID.contentType), pki.signer.privateKey);
    expect(verdict(await check(pdf))).toEqual(["TOTAL_FAILED", "FORMAT_FAILURE", "CONTENT_TYPE_MISMATCH"]);
  });
  it("message-digest signed attribute missing -> TOTAL_FAILED/FORMAT_FAILURE/MESSAGE_DIGEST_MISSING", async () => {
    const pdf = await editCms(signed, (sd) => dropSignedAttr(sd, OID.messageDigest), pki.signer.privateKey);
    expect(verdict(await check(pdf))).toEqual(["TOTAL_FAILED", "FORMAT_FAILURE", "MESSAGE_DIGEST_MISSING"]);
  });
  it("signer certificate left out of the CMS -> INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND/SIGNER_CERTIFICATE_NOT_FOUND", async () => {
    const pdf = await editCms(signed, (sd) => {
      sd.certificates = sd.certificates!.slice(1);
    });
    expect(verdict(await check(pdf))).toEqual([
      "INDETERMINATE",
      "NO_SIGNING_CERTIFICATE_FOUND",
      "SIGNER_CERTIFICATE_NOT_FOUND",
    ]);
  });
});

describe("SubFilter, detachment and signing-time", () => {
  it("an unknown /SubFilter -> TOTAL_FAILED/FORMAT_FAILURE/SUBFILTER_UNSUPPORTED", async () => {
    const pdf = await sign({ subFilter: "adbe.x509.rsa_sha1" as TestSignOptions["subFilter"] });
    const r = await check(pdf);
    expect([...verdict(r), r.signatures[0]!.reasons[0]?.detail]).toEqual([
      "TOTAL_FAILED",
      "FORMAT_FAILURE",
      "SUBFILTER_UNSUPPORTED",
      "adbe.x509.rsa_sha1",
    ]);
  });
  it("a CMS that encapsulates the content under a detached SubFilter -> TOTAL_FAILED/FORMAT_FAILURE/CMS_NOT_DETACHED", async () => {
    expect(verdict(await check(await sign({ cms: { encapsulate: true } })))).toEqual([
      "TOTAL_FAILED",
      "FORMAT_FAILURE",
      "CMS_NOT_DETACHED",
    ]);
  });
  it("a CMS signing-time attribute passes with SIGNING_TIME_ATTRIBUTE_PRESENT (PAdES uses /M)", async () => {
    const r = await check(await sign({ cms: { signingTime: new Date() } }));
    const s = r.signatures[0]!;
    expect(verdict(r)).toEqual(PASSED);
    expect(s.warnings.map((w) => w.code)).toContain("SIGNING_TIME_ATTRIBUTE_PRESENT");
    expect((await check(signed)).signatures[0]!.warnings.map((w) => w.code)).not.toContain(
      "SIGNING_TIME_ATTRIBUTE_PRESENT",
    );
  });
});

describe("ESS signing-certificate-v2 (EN 319 122-1 §5.2.2)", () => {
  it("missing in ETSI.CAdES.detached -> INDETERMINATE/SIG_CONSTRAINTS_FAILURE/SIGNING_CERTIFICATE_MISSING", async () => {
    expect(verdict(await check(await sign({ cms: { signingCertificateV2: false } })))).toEqual([
      "INDETERMINATE",
      "SIG_CONSTRAINTS_FAILURE",
      "SIGNING_CERTIFICATE_MISSING",
    ]);
  });
  it("missing in adbe.pkcs7.detached is not required -> TOTAL_PASSED", async () => {
    expect(
      verdict(
        await check(await sign({ subFilter: "adbe.pkcs7.detached", cms: { signingCertificateV2: false } })),
      ),
    ).toEqual(PASSED);
  });
  it("hash of another certificate -> INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND/SIGNING_CERTIFICATE_MISMATCH", async () => {
    const other = new Uint8Array(
      await crypto.subtle.digest("SHA-256", pki.issuing.certificate as Uint8Array<ArrayBuffer>),
    );
    const pdf = await editCms(
      signed,
      (sd) => {
        signedAttr(sd, OID.signingCertificateV2).values = [
          new asn1js.Sequence({
            value: [
              new asn1js.Sequence({
                value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: other })] })],
              }),
            ],
          }),
        ];
      },
      pki.signer.privateKey,
    );
    expect(verdict(await check(pdf))).toEqual([
      "INDETERMINATE",
      "NO_SIGNING_CERTIFICATE_FOUND",
      "SIGNING_CERTIFICATE_MISMATCH",
    ]);
  });
});

describe("algorithms and the policy", () => {
  const setDigest = (oid: string) => (sd: pkijs.SignedData) => {
    sd.signerInfos[0]!.digestAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: oid });
  };
  it("MD5 digest -> INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE/WEAK_DIGEST_ALGORITHM", async () => {
    const s = (await check(await editCms(signed, setDigest("1.2.840.113549.2.5")))).signatures[0]!;
    expect([s.indication, s.subIndication, s.reasons[0]?.code, s.reasons[0]?.detail]).toEqual([
      "INDETERMINATE",
      "CRYPTO_CONSTRAINTS_FAILURE",
      "WEAK_DIGEST_ALGORITHM",
      "MD5",
    ]);
  });
  it("an unknown digest algorithm -> INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE/ALGORITHM_UNSUPPORTED", async () => {
    const s = (await check(await editCms(signed, setDigest("1.2.3.4.5")))).signatures[0]!;
    expect([s.indication, s.subIndication, s.reasons[0]?.code, s.reasons[0]?.detail]).toEqual([
      "INDETERMINATE",
      "CRYPTO_CONSTRAINTS_FAILURE",
      "ALGORITHM_UNSUPPORTED",
      "1.2.3.4.5",
    ]);
  });
  it("an unknown signature algorithm -> INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE/ALGORITHM_UNSUPPORTED", async () => {
    const pdf = await editCms(signed, (sd) => {
      sd.signerInfos[0]!.signatureAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: "1.2.3.4.6" });
    });
    const s = (await check(pdf)).signatures[0]!;
    expect([s.indication, s.subIndication, s.reasons[0]?.code, s.reasons[0]?.detail]).toEqual([
      "INDETERMINATE",
      "CRYPTO_CONSTRAINTS_FAILURE",
      "ALGORITHM_UNSUPPORTED",
      "1.2.3.4.6",
    ]);
  });
  // A digest the policy allows but Web Crypto cannot compute (SHA-224; MD5 with weakDigests [])
  // is INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE/ALGORITHM_UNSUPPORTED (it used to throw from
  // digestRanges and end as TOTAL_FAILED/FORMAT_FAILURE/STRUCTURE_DAMAGED).
  it("SHA-224 (allowed, but Web Crypto cannot compute it) -> ALGORITHM_UNSUPPORTED, not STRUCTURE_DAMAGED", async () => {
    expect(verdict(await check(await editCms(signed, setDigest("2.16.840.1.101.3.4.2.4"))))).toEqual([
      "INDETERMINATE",
      "CRYPTO_CONSTRAINTS_FAILURE",
      "ALGORITHM_UNSUPPORTED",
    ]);
  });
  it("MD5 allowed by policy weakDigests [] -> ALGORITHM_UNSUPPORTED, not STRUCTURE_DAMAGED", async () => {
    expect(
      verdict(await check(await editCms(signed, setDigest("1.2.840.113549.2.5")), { weakDigests: [] })),
    ).toEqual(["INDETERMINATE", "CRYPTO_CONSTRAINTS_FAILURE", "ALGORITHM_UNSUPPORTED"]);
  });
  it("policy minRsaBits 4096 makes a sound 2048-bit signature INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE/WEAK_KEY (no time-stamp proves it before the sunset)", async () => {
    expect(verdict(await check(signed))).toEqual(PASSED);
    const s = (await check(signed, { minRsaBits: 4096 })).signatures[0]!;
    expect([s.indication, s.subIndication, s.reasons[0]?.code, s.reasons[0]?.detail]).toEqual([
      "INDETERMINATE",
      "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
      "WEAK_KEY",
      "RSA 2048 bits (reliable until 2026-01-01)",
    ]);
  });
  it("SHA-1 is refused by default and passes the constraint check with policy weakDigests []", async () => {
    // A SHA-1 RSA key of a signer issued by the test PKI (Web Crypto keys carry their hash).
    const odd = await issueCert(pki.issuing, { subject: "CN=SHA1 Signer, O=Teken Test, C=ID", ca: false });
    const sha1 = await sign({
      certificate: odd.certificate,
      privateKey: await rehash(odd.privateKey, "SHA-1"),
      cms: { digest: "SHA-1" },
    });
    expect(verdict(await check(sha1))).toEqual([
      "INDETERMINATE",
      "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
      "WEAK_DIGEST_ALGORITHM",
    ]);
    const r = await check(sha1, { weakDigests: [] });
    expect(verdict(r)).toEqual(PASSED);
    expect([r.signatures[0]!.digestAlgorithm, r.signatures[0]!.signatureAlgorithm]).toEqual([
      "SHA-1",
      "SHA1withRSA",
    ]);
    // weakDigests [] leaves the rest of the policy as given: minRsaBits still applies.
    expect(verdict(await check(sha1, { weakDigests: [], minRsaBits: 4096 }))).toEqual([
      "INDETERMINATE",
      "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
      "WEAK_KEY",
    ]);
  });
});
