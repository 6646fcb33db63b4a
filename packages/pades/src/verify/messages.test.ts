import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { toBsreV1, toBsreV2 } from "./bsre-mappers";
import {
  describeReason,
  describeReport,
  describeSignature,
  describeSubIndication,
  describeWarning,
} from "./messages";
import type { ReasonCode, SignatureReport, SubIndication, WarningCode } from "./report";
import { createTestPki, currentCrl, rootCrl } from "./testing/test-pki";
import { testAddDss, testSign } from "./testing/test-signer";
import { verify } from "./verify";
import { verifyFixture } from "../../test/verify-fixtures";

const fixture = verifyFixture;

/** Every code the report can carry, read from report.ts so a new code without a message fails here. */
function codesOf(typeName: string): string[] {
  const src = readFileSync(new URL("./report.ts", import.meta.url), "utf8");
  const block = new RegExp(`export type ${typeName} =([^;]+);`).exec(src)?.[1] ?? "";
  return [...block.matchAll(/"([A-Z_]+)"/g)].map((m) => m[1]!);
}

describe("human summaries", () => {
  it("has an Indonesian and an English sentence for every sub-indication, reason and warning", () => {
    const subs = codesOf("SubIndication");
    const reasons = codesOf("ReasonCode");
    const warnings = codesOf("WarningCode");
    expect(subs.length).toBe(22);
    expect(reasons.length).toBeGreaterThan(35);
    for (const lang of ["id", "en"] as const) {
      for (const c of subs)
        expect(describeSubIndication(c as SubIndication, lang).length, c).toBeGreaterThan(10);
      for (const c of reasons) expect(describeReason(c as ReasonCode, lang).length, c).toBeGreaterThan(10);
      for (const c of warnings) expect(describeWarning(c as WarningCode, lang).length, c).toBeGreaterThan(10);
    }
  });
  it("uses BSrE's public wording", () => {
    const passed = {
      indication: "TOTAL_PASSED",
      subIndication: null,
      provenTime: "2026-01-01T00:00:00.000Z",
    } as SignatureReport;
    expect(describeSignature(passed, "id")).toBe("Dokumen valid, Sertifikat yang digunakan terpercaya");
    expect(describeSignature({ ...passed, provenTime: null }, "id")).toBe(
      "Dokumen asli dan valid, tetapi dokumen tidak menggunakan waktu TSA",
    );
    expect(
      describeSignature({ ...passed, indication: "TOTAL_FAILED", subIndication: "HASH_FAILURE" }, "id"),
    ).toBe("Konten Dokumen mengalami perubahan oleh pihak yang tidak berhak");
    expect(
      describeSignature({ ...passed, indication: "TOTAL_FAILED", subIndication: "HASH_FAILURE" }, "en"),
    ).toBe("The document content was changed by an unauthorised party");
  });
});

describe("BSrE response mappers", () => {
  it("maps a passing report without a TSA (B-B with a DSS) to v1 and v2 shapes", async () => {
    // Built here rather than read from teken-lt.pdf: that fixture's DSS has no revocation data
    // for the issuing CA (INDETERMINATE/TRY_LATER since CA revocation is required) and its CRL
    // expires a week after it was made.
    const pki = await createTestPki();
    const signed = await testSign(fixture("gs-letter.pdf"), {
      fieldName: "Signature1",
      certificate: pki.signer.certificate,
      chain: pki.signer.chain,
      privateKey: pki.signer.privateKey,
    });
    const lt = testAddDss(signed, {
      certs: [pki.issuing.certificate],
      crls: [await currentCrl(pki), await rootCrl(pki)],
    });
    const report = await verify(lt, { trustAnchors: [pki.root.certificate] });
    const v1 = toBsreV1(report, "surat.pdf");
    expect(v1).toMatchObject({
      nama_dokumen: "surat.pdf",
      jumlah_signature: 1,
      summary: "VALID",
      notes: "Dokumen asli dan valid, tetapi dokumen tidak menggunakan waktu TSA",
    });
    expect(v1.details[0]).toMatchObject({
      signature_field: "Signature1",
      info_signer: { signer_name: "Budi Santoso", cert_user_certified: true },
      signature_document: { signed_using_tsa: false, document_integrity: true, signature_value: true },
    });
    const v2 = toBsreV2(report, "surat.pdf", "en");
    expect(v2).toMatchObject({ conclusion: "VALID", signatureCount: 1, documentName: "surat.pdf" });
    expect(v2.signatureInformations[0]).toMatchObject({
      signerName: "Budi Santoso",
      // no time-stamp: B, not LT, however complete the DSS (LT builds on T)
      signatureFormat: "PAdES-BASELINE-B",
      integrityValid: true,
      certificateTrusted: true,
      timestampInfomation: null,
    });
    expect(v2.signatureInformations[0]!.certificateDetails).toHaveLength(3);
    expect(JSON.parse(JSON.stringify(v2))).toEqual(v2);
  });
  it("maps a forged file to INVALID with integrity false", async () => {
    const report = await verify(fixture("coverage-anomalies_weird-byterange.pdf"));
    expect([
      toBsreV1(report, "x.pdf").summary,
      toBsreV1(report, "x.pdf").details[0]!.signature_document.document_integrity,
    ]).toEqual(["INVALID", false]);
    expect(toBsreV2(report, "x.pdf").conclusion).toBe("INVALID");
    expect(describeReport(report, "id")).toBe("Format tanda tangan tidak sah atau rusak");
  });
  it("says so when there is no signature or the file is unreadable", async () => {
    expect(describeReport(await verify(fixture("gs-letter.pdf")), "id")).toBe(
      "Dokumen tidak memiliki tanda tangan elektronik",
    );
    expect(toBsreV2(await verify(new TextEncoder().encode("hello")), "x").conclusion).toBe("INVALID");
  });
});
