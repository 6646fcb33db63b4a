import { beforeAll, describe, expect, it } from "vitest";
import type { SignatureReport } from "./report";
import {
  createTestPki,
  currentCrl,
  revokeSigner,
  signatureTimestamper,
  signerOcsp,
  type TestPki,
  tsaToken,
} from "./testing/test-pki";
import { testAddDss, testSign } from "./testing/test-signer";
import { verify } from "./verify";
import { verifyFixture } from "../../test/verify-fixtures";

const DAY = 86_400_000;
let pki: TestPki;
let plain: Uint8Array;
let stamped: Uint8Array;
beforeAll(async () => {
  pki = await createTestPki();
  const opts = {
    fieldName: "S",
    certificate: pki.signer.certificate,
    chain: pki.signer.chain,
    privateKey: pki.signer.privateKey,
  };
  plain = await testSign(verifyFixture("gs-letter.pdf"), opts);
  stamped = await testSign(verifyFixture("gs-letter.pdf"), {
    ...opts,
    cms: { timestamp: signatureTimestamper(pki) },
  });
}, 60_000);

const verdict = (s: SignatureReport) => [s.indication, s.subIndication, s.reasons[0]?.code ?? null];
const check = (s: SignatureReport) => s.signer!.revocationChecks![0]!;

describe("revocation freshness (EN 319 102-1 §5.2.5)", () => {
  it("a CRL whose nextUpdate passed before now, no time-stamp -> INDETERMINATE/TRY_LATER/REVOCATION_STALE", async () => {
    const stale = await currentCrl(pki, new Date(Date.now() - 10 * DAY), 86_400);
    const lt = testAddDss(plain, { certs: [pki.issuing.certificate], crls: [stale] });
    const s = (await verify(lt, { trustAnchors: [pki.root.certificate] })).signatures[0]!;
    expect(verdict(s)).toEqual(["INDETERMINATE", "TRY_LATER", "REVOCATION_STALE"]);
    expect(s.warnings.map((w) => w.code)).toContain("REVOCATION_STALE");
    expect([check(s).status, check(s).source, check(s).type]).toEqual(["stale", "dss", "crl"]);
    // Not required: it passes, but says so.
    const loose = (await verify(lt, { trustAnchors: [pki.root.certificate], requireRevocation: false }))
      .signatures[0]!;
    expect(loose.indication).toBe("TOTAL_PASSED");
    expect(loose.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(["REVOCATION_STALE", "REVOCATION_NOT_CHECKED"]),
    );
  });
  it("stale at the proven signing time -> INDETERMINATE/REVOCATION_OUT_OF_BOUNDS_NO_POE", async () => {
    const stale = await currentCrl(pki, new Date(Date.now() - 10 * DAY), 86_400);
    const lt = testAddDss(stamped, { certs: [pki.issuing.certificate], crls: [stale] });
    const s = (await verify(lt, { trustAnchors: [pki.root.certificate] })).signatures[0]!;
    expect(verdict(s)).toEqual(["INDETERMINATE", "REVOCATION_OUT_OF_BOUNDS_NO_POE", "REVOCATION_STALE"]);
    expect(check(s).controlTime).toBe(s.provenTime);
  });
  it("a stale DSS CRL is refreshed online when a revocation source is given", async () => {
    const stale = await currentCrl(pki, new Date(Date.now() - 10 * DAY), 86_400);
    const fresh = await currentCrl(pki);
    const lt = testAddDss(plain, { certs: [pki.issuing.certificate], crls: [stale] });
    const s = (
      await verify(lt, {
        trustAnchors: [pki.root.certificate],
        revocationSource: { ocsp: async () => undefined, crl: async () => fresh },
      })
    ).signatures[0]!;
    expect(verdict(s)).toEqual(["TOTAL_PASSED", null, null]);
    expect([check(s).status, check(s).source]).toEqual(["good", "online"]);
    expect(s.warnings.map((w) => w.code)).toContain("REVOCATION_STALE");
  });
  it("an OCSP answer produced in the future is not used -> TRY_LATER with REVOCATION_FROM_FUTURE", async () => {
    const future = await signerOcsp(pki, new Date(Date.now() + 2 * DAY));
    const lt = testAddDss(plain, { certs: [pki.issuing.certificate], ocsps: [future] });
    const s = (await verify(lt, { trustAnchors: [pki.root.certificate] })).signatures[0]!;
    expect(verdict(s)).toEqual(["INDETERMINATE", "TRY_LATER", "REVOCATION_DATA_MISSING"]);
    expect(s.warnings.map((w) => w.code)).toContain("REVOCATION_FROM_FUTURE");
    // The same answer produced now is used, and the report says where it came from and when.
    const now = new Date();
    const good = await signerOcsp(pki, now);
    const ok = testAddDss(plain, { certs: [pki.issuing.certificate], ocsps: [good] });
    const t = (await verify(ok, { trustAnchors: [pki.root.certificate] })).signatures[0]!;
    expect(verdict(t)).toEqual(["TOTAL_PASSED", null, null]);
    expect([check(t).status, check(t).source, check(t).type]).toEqual(["good", "dss", "ocsp"]);
    expect(Date.parse(check(t).producedAt!)).toBeGreaterThanOrEqual(now.getTime() - 1000);
    expect(Date.parse(check(t).nextUpdate!)).toBeGreaterThan(now.getTime());
  });
  it("a fresh CRL in the DSS, later covered by a document time-stamp, has that time as its POE", async () => {
    const lt = testAddDss(stamped, { certs: [pki.issuing.certificate], crls: [await currentCrl(pki)] });
    const lta = await testSign(lt, {
      fieldName: "DocTS",
      certificate: pki.signer.certificate,
      privateKey: pki.signer.privateKey,
      docTimestamp: (d) => tsaToken(pki, d),
    });
    const r = await verify(lta, { trustAnchors: [pki.root.certificate] });
    const s = r.signatures[0]!;
    expect(verdict(s)).toEqual(["TOTAL_PASSED", null, null]);
    expect(check(s).source).toBe("dss");
    expect(check(s).poe).toBe(r.signatures[1]!.provenTime);
    expect(check(s).poe).not.toBeNull();
    // The CA above the signer has no revocation data: listed as unknown, not a failure.
    expect(s.signer!.revocationChecks!.map((c) => c.status)).toEqual(["good", "unknown"]);
  });
  it("revoked after the time-stamp: valid, and the revoking CRL is reported with its revocation time", async () => {
    const p = await createTestPki();
    const signed = await testSign(verifyFixture("gs-letter.pdf"), {
      fieldName: "S",
      certificate: p.signer.certificate,
      chain: p.signer.chain,
      privateKey: p.signer.privateKey,
      cms: { timestamp: signatureTimestamper(p) },
    });
    const at = new Date(Date.now() + 60_000);
    const crl = await revokeSigner(p, at);
    const s = (
      await verify(signed, {
        trustAnchors: [p.root.certificate],
        revocationSource: { ocsp: async () => undefined, crl: async () => crl },
      })
    ).signatures[0]!;
    expect(verdict(s)).toEqual(["TOTAL_PASSED", null, null]);
    expect([check(s).status, check(s).source, check(s).revocationTime]).toEqual([
      "revoked",
      "online",
      new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString(),
    ]);
  }, 60_000);
});
