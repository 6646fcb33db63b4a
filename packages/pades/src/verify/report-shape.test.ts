/**
 * The report is a versioned, stable JSON format (report.ts, docs/verification.md): these tests
 * pin the set of keys at every level, so removing or renaming a field fails here (adding one
 * means updating this list and, if incompatible, REPORT_VERSION).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { REPORT_VERSION, type SignatureReport, type VerificationReport } from "./report";
import * as atk from "./testing/attacks";
import {
  createTestPki,
  currentCrl,
  rootCrl,
  signatureTimestamper,
  type TestPki,
  tsaToken,
} from "./testing/test-pki";
import { testSignOptions } from "./testing/setup";
import { testSign } from "./testing/test-signer";
import { verify } from "./verify";
import { verifyFixture } from "../../test/verify-fixtures";

let pki: TestPki;
let report: VerificationReport;
let broken: VerificationReport;
const keys = (o: object | null | undefined) => Object.keys(o ?? {}).sort();

const SIGNATURE_KEYS = [
  "certification",
  "changes",
  "claimedTime",
  "coverage",
  "digestAlgorithm",
  "fieldName",
  "indication",
  "kind",
  "level",
  "location",
  "ltv",
  "provenTime",
  "reason",
  "reasons",
  "signatureAlgorithm",
  "signer",
  "subFilter",
  "subIndication",
  "timestamps",
  "warnings",
];

beforeAll(async () => {
  pki = await createTestPki();
  // A signature with a signature time-stamp and CMS revocation data, then a document
  // time-stamp: every optional part of the report is filled.
  const signed = await testSign(verifyFixture("gs-letter.pdf"), {
    ...testSignOptions(pki),
    docMdp: 2,
    cms: {
      timestamp: signatureTimestamper(pki),
      revocation: { crls: [await currentCrl(pki), await rootCrl(pki)] },
    },
  });
  const stamped = await testSign(signed, {
    fieldName: "DocTS",
    certificate: pki.signer.certificate,
    privateKey: pki.signer.privateKey,
    docTimestamp: (d) => tsaToken(pki, d),
  });
  report = await verify(stamped, { trustAnchors: [pki.root.certificate] });
  broken = await verify(atk.usfGarbageContents(signed), { trustAnchors: [pki.root.certificate] });
}, 60_000);

describe("report shape", () => {
  it("is the passing report the shape tests are about (so every part below is filled)", () => {
    expect(report.signatures.map((s) => [s.kind, s.indication, s.level])).toEqual([
      ["signature", "TOTAL_PASSED", "PAdES-BASELINE-T"],
      ["document-timestamp", "TOTAL_PASSED", "NOT_ETSI"],
    ]);
  });
  it("top level and document", () => {
    expect(report.version).toBe(REPORT_VERSION);
    expect(REPORT_VERSION).toBe("teken.verify/1");
    expect(keys(report)).toEqual(["document", "signatures", "validationTime", "verdict", "version"]);
    expect(keys(report.document)).toEqual([
      "documentTimestampCount",
      "encryption",
      "error",
      "fileSize",
      "readable",
      "revisions",
      "signatureCount",
    ]);
  });
  it("a signature entry, for a passing signature, a document time-stamp and a refused CMS alike", () => {
    for (const s of [...report.signatures, ...broken.signatures]) expect(keys(s)).toEqual(SIGNATURE_KEYS);
    expect(broken.signatures.map((s) => [s.indication, s.reasons[0]?.code, s.signer])).toEqual([
      ["TOTAL_FAILED", "CMS_UNPARSABLE", null],
    ]);
  });
  it("the parts of a signature entry", () => {
    const s: SignatureReport = report.signatures[0]!;
    expect(keys(s.signer)).toEqual([
      "chain",
      "email",
      "issuer",
      "name",
      "notAfter",
      "notBefore",
      "revocation",
      "revocationChecks",
      "serialNumber",
      "subject",
      "trusted",
    ]);
    expect(s.signer!.chain.length).toBe(3);
    for (const c of s.signer!.chain)
      expect(keys(c)).toEqual(["issuer", "notAfter", "notBefore", "serialNumber", "sha256", "subject"]);
    expect(s.signer!.revocationChecks!.length).toBe(2);
    for (const c of s.signer!.revocationChecks!)
      expect(keys(c)).toEqual([
        "controlTime",
        "nextUpdate",
        "poe",
        "producedAt",
        "revocationTime",
        "serialNumber",
        "source",
        "status",
        "subject",
        "thisUpdate",
        "type",
      ]);
    expect(s.timestamps.length).toBe(1);
    for (const t of [...s.timestamps, ...report.signatures[1]!.timestamps])
      expect(keys(t)).toEqual(["kind", "reasons", "time", "tsaName", "valid"]);
    expect(keys(s.coverage)).toEqual(["byteRange", "coversWholeFile", "fileSize", "revision"]);
    expect(keys(s.ltv)).toEqual(["missing", "ready"]);
    expect(s.certification).toEqual({ permissions: 2 });
    expect(s.changes.length).toBeGreaterThan(0);
    for (const c of s.changes)
      expect(keys(c)).toEqual(["allowed", "field", "kind", "objectNumber", "page", "revision"]);
    for (const w of s.warnings) expect(keys(w).every((k) => k === "code" || k === "detail")).toBe(true);
    for (const r of broken.signatures[0]!.reasons)
      expect(keys(r).every((k) => k === "code" || k === "detail")).toBe(true);
  });
  it("times are ISO 8601 strings", () => {
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
    const s = report.signatures[0]!;
    for (const t of [
      report.validationTime,
      s.provenTime,
      s.claimedTime,
      s.signer!.notBefore,
      s.signer!.notAfter,
    ])
      expect(t).toMatch(iso);
  });
  it("is plain JSON: a round trip through JSON.stringify changes nothing (no Dates, no undefined, no class instances)", () => {
    for (const r of [report, broken]) expect(JSON.parse(JSON.stringify(r))).toStrictEqual(r);
  });
  it("an unreadable file has the same top level and a document without signatures", async () => {
    const r = await verify(new TextEncoder().encode("not a pdf"));
    expect(keys(r)).toEqual(["document", "signatures", "validationTime", "verdict", "version"]);
    // `encryption` is optional in the type and absent here (it is null for a readable clear file).
    expect(keys(r.document)).toEqual([
      "documentTimestampCount",
      "error",
      "fileSize",
      "readable",
      "revisions",
      "signatureCount",
    ]);
    expect([r.verdict, r.document.readable, r.document.error?.code, r.signatures]).toEqual([
      "UNREADABLE",
      false,
      "NOT_A_PDF",
      [],
    ]);
    expect(JSON.parse(JSON.stringify(r))).toStrictEqual(r);
  });
});
