/**
 * Control (issue #6): a B-LTA file made by OUR signer and long-term layer, refreshed twice,
 * must come out valid through OUR verifier with revocation required — every signature and
 * document time-stamp TOTAL_PASSED, every later change allowed and listed as a DSS update
 * or a document time-stamp.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { extendPdf, refreshLta } from "../ltv/extend-pdf";
import { memoryRevocationSource } from "../ltv/memory-revocation-source";
import type { TimestampAuthority } from "../ltv/ports";
import { signPdf } from "../sign/sign-pdf";
import type { VerificationReport } from "./report";
import { createTestPki, currentCrl, rootCrl, type TestPki, tsaToken } from "./testing/test-pki";
import { verify } from "./verify";
import { verifyFixture } from "../../test/verify-fixtures";

let pki: TestPki;
let steps: string[][];
let report: VerificationReport;
let reportB: VerificationReport;

beforeAll(async () => {
  pki = await createTestPki();
  const tsa: TimestampAuthority = {
    timestamp: async (digest, hashAlg) => {
      if (hashAlg !== "SHA-256") throw new Error(`test TSA imprints SHA-256 only, asked ${hashAlg}`);
      return tsaToken(pki, digest);
    },
  };
  // CRLs of the issuing CA (signer, TSA) and of the root (issuing CA): revocation data for
  // every certificate below the anchor, so nothing needs requireRevocation: false.
  const revocation = memoryRevocationSource({ crls: [await currentCrl(pki), await rootCrl(pki)] });
  const s = pki.signer;
  const signed = await signPdf(verifyFixture("gs-letter.pdf"), {
    signer: { kind: "local", privateKey: s.privateKey, certificate: s.certificate, chain: s.chain },
  });
  const lta = await extendPdf(signed, { level: "B-LTA", tsa, revocation });
  const once = await refreshLta(lta.pdf, { tsa, revocation });
  const twice = await refreshLta(once.pdf, { tsa, revocation });
  steps = [lta.steps, once.steps, twice.steps].map((x) => [...x]);
  report = await verify(twice.pdf, { trustAnchors: [pki.root.certificate] });
  reportB = await verify(signed, { trustAnchors: [pki.root.certificate], requireRevocation: false });
}, 120_000);

describe("B-LTA refreshed twice, verified by our verifier with revocation required", () => {
  it("the long-term layer did what the control is about (time-stamp, DSS, document time-stamps)", () => {
    expect(steps.at(-1)!.at(-1)).toBe("document-timestamp");
    expect(steps[0]).toContain("dss");
    expect(steps.flat().filter((x) => x === "document-timestamp").length).toBeGreaterThanOrEqual(3);
    // the signature before extension, for comparison: a plain B-B signature
    expect(reportB.signatures.map((s) => [s.indication, s.level])).toEqual([
      ["TOTAL_PASSED", "PAdES-BASELINE-B"],
    ]);
  });
  it("every signature and document time-stamp is TOTAL_PASSED; the signature is PAdES-BASELINE-LTA and LTV-ready", () => {
    expect(report.verdict).toBe("TOTAL_PASSED");
    const [sig, ...rest] = report.signatures;
    expect([sig!.kind, sig!.indication, sig!.subIndication, sig!.reasons, sig!.level]).toEqual([
      "signature",
      "TOTAL_PASSED",
      null,
      [],
      "PAdES-BASELINE-LTA",
    ]);
    expect(sig!.ltv).toEqual({ ready: true, missing: [] });
    expect(rest.length).toBeGreaterThanOrEqual(3);
    for (const ts of rest)
      expect([ts.fieldName, ts.kind, ts.indication, ts.subIndication, ts.reasons]).toEqual([
        ts.fieldName,
        "document-timestamp",
        "TOTAL_PASSED",
        null,
        [],
      ]);
    expect(report.document.documentTimestampCount).toBe(rest.length);
  });
  it("every change after each signature is allowed and is a DSS update or a document time-stamp", () => {
    for (const s of report.signatures) {
      const bad = s.changes.filter(
        (c) => !c.allowed || !["dss-update", "document-timestamp"].includes(c.kind),
      );
      expect([s.fieldName, bad]).toEqual([s.fieldName, []]);
    }
    const kinds = new Set(report.signatures[0]!.changes.map((c) => c.kind));
    expect(kinds).toEqual(new Set(["dss-update", "document-timestamp"]));
    // The newest document time-stamp covers the whole file: nothing after it.
    const last = report.signatures.at(-1)!;
    expect([last.changes, last.coverage.coversWholeFile]).toEqual([[], true]);
  });
  it("the signer's revocation came from the DSS and every path certificate was checked", () => {
    const checks = report.signatures[0]!.signer?.revocationChecks ?? [];
    expect(checks.map((c) => [c.status, c.source])).toEqual([
      ["good", "dss"],
      ["good", "dss"],
    ]);
    // the proven time is the signature time-stamp or the first document time-stamp, never later
    const proven = report.signatures[0]!.provenTime!;
    const docTimes = report.signatures.slice(1).map((s) => s.timestamps[0]!.time!);
    expect(proven <= docTimes[0]!).toBe(true);
  });
});
