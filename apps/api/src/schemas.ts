import { z } from "zod";
import { tokenScopes } from "./adapters/token-store";

/** `POST /api/session`. */
export const LoginSchema = z.object({
  login: z.string().trim().min(1).max(254).describe("NIP (officials) or email (admins)"),
  password: z.string().min(1).max(1024),
});
/** Reject a registration. */
export const ReasonSchema = z.object({ reason: z.string().trim().min(1).max(2000) });
/** Correct a registration's email (audited). */
export const CorrectEmailSchema = z.object({
  email: z.string().trim().min(3).max(254),
  reason: z.string().trim().min(1),
});
/** The ordered steps of a document (multipart field `steps`, JSON). */
export const StepsSchema = z
  .array(z.object({ kind: z.enum(["paraf", "sign"]), userId: z.string().min(1) }))
  .min(1)
  .max(20);
/** Sign a step; the passphrase goes to BSrE only. */
export const SignSchema = z.object({
  passphrase: z.string().min(1).max(1024),
  totp: z
    .string()
    .regex(/^\d{6,8}$/)
    .optional(),
});
/** Return a document with a note. */
export const NoteSchema = z.object({ note: z.string().trim().min(1).max(2000) });
/** Cancel a document. */
export const CancelSchema = z.object({ reason: z.string().trim().max(2000).optional() });
/** BSrE v2 verify body. */
export const V2VerifySchema = z.object({
  file: z.string().min(1).describe("base64 PDF"),
  password: z.string().optional(),
});

/** Multipart fields of a registration. */
export const RegistrationForm = z.object({
  nip: z.string(),
  nik: z.string(),
  email: z.string(),
  password: z.string(),
  passwordConfirmation: z.string(),
  ktp: z.string().describe("file (JPEG/PNG/PDF, max 250 KB)"),
  recommendation: z.string().describe("file (PDF, max 400 KB)"),
  specimen: z.string().describe("file (PNG/JPEG)"),
});
/** Multipart fields of a resubmission (all optional). */
export const ResubmitForm = RegistrationForm.pick({
  nik: true,
  email: true,
  ktp: true,
  recommendation: true,
  specimen: true,
}).partial();
/** Multipart fields of a document upload. */
export const DocumentForm = z.object({
  file: z.string().describe("PDF file"),
  jenis: z.string(),
  perihal: z.string(),
  paperSize: z.string().optional(),
  anchor: z.string().optional(),
  steps: z.string().describe("JSON array of {kind: paraf|sign, userId}"),
});
/** Multipart `file` (POST /verify). */
export const VerifyForm = z.object({ file: z.string().describe("PDF file") });
/** Multipart `signed_file` (BSrE v1 verify). */
export const V1VerifyForm = z.object({ signed_file: z.string().describe("PDF file") });
/** Change my password. */
export const PasswordChangeSchema = z.object({
  current: z.string().min(1).max(1024),
  next: z.string().min(1).max(1024),
  confirmation: z.string().min(1).max(1024),
});
/** Create an API token. */
export const TokenCreateSchema = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(tokenScopes)).min(1),
});
