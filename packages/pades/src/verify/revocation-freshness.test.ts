import { beforeAll, describe, expect, it } from "vitest";
import type { SignatureReport } from "./report";
import {
  createTestPki,
  currentCrl,
  revokeSigner,
  rootCrl,
  signatureTimestamper,
  signerOcsp,
  type TestPki,
  tsaToken,
} from "./testing/test-pki";
import { testAddDss, testSign } from "./testing/test-signer";
import { verify } from "./verify";
import { memoryRevocationSource } from "../ltv/memory-revocation-source";
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
    // The root's CRL (for the issuing CA) is in the DSS; only the signer's data is stale.
    const lt = testAddDss(plain, { certs: [pki.issuing.certificate], crls: [stale, await rootCrl(pki)] });
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
    const ok = testAddDss(plain, {
      certs: [pki.issuing.certificate],
      ocsps: [good],
      crls: [await rootCrl(pki)],
    });
    const t = (await verify(ok, { trustAnchors: [pki.root.certificate] })).signatures[0]!;
    expect(verdict(t)).toEqual(["TOTAL_PASSED", null, null]);
    expect([check(t).status, check(t).source, check(t).type]).toEqual(["good", "dss", "ocsp"]);
    expect(Date.parse(check(t).producedAt!)).toBeGreaterThanOrEqual(now.getTime() - 1000);
    expect(Date.parse(check(t).nextUpdate!)).toBeGreaterThan(now.getTime());
  });
  it("a fresh CRL in the DSS, later covered by a document time-stamp, has that time as its POE", async () => {
    const lt = testAddDss(stamped, {
      certs: [pki.issuing.certificate],
      crls: [await currentCrl(pki), await rootCrl(pki)],
    });
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
    // The CA above the signer is covered by the root's CRL, with the same POE.
    expect(s.signer!.revocationChecks!.map((c) => c.status)).toEqual(["good", "good"]);
    expect(s.signer!.revocationChecks![1]!.poe).toBe(r.signatures[1]!.provenTime);
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
        revocationSource: memoryRevocationSource({ crls: [crl, await rootCrl(p)] }),
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

describe("revocation of the CA certificates of the path (EN 319 102-1 §5.2.6)", () => {
  const reason = (s: SignatureReport) => s.reasons[0] ?? null;
  it("no data for the issuing CA -> INDETERMINATE/TRY_LATER/REVOCATION_DATA_MISSING naming the CA", async () => {
    const lt = testAddDss(plain, { certs: [pki.issuing.certificate], crls: [await currentCrl(pki)] });
    const s = (await verify(lt, { trustAnchors: [pki.root.certificate] })).signatures[0]!;
    expect(verdict(s)).toEqual(["INDETERMINATE", "TRY_LATER", "REVOCATION_DATA_MISSING"]);
    expect(reason(s)?.detail).toBe("CA certificate 1");
    expect(s.signer!.revocationChecks!.map((c) => c.status)).toEqual(["good", "unknown"]);
    // Not required: it passes, and the warning says which certificate went unchecked.
    const loose = (await verify(lt, { trustAnchors: [pki.root.certificate], requireRevocation: false }))
      .signatures[0]!;
    expect(verdict(loose)).toEqual(["TOTAL_PASSED", null, null]);
    expect(loose.warnings).toContainEqual({ code: "REVOCATION_NOT_CHECKED", detail: "CA certificate 1" });
  });
  it("only a stale root CRL: TRY_LATER without a time-stamp, REVOCATION_OUT_OF_BOUNDS_NO_POE with one", async () => {
    const staleRoot = await rootCrl(pki, new Date(Date.now() - 10 * DAY), 86_400);
    const dss = { certs: [pki.issuing.certificate], crls: [await currentCrl(pki), staleRoot] };
    const a = (await verify(testAddDss(plain, dss), { trustAnchors: [pki.root.certificate] })).signatures[0]!;
    expect(verdict(a)).toEqual(["INDETERMINATE", "TRY_LATER", "REVOCATION_STALE"]);
    expect(reason(a)?.detail).toMatch(/^CA certificate 1: newest valid until /);
    const b = (await verify(testAddDss(stamped, dss), { trustAnchors: [pki.root.certificate] }))
      .signatures[0]!;
    expect(verdict(b)).toEqual(["INDETERMINATE", "REVOCATION_OUT_OF_BOUNDS_NO_POE", "REVOCATION_STALE"]);
    expect(b.signer!.revocationChecks!.map((c) => c.status)).toEqual(["good", "stale"]);
  });
  it("the CA's revocation is looked up online when the DSS has none; a failing port changes nothing", async () => {
    const lt = testAddDss(plain, { certs: [pki.issuing.certificate], crls: [await currentCrl(pki)] });
    const asked: number[] = [];
    const root = await rootCrl(pki);
    const s = (
      await verify(lt, {
        trustAnchors: [pki.root.certificate],
        revocationSource: {
          ocsp: async () => undefined,
          crl: async (der) => {
            asked.push(der.length);
            return memoryRevocationSource({ crls: [root] }).crl(der);
          },
        },
      })
    ).signatures[0]!;
    expect(verdict(s)).toEqual(["TOTAL_PASSED", null, null]);
    expect(s.signer!.revocationChecks!.map((c) => [c.status, c.source])).toEqual([
      ["good", "dss"],
      ["good", "online"],
    ]);
    expect(asked).toHaveLength(1); // the signer's DSS CRL is fresh: only the CA was asked about
    const broken = (
      await verify(lt, {
        trustAnchors: [pki.root.certificate],
        revocationSource: {
          ocsp: async () => {
            throw new Error("down");
          },
          crl: async () => {
            throw new Error("down");
          },
        },
      })
    ).signatures[0]!;
    expect(verdict(broken)).toEqual(["INDETERMINATE", "TRY_LATER", "REVOCATION_DATA_MISSING"]);
    expect(reason(broken)?.detail).toBe("CA certificate 1");
  });
  it("a time-stamp's TSA chain is not held to it: the TSA's CA without data does not fail the signature", async () => {
    const lt = testAddDss(stamped, {
      certs: [pki.issuing.certificate],
      crls: [await currentCrl(pki), await rootCrl(pki)],
    });
    const s = (await verify(lt, { trustAnchors: [pki.root.certificate] })).signatures[0]!;
    expect(verdict(s)).toEqual(["TOTAL_PASSED", null, null]);
    expect(s.timestamps[0]?.valid).toBe(true);
  });
});
