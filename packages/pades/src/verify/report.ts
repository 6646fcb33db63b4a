/**
 * The verification report: versioned, JSON-serialisable, shaped after ETSI EN 319 102-1
 * (indications, §5.1.3) and the TS 119 102-2 / EU DSS simple report.
 */

/** The report format version; bumped on any incompatible change. */
export const REPORT_VERSION = "teken.verify/1" as const;

/** EN 319 102-1 §5.1.3 main status indication. */
export type Indication = "TOTAL_PASSED" | "TOTAL_FAILED" | "INDETERMINATE";

/** EN 319 102-1 §5.1.3 Table 5 sub-indications (FAILED first, then INDETERMINATE). */
export type SubIndication =
  | "FORMAT_FAILURE"
  | "HASH_FAILURE"
  | "SIG_CRYPTO_FAILURE"
  | "REVOKED"
  | "NOT_YET_VALID"
  | "SIG_CONSTRAINTS_FAILURE"
  | "CHAIN_CONSTRAINTS_FAILURE"
  | "CERTIFICATE_CHAIN_GENERAL_FAILURE"
  | "CRYPTO_CONSTRAINTS_FAILURE"
  | "EXPIRED"
  | "NO_SIGNING_CERTIFICATE_FOUND"
  | "NO_CERTIFICATE_CHAIN_FOUND"
  | "REVOKED_NO_POE"
  | "REVOKED_CA_NO_POE"
  | "OUT_OF_BOUNDS_NO_POE"
  | "OUT_OF_BOUNDS_NOT_REVOKED"
  | "REVOCATION_OUT_OF_BOUNDS_NO_POE"
  | "CRYPTO_CONSTRAINTS_FAILURE_NO_POE"
  | "NO_POE"
  | "TRY_LATER"
  | "TIMESTAMP_ORDER_FAILURE"
  | "SIGNED_DATA_NOT_FOUND";

/** Signature level (ETSI EN 319 142-1 §6; `adbe.pkcs7.detached` is PKCS7-*). */
export type SignatureLevel =
  | "PAdES-BASELINE-B"
  | "PAdES-BASELINE-T"
  | "PAdES-BASELINE-LT"
  | "PAdES-BASELINE-LTA"
  | "PKCS7-B"
  | "PKCS7-T"
  | "PKCS7-LT"
  | "PKCS7-LTA"
  | "NOT_ETSI";

/** Why a signature did not pass: a stable code, finer than the sub-indication. */
export type ReasonCode =
  | "SIG_DICT_INVALID"
  | "SIG_DICT_TYPE_MISMATCH"
  | "SUBFILTER_UNSUPPORTED"
  | "BYTE_RANGE_MISSING"
  | "BYTE_RANGE_INVALID"
  | "BYTE_RANGE_GAP_NOT_CONTENTS"
  | "BYTE_RANGE_NOT_AT_REVISION_END"
  | "CONTENTS_MISSING"
  | "CMS_UNPARSABLE"
  | "CMS_SIGNER_COUNT"
  | "CMS_NOT_DETACHED"
  | "SIGNED_ATTRS_MISSING"
  | "CONTENT_TYPE_MISMATCH"
  | "MESSAGE_DIGEST_MISSING"
  | "MESSAGE_DIGEST_MISMATCH"
  | "SIGNING_CERTIFICATE_MISSING"
  | "SIGNING_CERTIFICATE_MISMATCH"
  | "SIGNER_CERTIFICATE_NOT_FOUND"
  | "SIGNATURE_INVALID"
  | "ALGORITHM_UNSUPPORTED"
  | "WEAK_DIGEST_ALGORITHM"
  | "WEAK_KEY"
  | "NO_TRUST_ANCHORS"
  | "CHAIN_NOT_FOUND"
  | "CERTIFICATE_SIGNATURE_INVALID"
  | "KEY_USAGE_NOT_ALLOWED"
  | "CA_CONSTRAINTS_VIOLATED"
  | "PATH_LENGTH_EXCEEDED"
  | "UNKNOWN_CRITICAL_EXTENSION"
  | "CERTIFICATE_NOT_YET_VALID"
  | "CERTIFICATE_EXPIRED_NO_POE"
  | "CERTIFICATE_REVOKED"
  | "CERTIFICATE_REVOKED_NO_POE"
  | "REVOCATION_DATA_MISSING"
  | "REVOCATION_STALE"
  | "TIMESTAMP_INVALID"
  | "TIMESTAMP_IMPRINT_MISMATCH"
  | "TIMESTAMP_UNTRUSTED"
  | "UNPERMITTED_CHANGES"
  | "DOCMDP_VIOLATION"
  | "FIELDMDP_VIOLATION"
  | "TRAILING_DATA"
  | "STRUCTURE_DAMAGED"
  | "CERTIFICATION_NOT_FIRST"
  | "DOCUMENT_NOT_DECRYPTED";

/** Something worth knowing that does not change the indication. */
export type WarningCode =
  | "NO_TIMESTAMP"
  | "SIGNING_TIME_ATTRIBUTE_PRESENT"
  | "CLAIMED_TIME_AFTER_PROVEN_TIME"
  | "NOT_WHOLE_FILE"
  | "REVOCATION_NOT_CHECKED"
  | "REVOCATION_STALE"
  | "REVOCATION_FROM_FUTURE"
  | "ISSUER_FROM_AIA"
  | "CONTENTS_HAS_TRAILING_BYTES"
  | "ORPHAN_SIGNATURE_DICTIONARY"
  | "SIG_DICT_FILTER_MISSING"
  | "TIMESTAMP_NOT_VERIFIED"
  | "WEAK_ALGORITHM_BEFORE_SUNSET";

/** A coded finding with an optional technical detail (English, for logs and experts). */
export interface Finding<C extends string> {
  readonly code: C;
  readonly detail?: string;
}

/** What kind of object a change after signing touched (pyHanko-style classification). */
export type ChangeKind =
  | "signature-added"
  | "dss-update"
  | "document-timestamp"
  | "form-fill"
  | "annotation"
  | "page-content"
  | "page-added-or-removed"
  | "catalog"
  | "object-freed"
  | "object-resurrected"
  | "trailing-data"
  | "other";

/** One object changed after the signed revision, and whether policy allows it. */
export interface ChangeEntry {
  readonly revision: number;
  readonly objectNumber: number | null;
  readonly kind: ChangeKind;
  readonly page: number | null;
  readonly field: string | null;
  readonly allowed: boolean;
}

/** A certificate as the report shows it. */
export interface CertificateSummary {
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly sha256: string;
}

/**
 * The revocation check of one certificate of the chain: which CRL/OCSP decided (and where it
 * came from), its times, whether it was fresh at the control time, and its proof of existence.
 */
export interface RevocationCheck {
  readonly subject: string;
  readonly serialNumber: string;
  /** "stale": only data whose validity ended before the control time was found. */
  readonly status: "good" | "revoked" | "unknown" | "stale";
  readonly source: "dss" | "cms" | "online" | null;
  readonly type: "ocsp" | "crl" | null;
  readonly thisUpdate: string | null;
  readonly nextUpdate: string | null;
  readonly producedAt: string | null;
  readonly revocationTime: string | null;
  /** The time the data had to be fresh at: the best signature time, else the validation time. */
  readonly controlTime: string;
  /** Earliest time a valid document time-stamp proves this data existed (it covers the DSS revision holding it). */
  readonly poe: string | null;
}

/** The signer as the report shows it; `chain` runs from the signer to the anchor. */
export interface SignerSummary {
  readonly name: string | null;
  readonly email: string | null;
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly trusted: boolean;
  readonly revocation: "good" | "revoked" | "unknown" | "not-checked";
  readonly chain: readonly CertificateSummary[];
  /** One entry per certificate whose revocation was looked up (signer first, then CAs). */
  readonly revocationChecks?: readonly RevocationCheck[];
}

/** A verified (or refused) RFC 3161 time-stamp. */
export interface TimestampSummary {
  readonly kind: "signature-timestamp" | "document-timestamp";
  readonly time: string | null;
  readonly tsaName: string | null;
  readonly valid: boolean;
  readonly reasons: readonly Finding<ReasonCode>[];
}

/** Which bytes a signature covers (ISO 32000-2 §12.8.1). */
export interface Coverage {
  readonly byteRange: readonly number[] | null;
  readonly revision: number | null;
  readonly coversWholeFile: boolean;
  readonly fileSize: number;
}

/** The outcome for one signature or document time-stamp. */
export interface SignatureReport {
  readonly kind: "signature" | "document-timestamp";
  readonly fieldName: string | null;
  readonly indication: Indication;
  readonly subIndication: SubIndication | null;
  readonly reasons: readonly Finding<ReasonCode>[];
  readonly warnings: readonly Finding<WarningCode>[];
  readonly subFilter: string | null;
  readonly level: SignatureLevel;
  readonly ltv: { readonly ready: boolean; readonly missing: readonly string[] };
  readonly certification: { readonly permissions: 1 | 2 | 3 } | null;
  readonly signer: SignerSummary | null;
  readonly claimedTime: string | null;
  readonly provenTime: string | null;
  readonly timestamps: readonly TimestampSummary[];
  readonly digestAlgorithm: string | null;
  readonly signatureAlgorithm: string | null;
  readonly reason: string | null;
  readonly location: string | null;
  readonly coverage: Coverage;
  readonly changes: readonly ChangeEntry[];
}

/** The document-level verdict: the worst signature wins; a file without signatures is its own case. */
export type DocumentVerdict = Indication | "NO_SIGNATURE" | "UNREADABLE";

/** The whole report for one PDF. */
export interface VerificationReport {
  readonly version: typeof REPORT_VERSION;
  readonly validationTime: string;
  readonly document: {
    readonly readable: boolean;
    readonly error: Finding<"NOT_A_PDF" | "UNREADABLE_XREF" | "TOO_LARGE"> | null;
    readonly fileSize: number;
    readonly revisions: number;
    readonly signatureCount: number;
    readonly documentTimestampCount: number;
    /** Encryption (ISO 32000-2 §7.6): the string crypt method and whether it was opened; null when clear. */
    readonly encryption?: {
      readonly method: string | null;
      readonly decrypted: boolean;
      readonly problem: string | null;
    } | null;
  };
  readonly verdict: DocumentVerdict;
  readonly signatures: readonly SignatureReport[];
}

/** The worst indication of a list: FAILED over INDETERMINATE over PASSED. */
export function worstIndication(list: readonly Indication[]): Indication {
  if (list.includes("TOTAL_FAILED")) return "TOTAL_FAILED";
  if (list.includes("INDETERMINATE")) return "INDETERMINATE";
  return "TOTAL_PASSED";
}
