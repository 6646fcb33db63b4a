import { beforeAll, describe, expect, it } from "vitest";
import {
  createTestPki,
  currentCrl,
  rootCrl,
  signatureTimestamper,
  type TestPki,
  tsaToken,
} from "./testing/test-pki";
import { testSignOptions, verifyAgainst } from "./testing/setup";
import { testAddDss, testSign } from "./testing/test-signer";
import { verify } from "./verify";
import { verifyFixture } from "../../test/verify-fixtures";

const fixture = verifyFixture;

let pki: TestPki;
let signed: Uint8Array;
beforeAll(async () => {
  pki = await createTestPki();
  signed = await testSign(fixture("gs-letter.pdf"), testSignOptions(pki));
}, 60_000);

describe("verify: a clean PAdES B-B signature", () => {
  it("passes with the root as anchor and revocation not required", async () => {
    const r = await verifyAgainst(pki, signed);
    const s = r.signatures[0]!;
    expect([r.verdict, s.indication, s.subIndication, s.level]).toEqual([
      "TOTAL_PASSED",
      "TOTAL_PASSED",
      null,
      "PAdES-BASELINE-B",
    ]);
    expect(s.signer?.name).toBe("Budi Santoso");
    expect(s.coverage.coversWholeFile).toBe(true);
    // exactly these: no warning for the end-of-line after %%EOF that every signer covers
    expect(s.warnings.map((w) => w.code)).toEqual([
      "REVOCATION_NOT_CHECKED",
      "REVOCATION_NOT_CHECKED",
      "NO_TIMESTAMP",
    ]);
  });
  it("is INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND without anchors, never a pass", async () => {
    const s = (await verify(signed, { requireRevocation: false })).signatures[0]!;
    expect([s.indication, s.subIndication, s.reasons[0]?.code]).toEqual([
      "INDETERMINATE",
      "NO_CERTIFICATE_CHAIN_FOUND",
      "NO_TRUST_ANCHORS",
    ]);
  });
  it("is INDETERMINATE/TRY_LATER when revocation is required and there is none", async () => {
    const s = (await verify(signed, { trustAnchors: [pki.root.certificate] })).signatures[0]!;
    expect([s.indication, s.subIndication]).toEqual(["INDETERMINATE", "TRY_LATER"]);
  });
  it("reaches LT only on top of T (a CRL in the DSS of a B-B signature stays B), and LTA with a document time-stamp after it", async () => {
    // The root's CRL covers the issuing CA: EN 319 102-1 asks for revocation data for every
    // certificate of the path but the anchor, so a B-LT DSS holds both.
    const dss = { certs: [pki.issuing.certificate], crls: [await currentCrl(pki), await rootCrl(pki)] };
    // EN 319 142-1 §6.3: B-LT builds on B-T. Validation data without a time-stamp is not LT.
    const untimed = await verify(testAddDss(signed, dss), { trustAnchors: [pki.root.certificate] });
    expect([
      untimed.signatures[0]!.indication,
      untimed.signatures[0]!.level,
      untimed.signatures[0]!.ltv,
    ]).toEqual(["TOTAL_PASSED", "PAdES-BASELINE-B", { ready: false, missing: ["time-stamp"] }]);
    const timed = await testSign(fixture("gs-letter.pdf"), {
      ...testSignOptions(pki),
      cms: { timestamp: signatureTimestamper(pki) },
    });
    const lt = testAddDss(timed, dss);
    const r1 = await verify(lt, { trustAnchors: [pki.root.certificate] });
    expect([r1.signatures[0]!.indication, r1.signatures[0]!.level, r1.signatures[0]!.ltv.ready]).toEqual([
      "TOTAL_PASSED",
      "PAdES-BASELINE-LT",
      true,
    ]);
    const lta = await testSign(lt, {
      fieldName: "DocTS",
      certificate: pki.signer.certificate,
      privateKey: pki.signer.privateKey,
      docTimestamp: (d) => tsaToken(pki, d),
    });
    const r2 = await verify(lta, { trustAnchors: [pki.root.certificate] });
    expect(r2.signatures.map((s) => [s.kind, s.indication, s.level])).toEqual([
      ["signature", "TOTAL_PASSED", "PAdES-BASELINE-LTA"],
      ["document-timestamp", "TOTAL_PASSED", "NOT_ETSI"],
    ]);
    expect(r2.signatures[0]!.changes.map((c) => c.kind)).toContain("dss-update");
  });
  it("is not LT while the DSS lacks revocation data for a CA of the path (only the signer's CRL)", async () => {
    const timed = await testSign(fixture("gs-letter.pdf"), {
      ...testSignOptions(pki),
      cms: { timestamp: signatureTimestamper(pki) },
    });
    const partial = testAddDss(timed, { certs: [pki.issuing.certificate], crls: [await currentCrl(pki)] });
    const s = (await verifyAgainst(pki, partial)).signatures[0]!;
    expect([s.indication, s.level, s.ltv]).toEqual([
      "TOTAL_PASSED",
      "PAdES-BASELINE-T",
      { ready: false, missing: ["revocation data in the DSS"] },
    ]);
  });
  it("reaches T with a signature time-stamp and reports the proven time", async () => {
    const t = await testSign(fixture("gs-letter.pdf"), {
      ...testSignOptions(pki, "S"),
      cms: { timestamp: signatureTimestamper(pki) },
    });
    const s = (await verifyAgainst(pki, t)).signatures[0]!;
    expect([s.indication, s.level, s.timestamps[0]?.valid]).toEqual([
      "TOTAL_PASSED",
      "PAdES-BASELINE-T",
      true,
    ]);
    expect(s.provenTime).not.toBeNull();
  });
});

describe("verify: unreadable input is a report, not an exception", () => {
  it("refuses bytes that are not a PDF", async () => {
    const r = await verify(new TextEncoder().encode("GIF89a not a pdf"));
    expect([r.verdict, r.document.error?.code]).toEqual(["UNREADABLE", "NOT_A_PDF"]);
  });
  it("a /Prev loop appended after signing: falls back to the last readable revision and fails the signature", async () => {
    const at = signed.length;
    const tail = new TextEncoder().encode(
      `xref\n0 1\n0000000000 65535 f \ntrailer\n<</Size 1 /Prev ${at}>>\nstartxref\n${at}\n%%EOF\n`,
    );
    const r = await verify(new Uint8Array([...signed, ...tail]));
    expect([r.verdict, r.signatures[0]?.subIndication, r.signatures[0]?.reasons[0]?.code]).toEqual([
      "TOTAL_FAILED",
      "HASH_FAILURE",
      "TRAILING_DATA",
    ]);
  });
  it("refuses files over maxBytes", async () => {
    expect((await verify(signed, { maxBytes: 100 })).document.error?.code).toBe("TOO_LARGE");
  });
});

describe("verify: the digester port", () => {
  it("hashes the signed ranges in place through the digester, and a wrong digest fails the signature", async () => {
    const calls: { algorithm: string; shared: boolean; lengths: number[] }[] = [];
    const honest = async (parts: readonly Uint8Array[], algorithm: string) => {
      calls.push({
        algorithm,
        shared: parts.every((p) => p.buffer === signed.buffer),
        lengths: parts.map((p) => p.length),
      });
      const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        joined.set(p, at);
        at += p.length;
      }
      return new Uint8Array(await crypto.subtle.digest(algorithm, joined));
    };
    const r = await verifyAgainst(pki, signed, { digester: honest });
    expect(r.verdict).toBe("TOTAL_PASSED");
    const br = r.signatures[0]!.coverage.byteRange!;
    // the two signed ranges, handed over as views of the input (no copy)
    expect(calls).toEqual([{ algorithm: "SHA-256", shared: true, lengths: [br[1], br[3]] }]);
    const liar = async () => new Uint8Array(32);
    const bad = await verifyAgainst(pki, signed, { digester: liar });
    expect([bad.signatures[0]!.indication, bad.signatures[0]!.subIndication]).toEqual([
      "TOTAL_FAILED",
      "HASH_FAILURE",
    ]);
  });
});
