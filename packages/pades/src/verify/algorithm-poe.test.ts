import { beforeAll, describe, expect, it } from "vitest";
import {
  algorithmAtPoe,
  checkSignerInfo,
  DIGEST_SUNSETS,
  rsaSunset,
  type SignerInfoResult,
} from "./check-signer-info";
import { OID } from "./oids";
import { DEFAULT_POLICY } from "./options";
import type { SignatureReport } from "./report";
import { buildTestCms } from "./testing/test-cms";
import {
  createTestPki,
  currentCrl,
  oddSigner,
  rootCrl,
  signatureTimestamper,
  type TestPki,
} from "./testing/test-pki";
import { testAddDss, testSign } from "./testing/test-signer";
import { verifyAgainst } from "./testing/setup";
import { verify } from "./verify";
import { verifyFixture } from "../../test/verify-fixtures";

const verdict = (s: SignatureReport) => [s.indication, s.subIndication, s.reasons[0]?.code ?? null];
const content = new TextEncoder().encode("surat dinas nomor 1/2008");
const check = (der: Uint8Array, policy = DEFAULT_POLICY) =>
  checkSignerInfo(der, {
    crypto,
    policy,
    content: [content],
    requireSignedAttrs: true,
    requireSigningCertificate: true,
    contentType: OID.data,
  });

/** The DER of the last signature's /Contents. */
function lastContents(pdf: Uint8Array): Uint8Array {
  const text = new TextDecoder("latin1").decode(pdf);
  const at = text.lastIndexOf("/Contents <") + 11;
  const hex = text.slice(at, text.indexOf(">", at)).replace(/(00)+$/, "");
  return new Uint8Array(hex.match(/../g)!.map((h) => Number.parseInt(h, 16)));
}

describe("algorithm sunset dates (ETSI TS 119 312 / TS 102 176-1, as in EU DSS's default policy)", () => {
  it("dates SHA-1 and MD5, and RSA by modulus size; below 1024 bits never reliable", () => {
    expect(DIGEST_SUNSETS["SHA-1"]?.toISOString()).toBe("2009-01-01T00:00:00.000Z");
    expect(DIGEST_SUNSETS.MD5?.toISOString()).toBe("2005-01-01T00:00:00.000Z");
    expect(DIGEST_SUNSETS["SHA-256"]).toBeUndefined();
    expect(
      [512, 1023, 1024, 1535, 1536, 1899, 1900, 2047, 3072].map(
        (b) => rsaSunset(b)?.getUTCFullYear() ?? null,
      ),
    ).toEqual([null, null, 2009, 2009, 2016, 2016, 2026, 2026, 2029]);
  });
});

describe("past signature validation of weak algorithms (EN 319 102-1 §5.6.2.4)", () => {
  let pki: TestPki;
  let sha1: { certificate: Uint8Array; privateKey: CryptoKey };
  let sound: SignerInfoResult;
  beforeAll(async () => {
    pki = await createTestPki();
    sha1 = await oddSigner(pki, { hash: "SHA-1" });
    sound = await check(await buildTestCms({ content, ...sha1, digest: "SHA-1" }));
  }, 60_000);

  it("a sound SHA-1 signature is INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE, dated 2009-01-01", () => {
    expect([sound.failure?.indication, sound.failure?.sub, sound.failure?.reason.code]).toEqual([
      "INDETERMINATE",
      "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
      "WEAK_DIGEST_ALGORITHM",
    ]);
    expect(sound.weakAlgorithm?.sunset.toISOString()).toBe("2009-01-01T00:00:00.000Z");
  });
  it("passes with a warning only when the proven time lies before the sunset", () => {
    const before = algorithmAtPoe(sound, new Date("2008-12-31T23:59:59Z"));
    expect(before.failure).toBeNull();
    expect(before.warnings.map((w) => w.code)).toEqual(["WEAK_ALGORITHM_BEFORE_SUNSET"]);
    for (const proven of [new Date("2009-01-01T00:00:00Z"), new Date("2020-05-01T00:00:00Z"), null]) {
      const after = algorithmAtPoe(sound, proven);
      expect([after.failure?.sub, after.warnings.length]).toEqual(["CRYPTO_CONSTRAINTS_FAILURE_NO_POE", 0]);
    }
  });
  it("a forged weak signature is TOTAL_FAILED, and no proven time changes that", async () => {
    const badDigest = await check(
      await buildTestCms({ content, ...sha1, digest: "SHA-1", forgeDigest: new Uint8Array(20) }),
    );
    expect([badDigest.failure?.indication, badDigest.failure?.sub, badDigest.weakAlgorithm]).toEqual([
      "TOTAL_FAILED",
      "HASH_FAILURE",
      undefined,
    ]);
    expect(algorithmAtPoe(badDigest, new Date("2008-01-01")).failure?.sub).toBe("HASH_FAILURE");
    // SHA-1 declared, but the value was made with SHA-256 (the key's hash): not a SHA-1 signature.
    const wrongValue = await check(
      await buildTestCms({
        content,
        certificate: pki.signer.certificate,
        privateKey: pki.signer.privateKey,
        digest: "SHA-1",
      }),
    );
    expect([wrongValue.failure?.indication, wrongValue.failure?.sub]).toEqual([
      "TOTAL_FAILED",
      "SIG_CRYPTO_FAILURE",
    ]);
  });
  it("an algorithm the policy refuses without a known date stays CRYPTO_CONSTRAINTS_FAILURE at any time", async () => {
    const strict = { ...DEFAULT_POLICY, weakDigests: ["SHA-256"] };
    const r = await check(
      await buildTestCms({ content, certificate: pki.signer.certificate, privateKey: pki.signer.privateKey }),
      strict,
    );
    expect([r.failure?.sub, r.failure?.reason.code, r.weakAlgorithm]).toEqual([
      "CRYPTO_CONSTRAINTS_FAILURE",
      "WEAK_DIGEST_ALGORITHM",
      undefined,
    ]);
    expect(algorithmAtPoe(r, new Date("2000-01-01")).failure?.sub).toBe("CRYPTO_CONSTRAINTS_FAILURE");
  });
  it("a short RSA key and SHA-1 together: the earlier sunset counts", async () => {
    const both = await oddSigner(pki, { bits: 1536, hash: "SHA-1" });
    const r = await check(await buildTestCms({ content, ...both, digest: "SHA-1" }));
    expect([r.failure?.sub, r.weakAlgorithm?.sunset.getUTCFullYear()]).toEqual([
      "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
      2009,
    ]);
    expect(algorithmAtPoe(r, new Date("2012-01-01")).failure).not.toBeNull();
  });
  it("a SHA-1 PDF signature time-stamped now (after the sunset) -> INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE", async () => {
    const pdf = await testSign(verifyFixture("gs-letter.pdf"), {
      fieldName: "S",
      ...sha1,
      chain: pki.signer.chain,
      cms: { digest: "SHA-1", timestamp: signatureTimestamper(pki) },
    });
    const s = (await verifyAgainst(pki, pdf)).signatures[0]!;
    expect(verdict(s)).toEqual([
      "INDETERMINATE",
      "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
      "WEAK_DIGEST_ALGORITHM",
    ]);
    expect(s.provenTime).not.toBeNull();
    expect(s.timestamps[0]?.valid).toBe(true);
  });
});

describe("a SHA-1 signature time-stamped in 2008 (before the SHA-1 sunset)", () => {
  const at = new Date("2008-06-02T08:00:00Z");
  // Validated in 2010, while every certificate (the TSA's too) is still valid, so the time-stamp
  // stands however its TSA is judged; the algorithm rule looks only at the proven time.
  const checkedAt = new Date("2010-01-04T00:00:00Z");
  let old: TestPki;
  let pdf: Uint8Array;
  beforeAll(async () => {
    old = await createTestPki({ now: () => at });
    const signer = await oddSigner(old, {
      hash: "SHA-1",
      notBefore: new Date("2008-05-01T00:00:00Z"),
      notAfter: new Date("2010-05-01T00:00:00Z"),
    });
    const signed = await testSign(verifyFixture("gs-letter.pdf"), {
      fieldName: "S",
      ...signer,
      chain: old.signer.chain,
      claimedTime: at,
      cms: { digest: "SHA-1", timestamp: signatureTimestamper(old, at) },
    });
    // B-LT as it would have been made then: CRLs of both CAs, current at the time-stamp.
    pdf = testAddDss(signed, {
      certs: [old.issuing.certificate],
      crls: [await currentCrl(old, at), await rootCrl(old, at)],
    });
  }, 60_000);

  it("everything else checks out at the proven time; only the algorithm decision is left", async () => {
    const s = (await verify(pdf, { trustAnchors: [old.root.certificate], now: checkedAt })).signatures[0]!;
    expect(s.provenTime).toBe(at.toISOString());
    expect(s.timestamps[0]?.valid).toBe(true);
    expect(s.signer?.revocationChecks?.map((c) => c.status)).toEqual(["good", "good"]);
    const other = s.reasons.filter((r) => r.code !== "WEAK_DIGEST_ALGORITHM");
    expect(other).toEqual([]);
    // The decision verify-signature makes with that proven time (algorithmAtPoe), on the real
    // byte ranges of the signature:
    const text = new TextDecoder("latin1").decode(pdf);
    const [a, b, c, d] = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/
      .exec(text.slice(text.lastIndexOf("/ByteRange")))!
      .slice(1)
      .map(Number) as [number, number, number, number];
    const signer = await checkSignerInfo(lastContents(pdf), {
      crypto,
      policy: DEFAULT_POLICY,
      content: [pdf.subarray(a, a + b), pdf.subarray(c, c + d)],
      requireSignedAttrs: true,
      requireSigningCertificate: true,
      contentType: OID.data,
    });
    expect(signer.failure?.sub).toBe("CRYPTO_CONSTRAINTS_FAILURE_NO_POE");
    const judged = algorithmAtPoe(signer, new Date(s.provenTime!));
    expect([judged.failure, judged.warnings.map((w) => w.code)]).toEqual([
      null,
      ["WEAK_ALGORITHM_BEFORE_SUNSET"],
    ]);
    // The same file without the time-stamp's proof is not rescued by its claimed /M (2008).
    expect(algorithmAtPoe(signer, null).failure?.sub).toBe("CRYPTO_CONSTRAINTS_FAILURE_NO_POE");
  });

  // Needs verify-signature.ts to judge the signer's algorithm at the proven time (algorithmAtPoe);
  // un-skip when that call is wired (see the lead's note in the session report).
  it("passes with WEAK_ALGORITHM_BEFORE_SUNSET once verify-signature calls algorithmAtPoe", async () => {
    const s = (await verify(pdf, { trustAnchors: [old.root.certificate], now: checkedAt })).signatures[0]!;
    expect(verdict(s)).toEqual(["TOTAL_PASSED", null, null]);
    expect(s.warnings.map((w) => w.code)).toContain("WEAK_ALGORITHM_BEFORE_SUNSET");
  });
});
