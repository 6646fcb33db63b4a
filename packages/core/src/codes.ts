/** Codes of `parseNik` (Nomor Induk Kependudukan, 16 digits). */
export const nikCodes = [
  "NIK_LENGTH",
  "NIK_NOT_DIGITS",
  "NIK_PROVINCE_UNKNOWN",
  "NIK_REGENCY_INVALID",
  "NIK_DISTRICT_INVALID",
  "NIK_BIRTH_DATE_INVALID",
  "NIK_SERIAL_INVALID",
] as const;
/** A code `parseNik` may return. */
export type NikCode = (typeof nikCodes)[number];

/** Codes of `parseNip` (Nomor Induk Pegawai, 18 digits) and `crossCheckNipNik`. */
export const nipCodes = [
  "NIP_LENGTH",
  "NIP_NOT_DIGITS",
  "NIP_BIRTH_DATE_INVALID",
  "NIP_BIRTH_DATE_IMPLAUSIBLE",
  "NIP_APPOINTMENT_MONTH_INVALID",
  "NIP_PPPK_CODE_INVALID",
  "NIP_APPOINTMENT_FUTURE",
  "NIP_APPOINTMENT_AGE_IMPLAUSIBLE",
  "NIP_SEX_INVALID",
  "NIP_SERIAL_INVALID",
  "NIP_NIK_BIRTH_DATE_MISMATCH",
  "NIP_NIK_SEX_MISMATCH",
] as const;
/** A code `parseNip` or `crossCheckNipNik` may return. */
export type NipCode = (typeof nipCodes)[number];

/** Codes of `checkEmail` (agency email policy). */
export const emailCodes = [
  "EMAIL_FORMAT",
  "EMAIL_TOO_LONG",
  "EMAIL_NON_ASCII",
  "EMAIL_PUNYCODE",
  "EMAIL_LOOKALIKE_DOMAIN",
  "EMAIL_SUBDOMAIN_NOT_ALLOWED",
  "EMAIL_DOMAIN_NOT_ALLOWED",
] as const;
/** A code `checkEmail` may return. */
export type EmailCode = (typeof emailCodes)[number];

/** Codes of `checkUpload` (type sniffed from the bytes, size and pixel limits). */
export const uploadCodes = [
  "UPLOAD_EMPTY",
  "UPLOAD_TOO_LARGE",
  "UPLOAD_TYPE_UNKNOWN",
  "UPLOAD_TYPE_NOT_ALLOWED",
  "UPLOAD_TYPE_MISMATCH",
  "UPLOAD_PDF_NO_EOF",
  "UPLOAD_IMAGE_UNREADABLE",
  "UPLOAD_IMAGE_TOO_SMALL",
  "UPLOAD_IMAGE_TOO_LARGE",
] as const;
/** A code `checkUpload` may return. */
export type UploadCode = (typeof uploadCodes)[number];

/** Codes of `checkPassword` (TTE account password, NIST SP 800-63B §5.1.1.2). */
export const passwordCodes = [
  "PASSWORD_TOO_SHORT",
  "PASSWORD_TOO_LONG",
  "PASSWORD_COMMON",
  "PASSWORD_REPETITIVE",
  "PASSWORD_SEQUENTIAL",
  "PASSWORD_CONTAINS_IDENTIFIER",
] as const;
/** A code `checkPassword` may return. */
export type PasswordCode = (typeof passwordCodes)[number];

/** Codes of `checkPassphrase` (BSrE certificate passphrase, stricter on renewal). */
export const passphraseCodes = [
  "PASSPHRASE_TOO_SHORT",
  "PASSPHRASE_TOO_LONG",
  "PASSPHRASE_CLASSES",
  "PASSPHRASE_COMMON",
  "PASSPHRASE_REPETITIVE",
  "PASSPHRASE_CONTAINS_IDENTIFIER",
  "PASSPHRASE_SAME_AS_PASSWORD",
  "PASSPHRASE_REUSED",
] as const;
/** A code `checkPassphrase` may return. */
export type PassphraseCode = (typeof passphraseCodes)[number];

/** Codes of the state machines' transition functions (typed refusals). */
export const transitionCodes = [
  "STATE_UNKNOWN",
  "STATE_EVENT_NOT_ALLOWED",
  "STATE_ROLE_FORBIDDEN",
  "STATE_NOTE_REQUIRED",
  "WORKFLOW_NO_STEPS",
  "WORKFLOW_LAST_STEP_NOT_SIGN",
  "WORKFLOW_STEP_ACTOR_MISSING",
  "WORKFLOW_NOT_YOUR_STEP",
  "WORKFLOW_STEP_KIND_MISMATCH",
] as const;
/** A code a transition function may return. */
export type TransitionCode = (typeof transitionCodes)[number];

/** Codes of `checkRegistration` beyond those of the rules it combines. */
export const registrationCodes = ["REGISTRATION_PASSWORD_MISMATCH", "REGISTRATION_UPLOAD_MISSING"] as const;
/** A code only `checkRegistration` returns. */
export type RegistrationCode = (typeof registrationCodes)[number];

/** Every code @teken/core can return, in catalogue order. */
export const coreIssueCodes = [
  ...nikCodes,
  ...nipCodes,
  ...emailCodes,
  ...uploadCodes,
  ...passwordCodes,
  ...passphraseCodes,
  ...transitionCodes,
  ...registrationCodes,
] as const;
/** Any code @teken/core can return. */
export type CoreIssueCode = (typeof coreIssueCodes)[number];
