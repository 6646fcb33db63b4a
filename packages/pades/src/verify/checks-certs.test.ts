/**
 * Exact verdicts for the certificate path checks (build-path.ts, check-certificate.ts;
 * RFC 5280 §6.1, EN 319 102-1 §5.2.6): CA flags, path length, key usage of CAs, validity
 * at the validation time, issuer signatures. Revocation is not required here (it has its own tests).
 */
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { certificateSerial, revokeCertificate } from "@teken/ca";
import { beforeAll, describe, expect, it } from "vitest";
import type { VerificationReport } from "./report";
import { issueCert, type OddKey } from "./testing/odd-pki";
import {
  createTestPki,
  currentCrl,
  oddSigner,
  rootCrl,
  signatureTimestamper,
  type TestPki,
} from "./testing/test-pki";
import { testSign } from "./testing/test-signer";
import { testSignOptions, verifyAgainst } from "./testing/setup";
import { verify } from "./verify";
import { memoryRevocationSource } from "../ltv/memory-revocation-source";
import { verifyFixture } from "../../test/verify-fixtures";

let pki: TestPki;
let base: Uint8Array;
const DAY = 86_400_000;

beforeAll(async () => {
  pki = await createTestPki();
  base = verifyFixture("gs-letter.pdf");
}, 60_000);

/** Signs with `signer`, carrying `chain` in the CMS. */
const signWith = (signer: { certificate: Uint8Array; privateKey: CryptoKey }, chain: readonly Uint8Array[]) =>
  testSign(base, {
    ...testSignOptions(pki),
    certificate: signer.certificate,
    privateKey: signer.privateKey,
    chain,
  });
const check = (pdf: Uint8Array, now?: Date) => verifyAgainst(pki, pdf, now ? { now } : {});

/** [indication, sub-indication, first reason, its detail]. */
function verdict(r: VerificationReport) {
  const s = r.signatures[0]!;
  return [s.indication, s.subIndication, s.reasons[0]?.code, s.reasons[0]?.detail];
}
const leaf = (issuer: OddKey | TestPki["issuing"], extra: Partial<Parameters<typeof issueCert>[1]> = {}) =>
  issueCert(issuer, { subject: "CN=Path Signer, O=Teken Test, C=ID", ca: false, ...extra });

describe("control: a longer path through a proper sub-CA passes", () => {
  it("root -> sub-CA (cA, pathLen 0) -> signer: TOTAL_PASSED with the 3-certificate chain", async () => {
    const sub = await issueCert(pki.root, {
      subject: "CN=Good Sub CA, O=Teken Test, C=ID",
      ca: true,
      pathLen: 0,
    });
    const r = await check(await signWith(await leaf(sub), [sub.certificate, pki.root.certificate]));
    expect(verdict(r)).toEqual(["TOTAL_PASSED", null, undefined, undefined]);
    expect(r.signatures[0]!.signer?.chain.map((c) => c.subject)).toEqual([
      // @peculiar/x509 writes the RDNs in the order of the string, so they read back reversed.
      "C=ID, O=Teken Test, CN=Path Signer",
      "C=ID, O=Teken Test, CN=Good Sub CA",
      "CN=Teken Development Root CA, O=Teken Development (not a real CA), C=ID",
    ]);
  });
});

describe("CA constraints", () => {
  it("an issuer whose basicConstraints say cA=false -> INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE/CA_CONSTRAINTS_VIOLATED", async () => {
    // keyCertSign is set, so only the cA flag is wrong.
    const fake = await issueCert(pki.root, {
      subject: "CN=Not A CA, O=Teken Test, C=ID",
      ca: false,
      keyUsage: x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.digitalSignature,
    });
    expect(
      verdict(await check(await signWith(await leaf(fake), [fake.certificate, pki.root.certificate]))),
    ).toEqual([
      "INDETERMINATE",
      "CHAIN_CONSTRAINTS_FAILURE",
      "CA_CONSTRAINTS_VIOLATED",
      "certificate 1 is not a CA",
    ]);
  });
  it("an issuer without basicConstraints at all -> INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE/CA_CONSTRAINTS_VIOLATED", async () => {
    const fake = await issueCert(pki.root, {
      subject: "CN=No Basic Constraints, O=Teken Test, C=ID",
      keyUsage: x509.KeyUsageFlags.keyCertSign,
    });
    expect(
      verdict(await check(await signWith(await leaf(fake), [fake.certificate, pki.root.certificate]))),
    ).toEqual([
      "INDETERMINATE",
      "CHAIN_CONSTRAINTS_FAILURE",
      "CA_CONSTRAINTS_VIOLATED",
      "certificate 1 is not a CA",
    ]);
  });
  it("a CA without keyCertSign -> INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE/KEY_USAGE_NOT_ALLOWED", async () => {
    const ca = await issueCert(pki.root, {
      subject: "CN=No CertSign CA, O=Teken Test, C=ID",
      ca: true,
      keyUsage: x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.cRLSign,
    });
    expect(
      verdict(await check(await signWith(await leaf(ca), [ca.certificate, pki.root.certificate]))),
    ).toEqual([
      "INDETERMINATE",
      "CHAIN_CONSTRAINTS_FAILURE",
      "KEY_USAGE_NOT_ALLOWED",
      "certificate 1 lacks keyCertSign",
    ]);
  });
  it("a sub-CA below the issuing CA (pathLen 0) -> INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE/PATH_LENGTH_EXCEEDED", async () => {
    const sub = await issueCert(pki.issuing, { subject: "CN=Too Deep CA, O=Teken Test, C=ID", ca: true });
    const pdf = await signWith(await leaf(sub), [
      sub.certificate,
      pki.issuing.certificate,
      pki.root.certificate,
    ]);
    expect(verdict(await check(pdf))).toEqual([
      "INDETERMINATE",
      "CHAIN_CONSTRAINTS_FAILURE",
      "PATH_LENGTH_EXCEEDED",
      "certificate 2 allows 0",
    ]);
  });
});

describe("validity at the validation time", () => {
  it("a signer not yet valid -> TOTAL_FAILED/NOT_YET_VALID/CERTIFICATE_NOT_YET_VALID", async () => {
    const odd = await oddSigner(pki, {
      notBefore: new Date(Date.now() + DAY),
      notAfter: new Date(Date.now() + 30 * DAY),
    });
    expect(verdict(await check(await signWith(odd, pki.signer.chain)))).toEqual([
      "TOTAL_FAILED",
      "NOT_YET_VALID",
      "CERTIFICATE_NOT_YET_VALID",
      "certificate 0",
    ]);
  });
  it("the test PKI's own signer checked at a validation time before its issuance -> TOTAL_FAILED/NOT_YET_VALID", async () => {
    const pdf = await signWith(pki.signer, pki.signer.chain);
    expect(verdict(await check(pdf))).toEqual(["TOTAL_PASSED", null, undefined, undefined]);
    expect(verdict(await check(pdf, new Date(Date.now() - 10 * DAY)))).toEqual([
      "TOTAL_FAILED",
      "NOT_YET_VALID",
      "CERTIFICATE_NOT_YET_VALID",
      "certificate 0",
    ]);
  });
  it("an intermediate CA not yet valid -> INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE/CERTIFICATE_NOT_YET_VALID", async () => {
    const sub = await issueCert(pki.root, {
      subject: "CN=Future CA, O=Teken Test, C=ID",
      ca: true,
      notBefore: new Date(Date.now() + DAY),
      notAfter: new Date(Date.now() + 30 * DAY),
    });
    const pdf = await signWith(await leaf(sub), [sub.certificate, pki.root.certificate]);
    expect(verdict(await check(pdf))).toEqual([
      "INDETERMINATE",
      "CHAIN_CONSTRAINTS_FAILURE",
      "CERTIFICATE_NOT_YET_VALID",
      "certificate 1",
    ]);
  });
  it("an expired signer and no time-stamp -> INDETERMINATE/OUT_OF_BOUNDS_NO_POE/CERTIFICATE_EXPIRED_NO_POE", async () => {
    const odd = await oddSigner(pki, {
      notBefore: new Date(Date.now() - 30 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const s = (await check(await signWith(odd, pki.signer.chain))).signatures[0]!;
    expect([s.indication, s.subIndication, s.reasons[0]?.code]).toEqual([
      "INDETERMINATE",
      "OUT_OF_BOUNDS_NO_POE",
      "CERTIFICATE_EXPIRED_NO_POE",
    ]);
  });
});

describe("issuer signatures", () => {
  // A certificate whose issuer signature does not verify cannot be chained at all: the path
  // builder skips it, so the outcome is "no chain" (the CERTIFICATE_SIGNATURE_INVALID reason
  // code exists in report.ts but no check emits it). Never a pass.
  it("a signer certificate with a broken issuer signature -> INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND/CHAIN_NOT_FOUND", async () => {
    const bad = await leaf(pki.issuing, { corruptSignature: true });
    expect(verdict(await check(await signWith(bad, pki.signer.chain)))).toEqual([
      "INDETERMINATE",
      "NO_CERTIFICATE_CHAIN_FOUND",
      "CHAIN_NOT_FOUND",
      undefined,
    ]);
    // The same key and certificate body with the signature intact passes: only the flipped byte differs.
    const good = new Uint8Array(bad.certificate);
    good[good.length - 1]! ^= 0x01;
    expect(verdict(await check(await signWith({ ...bad, certificate: good }, pki.signer.chain)))).toEqual([
      "TOTAL_PASSED",
      null,
      undefined,
      undefined,
    ]);
  });
  it("an intermediate CA certificate with a broken root signature -> INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND/CHAIN_NOT_FOUND", async () => {
    const broken = new Uint8Array(pki.issuing.certificate);
    broken[broken.length - 1]! ^= 0x01;
    expect(verdict(await check(await signWith(pki.signer, [broken, pki.root.certificate])))).toEqual([
      "INDETERMINATE",
      "NO_CERTIFICATE_CHAIN_FOUND",
      "CHAIN_NOT_FOUND",
      undefined,
    ]);
  });
});

describe("a revoked CA (EN 319 102-1 §5.2.6: every certificate of the path below the anchor)", () => {
  it("issuing CA revoked before the signature, no time-stamp -> INDETERMINATE/REVOKED_CA_NO_POE/CERTIFICATE_REVOKED; with a time-stamp (from a TSA under another, sound CA) before the revocation -> TOTAL_PASSED; a time-stamp from a TSA under the revoked CA proves nothing", async () => {
    const p = await createTestPki();
    const tsaPki = await createTestPki();
    const opts = {
      fieldName: "S",
      certificate: p.signer.certificate,
      chain: p.signer.chain,
      privateKey: p.signer.privateKey,
    };
    // signed and time-stamped now; the CA is revoked a minute later; a second, untimed signature
    const stamped = await testSign(base, { ...opts, cms: { timestamp: signatureTimestamper(tsaPki) } });
    const sameCaTsa = await testSign(base, { ...opts, cms: { timestamp: signatureTimestamper(p) } });
    const untimed = await testSign(base, opts);
    await revokeCertificate(p.store, p.root, {
      serialNumber: certificateSerial(p.issuing.certificate),
      reason: "cACompromise",
      revokedAt: new Date(Date.now() + 60_000),
    });
    const crls = [await currentCrl(p), await rootCrl(p)];
    const run = (pdf: Uint8Array) =>
      verify(pdf, {
        trustAnchors: [p.root.certificate, tsaPki.root.certificate],
        now: new Date(Date.now() + 120_000),
        revocationSource: memoryRevocationSource({ crls }),
      });
    const bad = (await run(untimed)).signatures[0]!;
    expect([bad.indication, bad.subIndication, bad.reasons[0]?.code, bad.reasons[0]?.detail]).toEqual([
      "INDETERMINATE",
      "REVOKED_CA_NO_POE",
      "CERTIFICATE_REVOKED",
      "CA certificate 1",
    ]);
    expect(bad.signer?.revocationChecks?.map((c) => c.status)).toEqual(["good", "revoked"]);
    const good = (await run(stamped)).signatures[0]!;
    expect([good.indication, good.subIndication, good.level]).toEqual([
      "TOTAL_PASSED",
      null,
      "PAdES-BASELINE-T",
    ]);
    // The token's TSA is judged now (no later document time-stamp proves the token older): its
    // CA is revoked (cACompromise), so the token could be forged and gives no proven time.
    const same = (await run(sameCaTsa)).signatures[0]!;
    expect([same.indication, same.subIndication, same.provenTime, same.timestamps[0]?.valid]).toEqual([
      "INDETERMINATE",
      "REVOKED_CA_NO_POE",
      null,
      false,
    ]);
  }, 60_000);
});
