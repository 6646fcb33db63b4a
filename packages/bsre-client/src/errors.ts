import type { RequestSummary } from "./request-summary";

/** Stable codes of every failure the BSrE client reports. */
export type BsreErrorCode =
  | "BSRE_WRONG_PASSPHRASE"
  | "BSRE_WRONG_TOTP"
  | "BSRE_USER_NOT_REGISTERED"
  | "BSRE_USER_LOCKED"
  | "BSRE_CERTIFICATE_NOT_ISSUED"
  | "BSRE_CERTIFICATE_REVOKED"
  | "BSRE_ALREADY_REGISTERED"
  | "BSRE_UNAUTHORIZED"
  | "BSRE_NOT_FOUND"
  | "BSRE_BAD_REQUEST"
  | "BSRE_PAYLOAD_TOO_LARGE"
  | "BSRE_RATE_LIMITED"
  | "BSRE_UNAVAILABLE"
  | "BSRE_SERVER_ERROR"
  | "BSRE_HTTP"
  | "BSRE_TIMEOUT"
  | "BSRE_ABORTED"
  | "BSRE_NETWORK"
  | "BSRE_SCHEMA_MISMATCH"
  | "BSRE_NOT_PDF"
  | "BSRE_INVALID_INPUT";

/** Indonesian and English text of each code; upstream messages are kept apart in `upstreamMessage`. */
export const BSRE_ERROR_MESSAGES: Readonly<
  Record<BsreErrorCode, { readonly id: string; readonly en: string }>
> = {
  BSRE_WRONG_PASSPHRASE: { id: "Passphrase salah", en: "Wrong passphrase" },
  BSRE_WRONG_TOTP: { id: "Kode TOTP salah atau kedaluwarsa", en: "Wrong or expired TOTP code" },
  BSRE_USER_NOT_REGISTERED: {
    id: "User tidak terdaftar di BSrE (atau NIK tidak cocok, atau sertifikat kedaluwarsa)",
    en: "User not registered at BSrE (or NIK mismatch, or certificate expired)",
  },
  BSRE_USER_LOCKED: {
    id: "User dikunci sementara karena terlalu banyak percobaan gagal",
    en: "User temporarily locked after too many failed attempts",
  },
  BSRE_CERTIFICATE_NOT_ISSUED: { id: "Sertifikat belum diterbitkan", en: "Certificate not issued" },
  BSRE_CERTIFICATE_REVOKED: { id: "Sertifikat telah dicabut", en: "Certificate revoked" },
  BSRE_ALREADY_REGISTERED: { id: "User sudah terdaftar", en: "User already registered" },
  BSRE_UNAUTHORIZED: {
    id: "Kredensial layanan BSrE ditolak",
    en: "BSrE service credentials were refused",
  },
  BSRE_NOT_FOUND: { id: "Data tidak ditemukan", en: "Not found" },
  BSRE_BAD_REQUEST: { id: "Permintaan ditolak oleh BSrE", en: "Request refused by BSrE" },
  BSRE_PAYLOAD_TOO_LARGE: { id: "Berkas terlalu besar", en: "File too large" },
  BSRE_RATE_LIMITED: { id: "Terlalu banyak permintaan", en: "Too many requests" },
  BSRE_UNAVAILABLE: { id: "Layanan BSrE tidak tersedia", en: "BSrE service unavailable" },
  BSRE_SERVER_ERROR: { id: "Kesalahan pada layanan BSrE", en: "BSrE service error" },
  BSRE_HTTP: { id: "Respons HTTP tak terduga dari BSrE", en: "Unexpected HTTP response from BSrE" },
  BSRE_TIMEOUT: { id: "Waktu tunggu BSrE habis", en: "BSrE request timed out" },
  BSRE_ABORTED: { id: "Permintaan dibatalkan", en: "Request aborted" },
  BSRE_NETWORK: { id: "Gagal menghubungi layanan BSrE", en: "Could not reach the BSrE service" },
  BSRE_SCHEMA_MISMATCH: {
    id: "Respons BSrE tidak sesuai skema yang diharapkan",
    en: "BSrE response does not match the expected schema",
  },
  BSRE_NOT_PDF: { id: "Respons BSrE bukan berkas PDF", en: "BSrE response is not a PDF file" },
  BSRE_INVALID_INPUT: { id: "Parameter permintaan tidak valid", en: "Invalid request parameters" },
};

/** Construction parameters of a {@link BsreError}. */
export interface BsreErrorInit {
  readonly code: BsreErrorCode;
  /** HTTP status the service answered with, when it answered. */
  readonly httpStatus?: number;
  /** BSrE's `status_code` from a JSON error body (e.g. 2031). */
  readonly statusCode?: number;
  /** BSrE's `error` text from a JSON error body. */
  readonly upstreamMessage?: string;
  /** What was sent, with secrets and file bytes replaced by placeholders. */
  readonly request?: RequestSummary;
  /** Extra detail safe to show (never a secret), e.g. the first schema issue. */
  readonly detail?: string;
  readonly cause?: unknown;
}

/**
 * The one error type of @teken/bsre-client: a stable `code`, the upstream HTTP status and
 * BSrE `status_code`, and a redacted request summary. It never holds a passphrase, TOTP,
 * credential or file bytes, so it is safe to log and to serialise.
 */
export class BsreError extends Error {
  override readonly name = "BsreError";
  readonly code: BsreErrorCode;
  readonly httpStatus: number | undefined;
  readonly statusCode: number | undefined;
  readonly upstreamMessage: string | undefined;
  readonly request: RequestSummary | undefined;
  /** Indonesian text of the code. */
  readonly messageId: string;

  constructor(init: BsreErrorInit) {
    const text = BSRE_ERROR_MESSAGES[init.code];
    const http = init.httpStatus === undefined ? "" : ` [HTTP ${init.httpStatus}]`;
    const upstream = init.upstreamMessage === undefined ? "" : `: ${init.upstreamMessage}`;
    const detail = init.detail === undefined ? "" : ` (${init.detail})`;
    super(`${text.en}${http}${upstream}${detail}`, init.cause === undefined ? {} : { cause: init.cause });
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.statusCode = init.statusCode;
    this.upstreamMessage = init.upstreamMessage;
    this.request = init.request;
    this.messageId = text.id;
  }

  /** A plain, secret-free object for logs and JSON (the cause is left out on purpose). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      messageId: this.messageId,
      httpStatus: this.httpStatus,
      statusCode: this.statusCode,
      upstreamMessage: this.upstreamMessage,
      request: this.request,
    };
  }
}

/** True when `value` is a {@link BsreError}, optionally with one of the given codes. */
export function isBsreError(value: unknown, ...codes: BsreErrorCode[]): value is BsreError {
  return value instanceof BsreError && (codes.length === 0 || codes.includes(value.code));
}
