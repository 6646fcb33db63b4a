import { describeReport, type Lang } from "./messages";
import type { SignatureReport, VerificationReport } from "./report";

/** One `details[]` entry of BSrE's v1 `POST /api/sign/verify` response (DOMAIN.md §4). */
export interface BsreV1Detail {
  readonly signature_field: string | null;
  readonly info_signer: {
    readonly issuer_dn: string | null;
    readonly signer_name: string | null;
    readonly signer_dn: string | null;
    readonly signer_cert_validity: string | null;
    readonly cert_user_certified: boolean;
  };
  readonly info_tsa: { readonly name: string | null; readonly tsa_cert_validity: boolean | null };
  readonly signature_document: {
    readonly signed_using_tsa: boolean;
    readonly signed_in: string | null;
    readonly location: string | null;
    readonly reason: string | null;
    readonly hash_value: string | null;
    readonly document_integrity: boolean;
    readonly signature_value: boolean;
  };
}

/** BSrE's v1 verify response body. */
export interface BsreV1VerifyResponse {
  readonly nama_dokumen: string;
  readonly jumlah_signature: number;
  readonly notes: string;
  readonly summary: "VALID" | "WARNING" | "INVALID";
  readonly details: readonly BsreV1Detail[];
}

/** One `signatureInformations[]` entry of BSrE's v2 `POST /api/v2/verify/pdf` response. */
export interface BsreV2SignatureInformation {
  readonly id: string;
  readonly signatureFieldName: string | null;
  readonly signerName: string | null;
  readonly signatureFormat: string;
  readonly signingDate: string | null;
  readonly location: string | null;
  readonly reason: string | null;
  readonly integrityValid: boolean;
  readonly certificateTrusted: boolean;
  readonly timestampInfomation: {
    readonly timestampName: string | null;
    readonly timestampDate: string | null;
  } | null;
  readonly ltv: boolean;
  readonly indication: string;
  readonly subIndication: string | null;
  readonly certificateDetails: readonly {
    readonly subjectDN: string;
    readonly issuerDN: string;
    readonly serialNumber: string;
    readonly notBeforeDate: string;
    readonly notAfterDate: string;
  }[];
}

/** BSrE's v2 verify response body. */
export interface BsreV2VerifyResponse {
  readonly conclusion: "VALID" | "INDETERMINATE" | "INVALID" | "NO_SIGNATURE";
  readonly description: string;
  readonly signatureCount: number;
  readonly documentName: string;
  readonly signatureInformations: readonly BsreV2SignatureInformation[];
}

/** Whether the signed bytes are intact and nothing unpermitted happened after signing. */
function integrity(s: SignatureReport): boolean {
  return !(
    s.indication === "TOTAL_FAILED" &&
    (s.subIndication === "HASH_FAILURE" ||
      s.subIndication === "FORMAT_FAILURE" ||
      s.subIndication === "SIG_CRYPTO_FAILURE")
  );
}

function validTsa(s: SignatureReport) {
  return s.timestamps.find((t) => t.valid) ?? null;
}

/** Maps a report to BSrE's v1 verify response shape, so the API can offer a drop-in endpoint. */
export function toBsreV1(
  report: VerificationReport,
  documentName: string,
  lang: Lang = "id",
): BsreV1VerifyResponse {
  const summary =
    report.verdict === "TOTAL_PASSED" ? "VALID" : report.verdict === "INDETERMINATE" ? "WARNING" : "INVALID";
  return {
    nama_dokumen: documentName,
    jumlah_signature: report.signatures.length,
    notes: describeReport(report, lang),
    summary,
    details: report.signatures.map((s) => {
      const tsa = validTsa(s) ?? s.timestamps[0] ?? null;
      return {
        signature_field: s.fieldName,
        info_signer: {
          issuer_dn: s.signer?.issuer ?? null,
          signer_name: s.signer?.name ?? null,
          signer_dn: s.signer?.subject ?? null,
          signer_cert_validity: s.signer === null ? null : `${s.signer.notBefore} - ${s.signer.notAfter}`,
          cert_user_certified: s.signer?.trusted ?? false,
        },
        info_tsa: { name: tsa?.tsaName ?? null, tsa_cert_validity: tsa === null ? null : tsa.valid },
        signature_document: {
          signed_using_tsa: validTsa(s) !== null,
          signed_in: s.provenTime ?? s.claimedTime,
          location: s.location,
          reason: s.reason,
          hash_value: s.digestAlgorithm,
          document_integrity: integrity(s),
          signature_value: !(s.indication === "TOTAL_FAILED" && s.subIndication === "SIG_CRYPTO_FAILURE"),
        },
      };
    }),
  };
}

/** Maps a report to BSrE's v2 verify response shape. */
export function toBsreV2(
  report: VerificationReport,
  documentName: string,
  lang: Lang = "id",
): BsreV2VerifyResponse {
  const conclusion =
    report.verdict === "TOTAL_PASSED"
      ? "VALID"
      : report.verdict === "INDETERMINATE"
        ? "INDETERMINATE"
        : report.verdict === "NO_SIGNATURE"
          ? "NO_SIGNATURE"
          : "INVALID";
  return {
    conclusion,
    description: describeReport(report, lang),
    signatureCount: report.signatures.length,
    documentName,
    signatureInformations: report.signatures.map((s, i) => {
      const tsa = validTsa(s);
      return {
        id: `sig-${i + 1}`,
        signatureFieldName: s.fieldName,
        signerName: s.signer?.name ?? null,
        signatureFormat: s.level,
        signingDate: s.provenTime ?? s.claimedTime,
        location: s.location,
        reason: s.reason,
        integrityValid: integrity(s),
        certificateTrusted: s.signer?.trusted ?? false,
        timestampInfomation: tsa === null ? null : { timestampName: tsa.tsaName, timestampDate: tsa.time },
        ltv: s.ltv.ready,
        indication: s.indication,
        subIndication: s.subIndication,
        certificateDetails: (s.signer?.chain ?? []).map((c) => ({
          subjectDN: c.subject,
          issuerDN: c.issuer,
          serialNumber: c.serialNumber,
          notBeforeDate: c.notBefore,
          notAfterDate: c.notAfter,
        })),
      };
    }),
  };
}
