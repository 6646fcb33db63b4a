import type { CoreIssueCode } from "./codes";
import { type Email, type EmailPolicy, checkEmail } from "./email";
import type { Nik } from "./nik";
import type { Nip, NipOptions } from "./nip";
import { crossCheckNipNik } from "./nip-nik";
import { type PasswordPolicy, checkPassword } from "./password";
import { type Issue, type Result, fail, issue, ok } from "./result";
import {
  type CheckedUpload,
  type UploadInput,
  type UploadKind,
  type UploadPolicy,
  checkUpload,
  uploadPolicies,
} from "./uploads";

/** The three files of the registration form (DOMAIN.md §2). */
export type RegistrationUploadKind = Exclude<UploadKind, "document">;

/** The registration form as submitted: identifiers, agency email, password twice, the three uploads. */
export interface RegistrationInput {
  readonly nip: string;
  readonly nik: string;
  readonly email: string;
  readonly password: string;
  readonly passwordConfirmation: string;
  /** The name from the personnel directory (SIMPEG), to refuse passwords made of it. */
  readonly name?: string;
  readonly uploads: Readonly<Partial<Record<RegistrationUploadKind, UploadInput>>>;
}

/** Overrides for the rules the form combines. */
export interface RegistrationOptions extends NipOptions {
  readonly email?: EmailPolicy;
  readonly password?: PasswordPolicy;
  readonly uploads?: Readonly<Partial<Record<RegistrationUploadKind, UploadPolicy>>>;
}

/** A registration that passed every rule (the password itself is not returned). */
export interface CheckedRegistration {
  readonly nip: Nip;
  readonly nik: Nik;
  readonly email: Email;
  readonly uploads: Readonly<Record<RegistrationUploadKind, CheckedUpload>>;
}

const uploadKinds: readonly RegistrationUploadKind[] = ["signature_specimen", "ktp", "recommendation_letter"];

/** Prefixes an issue list's paths. */
function under(
  path: readonly (string | number)[],
  issues: readonly Issue<CoreIssueCode>[],
): Issue<CoreIssueCode>[] {
  return issues.map((i) => ({ ...i, path: [...path, ...i.path] }));
}

/** Checks the three uploads, each required, each against its policy. */
function checkUploads(
  input: RegistrationInput,
  options: RegistrationOptions,
): { checked: Partial<Record<RegistrationUploadKind, CheckedUpload>>; issues: Issue<CoreIssueCode>[] } {
  const checked: Partial<Record<RegistrationUploadKind, CheckedUpload>> = {};
  const issues: Issue<CoreIssueCode>[] = [];
  for (const kind of uploadKinds) {
    const file = input.uploads[kind];
    if (file === undefined) {
      issues.push(issue("REGISTRATION_UPLOAD_MISSING", ["uploads", kind], { kind }));
      continue;
    }
    const r = checkUpload(file, options.uploads?.[kind] ?? uploadPolicies[kind]);
    if (r.ok) checked[kind] = r.value;
    else issues.push(...under(["uploads", kind], r.issues));
  }
  return { checked, issues };
}

/**
 * Checks a whole registration form and reports every problem at once, each under its field's
 * path: NIP and NIK (and that they match), the agency email, the password (twice, not derived
 * from the identifiers, email or name), and the signature specimen, KTP scan and recommendation letter.
 * @example checkRegistration({ nip, nik, email, password, passwordConfirmation, uploads: { ktp, ... } })
 */
export function checkRegistration(
  input: RegistrationInput,
  options: RegistrationOptions = {},
): Result<CheckedRegistration, CoreIssueCode> {
  const ids = crossCheckNipNik(input.nip, input.nik, options);
  const email = checkEmail(input.email, options.email);
  const context = {
    nip: input.nip,
    nik: input.nik,
    email: input.email,
    ...(input.name === undefined ? {} : { name: input.name }),
  };
  const password = checkPassword(input.password, context, options.password);
  const uploads = checkUploads(input, options);
  const issues: Issue<CoreIssueCode>[] = [
    ...(ids.ok ? [] : ids.issues.map((i) => (i.path.length === 0 ? { ...i, path: ["nik"] } : i))),
    ...(email.ok ? [] : under(["email"], email.issues)),
    ...(password.ok ? [] : under(["password"], password.issues)),
    ...(input.password === input.passwordConfirmation
      ? []
      : [issue("REGISTRATION_PASSWORD_MISMATCH", ["passwordConfirmation"])]),
    ...uploads.issues,
  ];
  if (issues.length > 0 || !ids.ok || !email.ok) return fail(...issues);
  const files = uploads.checked as Record<RegistrationUploadKind, CheckedUpload>;
  return ok({ nip: ids.value.nip, nik: ids.value.nik, email: email.value, uploads: files });
}
