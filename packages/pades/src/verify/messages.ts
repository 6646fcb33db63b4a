import type { ReasonCode, SignatureReport, SubIndication, VerificationReport, WarningCode } from "./report";

/** Languages the human summaries come in. */
export type Lang = "id" | "en";

type Table<K extends string> = Readonly<Record<K, readonly [id: string, en: string]>>;

/** Sentences for each sub-indication, in the words the public already knows (DOMAIN.md §4-5). */
const SUB: Table<SubIndication> = {
  FORMAT_FAILURE: ["Format tanda tangan tidak sah atau rusak", "The signature format is invalid or damaged"],
  HASH_FAILURE: [
    "Konten Dokumen mengalami perubahan oleh pihak yang tidak berhak",
    "The document content was changed by an unauthorised party",
  ],
  SIG_CRYPTO_FAILURE: [
    "Nilai tanda tangan tidak cocok dengan sertifikat penanda tangan",
    "The signature value does not match the signer's certificate",
  ],
  REVOKED: [
    "Sertifikat penanda tangan sudah dicabut saat dokumen ditandatangani",
    "The signer's certificate was revoked when the document was signed",
  ],
  NOT_YET_VALID: [
    "Sertifikat penanda tangan belum berlaku saat dokumen ditandatangani",
    "The signer's certificate was not yet valid when the document was signed",
  ],
  SIG_CONSTRAINTS_FAILURE: [
    "Tanda tangan tidak memenuhi persyaratan format PAdES",
    "The signature does not meet the PAdES requirements",
  ],
  CHAIN_CONSTRAINTS_FAILURE: [
    "Sertifikat dalam rantai tidak memenuhi persyaratan penggunaan",
    "A certificate in the chain does not meet the usage requirements",
  ],
  CERTIFICATE_CHAIN_GENERAL_FAILURE: [
    "Rantai sertifikat tidak dapat divalidasi",
    "The certificate chain could not be validated",
  ],
  CRYPTO_CONSTRAINTS_FAILURE: [
    "Algoritma atau panjang kunci tanda tangan sudah tidak aman",
    "The signature algorithm or key length is no longer secure",
  ],
  EXPIRED: ["Sertifikat sudah kedaluwarsa", "The certificate has expired"],
  NO_SIGNING_CERTIFICATE_FOUND: [
    "Sertifikat penanda tangan tidak ditemukan",
    "The signer's certificate was not found",
  ],
  NO_CERTIFICATE_CHAIN_FOUND: [
    "Sertifikat yang digunakan tidak terpercaya",
    "The certificate used is not trusted",
  ],
  REVOKED_NO_POE: [
    "Sertifikat sudah dicabut dan tidak ada bukti waktu penandatanganan",
    "The certificate is revoked and there is no proof of the signing time",
  ],
  REVOKED_CA_NO_POE: ["Sertifikat penerbit sudah dicabut", "An issuing CA certificate is revoked"],
  OUT_OF_BOUNDS_NO_POE: [
    "Sertifikat sudah tidak berlaku dan tidak ada bukti waktu TSA",
    "The certificate is no longer valid and there is no TSA time proof",
  ],
  OUT_OF_BOUNDS_NOT_REVOKED: [
    "Sertifikat di luar masa berlaku",
    "The certificate is outside its validity period",
  ],
  REVOCATION_OUT_OF_BOUNDS_NO_POE: [
    "Data pencabutan sertifikat sudah kedaluwarsa pada waktu penandatanganan",
    "The revocation data had expired at the signing time",
  ],
  CRYPTO_CONSTRAINTS_FAILURE_NO_POE: [
    "Algoritma tanda tangan sudah tidak aman dan tidak ada bukti waktu (TSA) bahwa tanda tangan dibuat sebelum algoritma itu dinyatakan tidak aman",
    "The signature algorithm is no longer secure and no time-stamp proves the signature was made before it was retired",
  ],
  NO_POE: [
    "Tidak ada bukti keberadaan dokumen pada waktu yang dibutuhkan",
    "There is no proof the document existed at the required time",
  ],
  TRY_LATER: [
    "Status pencabutan sertifikat belum dapat diperiksa",
    "The certificate's revocation status could not be checked yet",
  ],
  TIMESTAMP_ORDER_FAILURE: [
    "Urutan waktu TSA tidak konsisten",
    "The time-stamps are in an inconsistent order",
  ],
  SIGNED_DATA_NOT_FOUND: ["Data yang ditandatangani tidak ditemukan", "The signed data was not found"],
};

/** Sentences for each reason code. */
const REASON: Table<ReasonCode> = {
  SIG_DICT_INVALID: ["Kamus tanda tangan tidak sah", "The signature dictionary is invalid"],
  SIG_DICT_TYPE_MISMATCH: [
    "Jenis kamus tanda tangan (/Type) tidak sesuai dengan jenis tanda tangannya (SubFilter): tanda tangan dan penanda waktu dokumen tertukar",
    "The signature dictionary's type (/Type) does not match its signature type (SubFilter): a signature and a document time-stamp are confused",
  ],
  SUBFILTER_UNSUPPORTED: [
    "Jenis tanda tangan (SubFilter) tidak didukung",
    "The signature type (SubFilter) is not supported",
  ],
  BYTE_RANGE_MISSING: ["Rentang byte yang ditandatangani tidak ada", "The signed byte range is missing"],
  BYTE_RANGE_INVALID: ["Rentang byte yang ditandatangani tidak sah", "The signed byte range is invalid"],
  BYTE_RANGE_GAP_NOT_CONTENTS: [
    "Bagian yang tidak ditandatangani bukan hanya nilai tanda tangan",
    "The unsigned gap is not just the signature value",
  ],
  BYTE_RANGE_NOT_AT_REVISION_END: [
    "Tanda tangan tidak berakhir di akhir revisi dokumen",
    "The signature does not end at the end of a document revision",
  ],
  CONTENTS_MISSING: ["Nilai tanda tangan tidak ada", "The signature value is missing"],
  CMS_UNPARSABLE: ["Nilai tanda tangan tidak dapat dibaca", "The signature value cannot be read"],
  CMS_SIGNER_COUNT: [
    "Tanda tangan harus memiliki tepat satu penanda tangan",
    "The signature must have exactly one signer",
  ],
  CMS_NOT_DETACHED: [
    "Tanda tangan tidak terpisah dari dokumen (bukan detached)",
    "The signature is not detached",
  ],
  SIGNED_ATTRS_MISSING: ["Atribut yang ditandatangani tidak ada", "The signed attributes are missing"],
  CONTENT_TYPE_MISMATCH: [
    "Tipe konten tanda tangan tidak sesuai",
    "The signature content type does not match",
  ],
  MESSAGE_DIGEST_MISSING: [
    "Nilai hash dokumen tidak ada dalam tanda tangan",
    "The document hash is missing from the signature",
  ],
  MESSAGE_DIGEST_MISMATCH: ["Nilai hash dokumen tidak cocok", "The document hash does not match"],
  SIGNING_CERTIFICATE_MISSING: [
    "Referensi sertifikat penanda tangan tidak ada",
    "The signing-certificate reference is missing",
  ],
  SIGNING_CERTIFICATE_MISMATCH: [
    "Referensi sertifikat penanda tangan tidak cocok",
    "The signing-certificate reference does not match",
  ],
  SIGNER_CERTIFICATE_NOT_FOUND: [
    "Sertifikat penanda tangan tidak ditemukan",
    "The signer's certificate was not found",
  ],
  SIGNATURE_INVALID: ["Nilai tanda tangan tidak sah", "The signature value is invalid"],
  ALGORITHM_UNSUPPORTED: ["Algoritma tidak didukung", "The algorithm is not supported"],
  WEAK_DIGEST_ALGORITHM: ["Algoritma hash lemah (SHA-1/MD5)", "Weak hash algorithm (SHA-1/MD5)"],
  WEAK_KEY: ["Kunci terlalu pendek", "The key is too short"],
  NO_TRUST_ANCHORS: [
    "Tidak ada sertifikat akar terpercaya yang dikonfigurasi",
    "No trusted root certificates are configured",
  ],
  CHAIN_NOT_FOUND: [
    "Rantai ke sertifikat akar terpercaya tidak ditemukan",
    "No chain to a trusted root was found",
  ],
  CERTIFICATE_SIGNATURE_INVALID: ["Tanda tangan sertifikat tidak sah", "A certificate signature is invalid"],
  KEY_USAGE_NOT_ALLOWED: [
    "Penggunaan kunci sertifikat tidak mengizinkan tanda tangan ini",
    "The certificate key usage does not allow this signature",
  ],
  CA_CONSTRAINTS_VIOLATED: ["Sertifikat penerbit bukan CA", "An issuing certificate is not a CA"],
  PATH_LENGTH_EXCEEDED: [
    "Panjang rantai sertifikat melebihi batas",
    "The certificate chain is longer than allowed",
  ],
  UNKNOWN_CRITICAL_EXTENSION: [
    "Sertifikat memiliki ekstensi kritis yang tidak dikenal",
    "A certificate has an unknown critical extension",
  ],
  CERTIFICATE_NOT_YET_VALID: ["Sertifikat belum berlaku", "A certificate is not yet valid"],
  CERTIFICATE_EXPIRED_NO_POE: [
    "Sertifikat sudah kedaluwarsa tanpa bukti waktu TSA",
    "A certificate expired and there is no TSA time proof",
  ],
  CERTIFICATE_REVOKED: ["Sertifikat dicabut", "A certificate is revoked"],
  CERTIFICATE_REVOKED_NO_POE: [
    "Sertifikat dicabut, waktu penandatanganan tidak terbukti",
    "A certificate is revoked and the signing time is not proven",
  ],
  REVOCATION_DATA_MISSING: [
    "Data pencabutan sertifikat (OCSP/CRL) tidak tersedia",
    "No revocation data (OCSP/CRL) is available",
  ],
  REVOCATION_STALE: [
    "Data pencabutan sertifikat (OCSP/CRL) sudah kedaluwarsa",
    "The revocation data (OCSP/CRL) is out of date",
  ],
  TIMESTAMP_INVALID: ["Penanda waktu (TSA) tidak sah", "The time-stamp (TSA) is invalid"],
  TIMESTAMP_IMPRINT_MISMATCH: [
    "Penanda waktu (TSA) bukan untuk data ini",
    "The time-stamp (TSA) is not for this data",
  ],
  TIMESTAMP_UNTRUSTED: ["Penanda waktu (TSA) tidak terpercaya", "The time-stamp (TSA) is not trusted"],
  UNPERMITTED_CHANGES: ["Dokumen diubah setelah ditandatangani", "The document was changed after signing"],
  DOCMDP_VIOLATION: [
    "Perubahan melanggar izin sertifikasi dokumen",
    "A change breaks the document certification permissions",
  ],
  FIELDMDP_VIOLATION: [
    "Isian yang dikunci oleh tanda tangan diubah",
    "A field locked by the signature was changed",
  ],
  TRAILING_DATA: [
    "Ada data tambahan setelah akhir dokumen",
    "There is extra data after the end of the document",
  ],
  CERTIFICATION_NOT_FIRST: [
    "Tanda tangan sertifikasi (DocMDP) bukan tanda tangan pertama",
    "The certification (DocMDP) signature is not the first signature",
  ],
  DOCUMENT_NOT_DECRYPTED: [
    "Dokumen terenkripsi dan tidak dapat dibuka dengan kata sandi yang diberikan, sehingga perubahan setelah penandatanganan tidak dapat diperiksa",
    "The document is encrypted and could not be opened with the password given, so changes after signing cannot be checked",
  ],
  STRUCTURE_DAMAGED: [
    "Struktur dokumen rusak sehingga tanda tangan tidak dapat diperiksa",
    "The document structure is damaged, so the signature cannot be checked",
  ],
};

/** Sentences for each warning code. */
const WARNING: Table<WarningCode> = {
  NO_TIMESTAMP: ["Dokumen tidak menggunakan waktu TSA", "The document does not use a TSA time-stamp"],
  SIGNING_TIME_ATTRIBUTE_PRESENT: [
    "Tanda tangan memuat atribut waktu yang tidak dianjurkan PAdES",
    "The signature carries a signing-time attribute PAdES advises against",
  ],
  CLAIMED_TIME_AFTER_PROVEN_TIME: [
    "Waktu yang diklaim lebih lambat dari waktu TSA",
    "The claimed time is later than the TSA time",
  ],
  NOT_WHOLE_FILE: [
    "Tanda tangan mencakup revisi sebelumnya, bukan seluruh berkas",
    "The signature covers an earlier revision, not the whole file",
  ],
  REVOCATION_NOT_CHECKED: ["Status pencabutan tidak diperiksa", "The revocation status was not checked"],
  REVOCATION_STALE: [
    "Sebagian data pencabutan (OCSP/CRL) sudah kedaluwarsa dan tidak dipakai",
    "Some revocation data (OCSP/CRL) was out of date and not used",
  ],
  ISSUER_FROM_AIA: [
    "Sertifikat penerbit diunduh dari alamat AIA pada sertifikat",
    "An issuer certificate was downloaded from the certificate's AIA address",
  ],
  REVOCATION_FROM_FUTURE: [
    "Data pencabutan bertanggal di masa depan dan tidak dipakai",
    "Revocation data dated in the future was not used",
  ],
  CONTENTS_HAS_TRAILING_BYTES: [
    "Nilai tanda tangan memuat byte tambahan",
    "The signature value carries extra bytes",
  ],
  SIG_DICT_FILTER_MISSING: [
    "Kamus tanda tangan tidak menyebutkan penangan tanda tangan (/Filter)",
    "The signature dictionary names no signature handler (/Filter)",
  ],
  ORPHAN_SIGNATURE_DICTIONARY: [
    "Tanda tangan tidak terhubung ke kolom tanda tangan",
    "The signature is not attached to a signature field",
  ],
  TIMESTAMP_NOT_VERIFIED: [
    "Penanda waktu (TSA) tidak dapat diverifikasi",
    "The time-stamp (TSA) could not be verified",
  ],
  WEAK_ALGORITHM_BEFORE_SUNSET: [
    "Tanda tangan memakai algoritma yang kini dianggap lemah, tetapi penanda waktu (TSA) membuktikan tanda tangan dibuat ketika algoritma itu masih aman",
    "The signature uses an algorithm now considered weak, but a time-stamp (TSA) proves it was made while the algorithm was still secure",
  ],
};

const pick = (pair: readonly [string, string], lang: Lang) => (lang === "id" ? pair[0] : pair[1]);

/** The sentence for a sub-indication. */
export function describeSubIndication(code: SubIndication, lang: Lang): string {
  return pick(SUB[code], lang);
}

/** The sentence for a reason code. */
export function describeReason(code: ReasonCode, lang: Lang): string {
  return pick(REASON[code], lang);
}

/** The sentence for a warning code. */
export function describeWarning(code: WarningCode, lang: Lang): string {
  return pick(WARNING[code], lang);
}

/**
 * The one-line verdict for a signature, in BSrE's public wording: "Dokumen valid, Sertifikat
 * yang digunakan terpercaya" when everything passed with a TSA time, "... tetapi dokumen tidak
 * menggunakan waktu TSA" without one, else the sentence of the sub-indication.
 */
export function describeSignature(s: SignatureReport, lang: Lang): string {
  if (s.indication === "TOTAL_PASSED") {
    if (s.provenTime === null)
      return pick(
        [
          "Dokumen asli dan valid, tetapi dokumen tidak menggunakan waktu TSA",
          "The document is authentic and valid, but it does not use a TSA time-stamp",
        ],
        lang,
      );
    return pick(
      [
        "Dokumen valid, Sertifikat yang digunakan terpercaya",
        "The document is valid, the certificate used is trusted",
      ],
      lang,
    );
  }
  return s.subIndication === null ? "" : describeSubIndication(s.subIndication, lang);
}

/** The one-line verdict for a whole report. */
export function describeReport(r: VerificationReport, lang: Lang): string {
  if (r.verdict === "UNREADABLE")
    return pick(
      ["Berkas bukan PDF atau tidak dapat dibaca", "The file is not a PDF or cannot be read"],
      lang,
    );
  if (r.verdict === "NO_SIGNATURE")
    return pick(
      ["Dokumen tidak memiliki tanda tangan elektronik", "The document has no electronic signature"],
      lang,
    );
  const worst =
    r.signatures.find((s) => s.indication === "TOTAL_FAILED") ??
    r.signatures.find((s) => s.indication === "INDETERMINATE") ??
    r.signatures[r.signatures.length - 1];
  return worst === undefined ? "" : describeSignature(worst, lang);
}
