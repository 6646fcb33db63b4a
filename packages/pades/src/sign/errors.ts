/** Stable codes of the signing, stamping and CMS errors of @teken/pades. */
export type PadesSignErrorCode =
  | "PADES_SIGN_INVALID_OPTIONS"
  | "PADES_SIGN_UNSUPPORTED_KEY"
  | "PADES_SIGN_CERTIFICATE_INVALID"
  | "PADES_SIGN_CONTENTS_TOO_SMALL"
  | "PADES_SIGN_SIGNER_FAILED"
  | "PADES_SIGN_FIELD_NOT_FOUND"
  | "PADES_SIGN_FIELD_ALREADY_SIGNED"
  | "PADES_SIGN_PAGE_NOT_FOUND"
  | "PADES_SIGN_ANCHOR_NOT_FOUND"
  | "PADES_SIGN_ANCHOR_AMBIGUOUS"
  | "PADES_SIGN_IMAGE_UNSUPPORTED"
  | "PADES_SIGN_ALREADY_SIGNED"
  | "PADES_SIGN_PKCS12_INVALID"
  | "PADES_CMS_MALFORMED";

const messages: Readonly<Record<PadesSignErrorCode, string>> = {
  PADES_SIGN_INVALID_OPTIONS: "opsi penandatanganan tidak valid / invalid signing options",
  PADES_SIGN_UNSUPPORTED_KEY: "jenis kunci tidak didukung / unsupported key type",
  PADES_SIGN_CERTIFICATE_INVALID: "sertifikat tidak dapat dibaca / certificate cannot be read",
  PADES_SIGN_CONTENTS_TOO_SMALL:
    "tanda tangan lebih besar dari ruang /Contents / signature larger than the reserved /Contents",
  PADES_SIGN_SIGNER_FAILED: "penanda tangan gagal / the signer failed",
  PADES_SIGN_FIELD_NOT_FOUND: "kolom tanda tangan tidak ditemukan / signature field not found",
  PADES_SIGN_FIELD_ALREADY_SIGNED: "kolom tanda tangan sudah terisi / signature field already signed",
  PADES_SIGN_PAGE_NOT_FOUND: "halaman tidak ditemukan / page not found",
  PADES_SIGN_ANCHOR_NOT_FOUND: "penanda koordinat tidak ditemukan / anchor text not found",
  PADES_SIGN_ANCHOR_AMBIGUOUS:
    "penanda koordinat ditemukan lebih dari sekali / anchor text found more than once",
  PADES_SIGN_IMAGE_UNSUPPORTED: "format gambar tidak didukung / unsupported image format",
  PADES_SIGN_ALREADY_SIGNED:
    "dokumen sudah ditandatangani; isinya tidak boleh diubah / the document is already signed; its content must not change",
  PADES_SIGN_PKCS12_INVALID: "berkas PKCS#12 tidak dapat dibuka / the PKCS#12 file cannot be opened",
  PADES_CMS_MALFORMED: "struktur CMS tidak valid / malformed CMS structure",
};

/** An error raised while preparing, signing or stamping a PDF; `code` is stable, `message` bilingual. */
export class PadesSignError extends Error {
  /** The stable machine-readable code. */
  readonly code: PadesSignErrorCode;

  constructor(code: PadesSignErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${messages[code]}: ${detail}` : messages[code], options);
    this.name = "PadesSignError";
    this.code = code;
  }
}
