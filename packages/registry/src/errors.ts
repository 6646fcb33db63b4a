/** Stable codes of the registry's expected failures (returned as results) and thrown errors. */
export const registryCodes = [
  "FORBIDDEN",
  "NOT_FOUND",
  "INVALID_INPUT",
  "NIP_UNKNOWN",
  "UNIT_UNKNOWN",
  "DUPLICATE_NIP",
  "DUPLICATE_NIK",
  "DUPLICATE_EMAIL",
  "INVALID_TRANSITION",
  "PASSWORD_MISMATCH",
  "CERTIFICATE_NOT_ISSUED",
  "STEP_NOT_ACTIVE",
  "SIGNING_IN_PROGRESS",
  "IDEMPOTENCY_KEY_REUSED",
  "SIGNING_FAILED",
  "REVISION_CHANGED",
  "TOTP_REQUIRED",
  "STORAGE_CORRUPT",
  "MIGRATION_CHANGED",
] as const;

/** A registry error code. */
export type RegistryCode = (typeof registryCodes)[number];

const messages: Record<RegistryCode, { readonly id: string; readonly en: string }> = {
  FORBIDDEN: { id: "Anda tidak berwenang melakukan tindakan ini", en: "You may not do this" },
  NOT_FOUND: { id: "Data tidak ditemukan", en: "Not found" },
  INVALID_INPUT: { id: "Data tidak valid", en: "Invalid input" },
  NIP_UNKNOWN: {
    id: "NIP tidak ditemukan di data kepegawaian",
    en: "NIP not found in the personnel directory",
  },
  UNIT_UNKNOWN: { id: "Satuan kerja tidak dikenal", en: "Unknown work unit" },
  DUPLICATE_NIP: { id: "NIP sudah terdaftar", en: "NIP already registered" },
  DUPLICATE_NIK: { id: "NIK sudah terdaftar", en: "NIK already registered" },
  DUPLICATE_EMAIL: { id: "Email sudah terdaftar", en: "Email already registered" },
  INVALID_TRANSITION: {
    id: "Status tidak memungkinkan tindakan ini",
    en: "Not allowed in the current status",
  },
  PASSWORD_MISMATCH: { id: "Kata sandi dan konfirmasi tidak sama", en: "Password and confirmation differ" },
  CERTIFICATE_NOT_ISSUED: { id: "Sertifikat elektronik belum aktif", en: "Certificate is not issued" },
  STEP_NOT_ACTIVE: { id: "Langkah ini tidak sedang menunggu", en: "This step is not waiting" },
  SIGNING_IN_PROGRESS: { id: "Penandatanganan sedang diproses", en: "Signing is already in progress" },
  IDEMPOTENCY_KEY_REUSED: {
    id: "Kunci idempotensi dipakai untuk permintaan lain",
    en: "Idempotency key reused for a different request",
  },
  SIGNING_FAILED: { id: "Penandatanganan gagal", en: "Signing failed" },
  REVISION_CHANGED: { id: "Dokumen telah berubah", en: "The document changed" },
  TOTP_REQUIRED: { id: "Kode OTP diperlukan", en: "A TOTP code is required" },
  STORAGE_CORRUPT: { id: "Berkas tersimpan rusak", en: "Stored file is corrupt" },
  MIGRATION_CHANGED: {
    id: "Migrasi berubah setelah diterapkan",
    en: "A migration changed after it was applied",
  },
};

/** The message of a code in Indonesian (default) or English. */
export function registryMessage(code: RegistryCode, lang: "id" | "en" = "id"): string {
  return messages[code][lang];
}

/** An unexpected registry failure (broken storage, changed migration); expected ones are results. */
export class RegistryError extends Error {
  /** The stable code. */
  readonly code: RegistryCode;

  constructor(code: RegistryCode, options?: { cause?: unknown }) {
    super(`${messages[code].id} / ${messages[code].en}`, options);
    this.name = "RegistryError";
    this.code = code;
  }
}
