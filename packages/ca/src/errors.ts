/** Stable codes for every error @teken/ca throws. */
export type CaErrorCode =
  | "CA_UNSUPPORTED_ALGORITHM"
  | "CA_INVALID_CSR"
  | "CA_INVALID_INPUT"
  | "CA_KEY_NOT_EXTRACTABLE"
  | "CA_WRONG_PASSPHRASE"
  | "CA_MALFORMED_KEY";

const messages: Readonly<Record<CaErrorCode, { readonly id: string; readonly en: string }>> = {
  CA_UNSUPPORTED_ALGORITHM: { id: "Algoritma kunci tidak didukung", en: "Unsupported key algorithm" },
  CA_INVALID_CSR: { id: "Permintaan sertifikat (CSR) tidak sah", en: "Invalid certificate signing request" },
  CA_INVALID_INPUT: { id: "Masukan tidak sah", en: "Invalid input" },
  CA_KEY_NOT_EXTRACTABLE: { id: "Kunci privat tidak dapat diekspor", en: "Private key is not extractable" },
  CA_WRONG_PASSPHRASE: {
    id: "Frasa sandi salah atau berkas kunci rusak",
    en: "Wrong passphrase or corrupted key file",
  },
  CA_MALFORMED_KEY: { id: "Berkas kunci tidak terbaca", en: "Malformed key file" },
};

/** The one error type of @teken/ca: a stable `code`, a bilingual message, the underlying `cause`. */
export class CaError extends Error {
  override readonly name = "CaError";
  /** Stable machine-readable code. */
  readonly code: CaErrorCode;
  /** Indonesian message for display. */
  readonly messageId: string;

  constructor(code: CaErrorCode, detail?: string, options?: { readonly cause?: unknown }) {
    const text = messages[code];
    const suffix = detail === undefined ? "" : `: ${detail}`;
    super(`${text.en}${suffix} / ${text.id}${suffix}`, options);
    this.code = code;
    this.messageId = `${text.id}${suffix}`;
  }
}
