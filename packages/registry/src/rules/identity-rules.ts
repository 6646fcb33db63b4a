import {
  type Issue,
  checkEmail,
  checkPassword,
  checkUpload,
  crossCheckNipNik,
  defaultEmailDomains,
  parseNip,
  uploadPolicies,
} from "@teken/core";

/** Kinds of upload the registry checks (DOMAIN.md §2-3). */
export type UploadKind = "specimen" | "ktp" | "recommendation" | "document";

/** A checked upload: its media type as sniffed from the bytes. */
export interface CheckedUpload {
  readonly mediaType: string;
}

/** Identifiers that a password must not be derived from. */
export interface PasswordContext {
  readonly nip?: string;
  readonly nik?: string;
  readonly email?: string;
  readonly name?: string;
}

/**
 * The input rules the use cases apply, as a port so an agency can tighten them; the default
 * (`defaultIdentityRules`) is @teken/core's NIP, NIK, email, password and upload rules.
 */
export interface IdentityRules {
  nip(input: string): { readonly value?: string; readonly issues: readonly Issue[] };
  nik(input: string, nip: string): { readonly value?: string; readonly issues: readonly Issue[] };
  email(input: string): { readonly value?: string; readonly issues: readonly Issue[] };
  password(input: string, context: PasswordContext): readonly Issue[];
  upload(
    kind: UploadKind,
    bytes: Uint8Array,
  ): { readonly value?: CheckedUpload; readonly issues: readonly Issue[] };
}

const policyOf = {
  specimen: uploadPolicies.signature_specimen,
  ktp: uploadPolicies.ktp,
  recommendation: uploadPolicies.recommendation_letter,
  document: uploadPolicies.document,
} as const;

const under = (field: string, issues: readonly Issue[]): Issue[] =>
  issues.map((i) => (i.path[0] === field ? i : { ...i, path: [field, ...i.path] }));

/** @teken/core's rules; `emailDomains` defaults to core's `defaultEmailDomains` (kemenag.go.id). */
export function defaultIdentityRules(emailDomains: readonly string[] = defaultEmailDomains): IdentityRules {
  return {
    nip: (input) => {
      const r = parseNip(input);
      return r.ok ? { value: r.value.nip, issues: [] } : { issues: under("nip", r.issues) };
    },
    nik: (input, nip) => {
      const r = crossCheckNipNik(nip, input);
      return r.ok
        ? { value: r.value.nik.nik, issues: [] }
        : { issues: r.issues.map((i) => (i.path.length ? i : { ...i, path: ["nik"] })) };
    },
    email: (input) => {
      const r = checkEmail(input, { allowedDomains: emailDomains });
      return r.ok ? { value: r.value.address, issues: [] } : { issues: under("email", r.issues) };
    },
    password: (input, context) => {
      const r = checkPassword(input, context);
      return r.ok ? [] : under("password", r.issues);
    },
    upload: (kind, bytes) => {
      const r = checkUpload({ bytes }, policyOf[kind]);
      return r.ok ? { value: { mediaType: r.value.type }, issues: [] } : { issues: under(kind, r.issues) };
    },
  };
}
