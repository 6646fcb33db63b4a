/** Stable codes of the long-term-signature layer's errors (time-stamps, revocation, DSS, DocMDP). */
export type LtvErrorCode =
  | "LTV_TSA_HTTP"
  | "LTV_TSA_REJECTED"
  | "LTV_TSA_BAD_RESPONSE"
  | "LTV_TSA_IMPRINT_MISMATCH"
  | "LTV_TSA_NONCE_MISMATCH"
  | "LTV_TSA_CERT_EKU"
  | "LTV_TSA_SIGNATURE"
  | "LTV_TSA_UNAVAILABLE"
  | "LTV_REVOCATION_HTTP"
  | "LTV_REVOCATION_BAD_RESPONSE"
  | "LTV_NO_SIGNATURE"
  | "LTV_BAD_PDF"
  | "LTV_BAD_CMS"
  | "LTV_CONTENTS_TOO_SMALL"
  | "LTV_UNSUPPORTED_HASH"
  | "LTV_CERTIFY_NOT_FIRST"
  | "LTV_DOCMDP_FORBIDS"
  | "LTV_BAD_LEVEL";

const messages: Readonly<Record<LtvErrorCode, readonly [id: string, en: string]>> = {
  LTV_TSA_HTTP: ["Server stempel waktu gagal menjawab", "The time-stamp server did not answer"],
  LTV_TSA_REJECTED: ["Server stempel waktu menolak permintaan", "The time-stamp server rejected the request"],
  LTV_TSA_BAD_RESPONSE: ["Jawaban stempel waktu rusak", "The time-stamp response is malformed"],
  LTV_TSA_IMPRINT_MISMATCH: [
    "Stempel waktu tidak mencakup data yang diminta",
    "The time-stamp does not cover the requested digest",
  ],
  LTV_TSA_NONCE_MISMATCH: ["Nonce stempel waktu tidak cocok", "The time-stamp nonce does not match"],
  LTV_TSA_CERT_EKU: [
    "Sertifikat TSA tidak memiliki EKU timeStamping kritis",
    "The TSA certificate lacks a critical timeStamping extended key usage",
  ],
  LTV_TSA_SIGNATURE: ["Tanda tangan stempel waktu tidak sah", "The time-stamp token signature is invalid"],
  LTV_TSA_UNAVAILABLE: ["Tidak ada server stempel waktu yang berhasil", "No time-stamp authority succeeded"],
  LTV_REVOCATION_HTTP: ["Server status sertifikat gagal menjawab", "The revocation server did not answer"],
  LTV_REVOCATION_BAD_RESPONSE: ["Jawaban status sertifikat rusak", "The revocation response is malformed"],
  LTV_NO_SIGNATURE: ["Dokumen tidak memiliki tanda tangan", "The document has no signature"],
  LTV_BAD_PDF: ["Struktur PDF tidak dapat diperbarui", "The PDF structure cannot be updated"],
  LTV_BAD_CMS: ["Struktur CMS tanda tangan rusak", "The signature's CMS structure is malformed"],
  LTV_CONTENTS_TOO_SMALL: [
    "Ruang /Contents tidak cukup untuk tanda tangan",
    "The reserved /Contents space is too small",
  ],
  LTV_UNSUPPORTED_HASH: ["Algoritma hash tidak didukung", "Unsupported hash algorithm"],
  LTV_CERTIFY_NOT_FIRST: [
    "Tanda tangan sertifikasi harus menjadi tanda tangan pertama",
    "A certification signature must be the document's first signature",
  ],
  LTV_DOCMDP_FORBIDS: [
    "Tingkat DocMDP dokumen melarang perubahan ini",
    "The document's DocMDP level forbids this change",
  ],
  LTV_BAD_LEVEL: ["Tingkat PAdES tidak dikenal atau lebih rendah", "Unknown or lower PAdES level"],
};

/** An error of the long-term layer: a stable `code`, a bilingual message, and an optional `cause`. */
export class LtvError extends Error {
  readonly code: LtvErrorCode;

  constructor(code: LtvErrorCode, detail?: string, options?: { cause?: unknown }) {
    const [id, en] = messages[code];
    super(`${id} / ${en}${detail === undefined ? "" : `: ${detail}`}`, options);
    this.name = "LtvError";
    this.code = code;
  }
}
