/** Stable codes of every error the PDF layer throws. */
export type PdfErrorCode =
  | "PDF_NOT_A_PDF"
  | "PDF_XREF_BROKEN"
  | "PDF_OBJECT_MISSING"
  | "PDF_SYNTAX"
  | "PDF_LOOP"
  | "PDF_LIMIT"
  | "PDF_FILTER_UNSUPPORTED"
  | "PDF_FILTER_BROKEN"
  | "PDF_WRONG_PASSWORD"
  | "PDF_UNSUPPORTED_ENCRYPTION"
  | "PDF_WRITE_INVALID";

const messages: Readonly<Record<PdfErrorCode, { readonly id: string; readonly en: string }>> = {
  PDF_NOT_A_PDF: { id: "Berkas bukan PDF", en: "The file is not a PDF" },
  PDF_XREF_BROKEN: {
    id: "Tabel referensi silang rusak dan tidak dapat diperbaiki",
    en: "The cross-reference data is broken beyond repair",
  },
  PDF_OBJECT_MISSING: { id: "Objek PDF tidak ditemukan", en: "A PDF object is missing" },
  PDF_SYNTAX: { id: "Sintaks PDF tidak valid", en: "Invalid PDF syntax" },
  PDF_LOOP: { id: "Referensi melingkar dalam PDF", en: "A reference loop in the PDF" },
  PDF_LIMIT: { id: "PDF melampaui batas pemrosesan", en: "The PDF exceeds a processing limit" },
  PDF_FILTER_UNSUPPORTED: { id: "Filter stream tidak didukung", en: "Unsupported stream filter" },
  PDF_FILTER_BROKEN: { id: "Data stream rusak", en: "Broken stream data" },
  PDF_WRONG_PASSWORD: { id: "Kata sandi PDF salah", en: "Wrong PDF password" },
  PDF_UNSUPPORTED_ENCRYPTION: { id: "Enkripsi PDF tidak didukung", en: "Unsupported PDF encryption" },
  PDF_WRITE_INVALID: { id: "Pembaruan PDF tidak valid", en: "Invalid PDF update" },
};

/** The error thrown by the PDF reader and writer, with a stable `code` and bilingual message. */
export class PdfError extends Error {
  /** Stable machine-readable code. */
  readonly code: PdfErrorCode;
  /** Indonesian message. */
  readonly messageId: string;

  constructor(code: PdfErrorCode, detail?: string, options?: { cause?: unknown }) {
    const m = messages[code];
    super(`${code}: ${m.en} / ${m.id}${detail ? ` (${detail})` : ""}`, options);
    this.name = "PdfError";
    this.code = code;
    this.messageId = m.id;
  }
}

/** True when `e` is a PdfError (optionally with the given code). */
export function isPdfError(e: unknown, code?: PdfErrorCode): e is PdfError {
  return e instanceof PdfError && (code === undefined || e.code === code);
}
