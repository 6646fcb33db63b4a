import { type Issue, issue } from "@teken/core";

/** Kinds of registration upload (DOMAIN.md §2). */
export type UploadKind = "specimen" | "ktp" | "recommendation";

/** A checked upload: its sniffed media type. */
export interface CheckedUpload {
  readonly mediaType: string;
}

/**
 * The input rules registration applies. STAND-IN: @teken/core is adding `parseNip`,
 * `parseNik`, `crossCheckNipNik`, `checkEmail`, `checkUpload` and `checkPassword`; until the
 * lead wires those in here, these minimal local versions (format, domain, size, magic bytes,
 * length) keep the use cases honest.
 */
export interface IdentityRules {
  nip(input: string): { readonly value?: string; readonly issues: readonly Issue[] };
  nik(input: string, nip: string): { readonly value?: string; readonly issues: readonly Issue[] };
  email(input: string): { readonly value?: string; readonly issues: readonly Issue[] };
  password(input: string, identifiers: readonly string[]): readonly Issue[];
  upload(
    kind: UploadKind,
    bytes: Uint8Array,
  ): { readonly value?: CheckedUpload; readonly issues: readonly Issue[] };
}

/** Size limits of the registration guide: KTP 250 KB, recommendation 400 KB, specimen 250 KB. */
export const uploadLimits: Readonly<Record<UploadKind, number>> = {
  specimen: 250 * 1024,
  ktp: 250 * 1024,
  recommendation: 400 * 1024,
};

const allowedTypes: Readonly<Record<UploadKind, readonly string[]>> = {
  specimen: ["image/png", "image/jpeg"],
  ktp: ["image/png", "image/jpeg", "application/pdf"],
  recommendation: ["application/pdf", "image/png", "image/jpeg"],
};

/** Sniffs PNG, JPEG and PDF from their magic bytes. */
export function sniffMediaType(bytes: Uint8Array): string | undefined {
  const starts = (sig: readonly number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  return undefined;
}

/** The stand-in rules; `emailDomains` defaults to `kemenag.go.id`. */
export function defaultIdentityRules(emailDomains: readonly string[] = ["kemenag.go.id"]): IdentityRules {
  const digits = (input: string, length: number, field: "NIP" | "NIK") => {
    const value = input.replace(/[\s.-]/g, "");
    if (!/^\d+$/.test(value)) return { issues: [issue(`${field}_NOT_DIGITS`, [field.toLowerCase()])] };
    if (value.length !== length) return { issues: [issue(`${field}_LENGTH`, [field.toLowerCase()])] };
    return { value, issues: [] };
  };
  return {
    nip: (input) => digits(input, 18, "NIP"),
    nik: (input, nip) => {
      const parsed = digits(input, 16, "NIK");
      if (!parsed.value) return parsed;
      const nikDay = Number(parsed.value.slice(6, 8)) % 40;
      const sameBirth =
        nikDay === Number(nip.slice(6, 8)) &&
        parsed.value.slice(8, 10) === nip.slice(4, 6) &&
        parsed.value.slice(10, 12) === nip.slice(2, 4);
      return sameBirth ? parsed : { issues: [issue("NIP_NIK_BIRTH_DATE_MISMATCH", ["nik"])] };
    },
    email: (input) => {
      const value = input.trim().toLowerCase();
      const match = /^[a-z0-9._%+-]+@([a-z0-9-]+(\.[a-z0-9-]+)+)$/.exec(value);
      if (!match) return { issues: [issue("EMAIL_FORMAT", ["email"])] };
      if (!emailDomains.includes(match[1] ?? ""))
        return { issues: [issue("EMAIL_DOMAIN_NOT_ALLOWED", ["email"])] };
      return { value, issues: [] };
    },
    password: (input, identifiers) => {
      if (input.length < 8) return [issue("PASSWORD_TOO_SHORT", ["password"], { min: 8 })];
      if (input.length > 128) return [issue("PASSWORD_TOO_LONG", ["password"], { max: 128 })];
      if (identifiers.some((id) => id !== "" && input.includes(id)))
        return [issue("PASSWORD_CONTAINS_IDENTIFIER", ["password"])];
      return [];
    },
    upload: (kind, bytes) => {
      if (bytes.byteLength === 0) return { issues: [issue("UPLOAD_EMPTY", [kind])] };
      if (bytes.byteLength > uploadLimits[kind])
        return { issues: [issue("UPLOAD_TOO_LARGE", [kind], { max: uploadLimits[kind] })] };
      const mediaType = sniffMediaType(bytes);
      if (!mediaType) return { issues: [issue("UPLOAD_TYPE_UNKNOWN", [kind])] };
      if (!allowedTypes[kind].includes(mediaType))
        return { issues: [issue("UPLOAD_TYPE_NOT_ALLOWED", [kind])] };
      return { value: { mediaType }, issues: [] };
    },
  };
}
