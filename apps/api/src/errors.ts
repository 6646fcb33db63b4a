import { type Issue, formatIssue } from "@teken/core";
import { type RegistryCode, registryCodes, registryMessage } from "@teken/registry";

/** Codes raised by the API itself (the registry's and core's codes pass through unchanged). */
export const apiCodes = [
  "UNAUTHENTICATED",
  "CSRF_REJECTED",
  "TOO_MANY_ATTEMPTS",
  "PAYLOAD_TOO_LARGE",
  "NOT_FOUND",
  "INVALID_INPUT",
  "INVALID_PDF",
  "INTERNAL",
  "TOTP_INVALID",
  "TOTP_ALREADY_ENABLED",
  "TOTP_NOT_PENDING",
  "TOTP_KEY_MISMATCH",
  "WEBHOOK_URL_REFUSED",
] as const;

/** An API error code. */
export type ApiCode = (typeof apiCodes)[number];

const apiMessages: Record<ApiCode, { readonly id: string; readonly en: string }> = {
  UNAUTHENTICATED: { id: "Silakan masuk terlebih dahulu", en: "Please log in first" },
  CSRF_REJECTED: {
    id: "Permintaan ditolak (token CSRF tidak cocok)",
    en: "Request refused (CSRF token mismatch)",
  },
  TOO_MANY_ATTEMPTS: {
    id: "Terlalu banyak percobaan, coba lagi nanti",
    en: "Too many attempts, try again later",
  },
  PAYLOAD_TOO_LARGE: { id: "Ukuran unggahan melebihi batas", en: "The upload is too large" },
  NOT_FOUND: { id: "Data tidak ditemukan", en: "Not found" },
  INVALID_INPUT: { id: "Data tidak valid", en: "Invalid input" },
  INVALID_PDF: { id: "Berkas bukan PDF yang dapat dibaca", en: "The file is not a readable PDF" },
  INTERNAL: { id: "Terjadi kesalahan pada server", en: "Internal server error" },
  TOTP_INVALID: { id: "Kode OTP salah atau sudah dipakai", en: "The TOTP code is wrong or already used" },
  TOTP_ALREADY_ENABLED: {
    id: "Autentikasi dua langkah sudah aktif",
    en: "Two-step verification is already on",
  },
  TOTP_NOT_PENDING: {
    id: "Tidak ada pendaftaran OTP yang menunggu konfirmasi",
    en: "No TOTP enrolment is waiting for confirmation",
  },
  TOTP_KEY_MISMATCH: {
    id: "Rahasia OTP tidak dapat dibuka dengan kunci server ini",
    en: "The TOTP secret cannot be opened with this server key",
  },
  WEBHOOK_URL_REFUSED: {
    id: "URL webhook harus https (http hanya ke localhost atau bila diizinkan)",
    en: "The webhook URL must be https (http only to localhost or when allowed)",
  },
};

/**
 * The one table mapping stable codes to HTTP statuses (RFC 9110 §15); codes not listed are
 * validation issues from @teken/core (NIP_*, NIK_*, UPLOAD_*, ...) and answer 422.
 */
export const statusOfCode: Readonly<Record<string, number>> = {
  UNAUTHENTICATED: 401,
  CSRF_REJECTED: 403,
  FORBIDDEN: 403,
  WORKFLOW_NOT_YOUR_STEP: 403,
  STATE_ROLE_FORBIDDEN: 403,
  STATE_EVENT_NOT_ALLOWED: 409,
  NOT_FOUND: 404,
  TOO_MANY_ATTEMPTS: 429,
  PAYLOAD_TOO_LARGE: 413,
  INVALID_INPUT: 400,
  INVALID_PDF: 422,
  INTERNAL: 500,
  DUPLICATE_NIP: 409,
  DUPLICATE_NIK: 409,
  DUPLICATE_EMAIL: 409,
  INVALID_TRANSITION: 409,
  STEP_NOT_ACTIVE: 409,
  SIGNING_IN_PROGRESS: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  REVISION_CHANGED: 409,
  CERTIFICATE_NOT_ISSUED: 409,
  TOTP_REQUIRED: 401,
  TOTP_INVALID: 401,
  TOTP_ALREADY_ENABLED: 409,
  TOTP_NOT_PENDING: 409,
  TOTP_KEY_MISMATCH: 500,
  WEBHOOK_URL_REFUSED: 422,
  SIGNING_FAILED: 502,
  STORAGE_CORRUPT: 500,
  MIGRATION_CHANGED: 500,
};

/** The HTTP status for a code (422 for validation codes). */
export function httpStatusOf(code: string): number {
  return statusOfCode[code] ?? 422;
}

/**
 * Why the signing service refused (`SIGNING_FAILED`'s `reason`, from the registry): the
 * signer's own mistake is a client error with its own words, not a gateway failure.
 */
const signingReasons: Record<string, { readonly status: number; readonly id: string; readonly en: string }> =
  {
    WRONG_PASSPHRASE: { status: 422, id: "passphrase salah", en: "wrong passphrase" },
    TOTP_INVALID: { status: 401, id: "kode OTP salah", en: "wrong one-time code" },
    NOT_ISSUED: { status: 409, id: "sertifikat belum terbit", en: "the certificate is not issued" },
    UNAVAILABLE: { status: 502, id: "layanan BSrE tidak tersedia", en: "BSrE is unavailable" },
  };

/** The signing failure reason of an issue, when it is one we explain. */
function signingReason(issue: Issue) {
  const reason = issue.code === "SIGNING_FAILED" ? issue.params?.reason : undefined;
  return typeof reason === "string" ? signingReasons[reason] : undefined;
}

/** The HTTP status of an issue: by its code, refined by a signing failure's reason. */
export function httpStatusOfIssue(issue: Issue): number {
  return signingReason(issue)?.status ?? httpStatusOf(issue.code);
}

/** Message language. */
export type Lang = "id" | "en";

/** The message of any code we may answer with, in Indonesian or English. */
export function messageOf(issue: Issue, lang: Lang): string {
  if ((apiCodes as readonly string[]).includes(issue.code)) return apiMessages[issue.code as ApiCode][lang];
  if ((registryCodes as readonly string[]).includes(issue.code)) {
    const reason = signingReason(issue);
    const message = registryMessage(issue.code as RegistryCode, lang);
    return reason ? `${message}: ${reason[lang]}` : message;
  }
  return formatIssue(issue, lang);
}

/** An expected failure raised at the edge; `onError` turns it into problem+json. */
export class ApiError extends Error {
  /** The stable code of the first issue. */
  readonly code: string;
  constructor(
    readonly issues: readonly Issue[],
    options?: { cause?: unknown },
  ) {
    super(issues[0]?.code ?? "INTERNAL", options);
    this.name = "ApiError";
    this.code = issues[0]?.code ?? "INTERNAL";
  }
}

/** Shorthand for a one-issue `ApiError`. */
export function apiError(code: string, path: readonly (string | number)[] = []): ApiError {
  return new ApiError([{ code, path }]);
}
