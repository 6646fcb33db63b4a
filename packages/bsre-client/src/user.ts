import { z } from "zod";
import { BsreError } from "./errors";
import { type BsreIdentity, identityFields } from "./identity";
import type { BsreCallOptions, ResolvedOptions } from "./options";
import { maskIdentifier } from "./request-summary";
import { readJson } from "./response";
import { type MultipartValue, send } from "./transport";

/** BSrE v2 user statuses (DOMAIN.md §2); only `ISSUE` may sign. */
export const BSRE_USER_STATUSES = [
  "ISSUE",
  "EXPIRED",
  "RENEW",
  "WAITING_FOR_VERIFICATION",
  "NEW",
  "NO_CERTIFICATE",
  "NOT_REGISTERED",
  "SUSPEND",
  "REVOKE",
] as const;

/** A known BSrE user status. */
export type BsreUserStatus = (typeof BSRE_USER_STATUSES)[number];

/** A user's status as the client reports it, for both API versions. */
export interface UserStatus {
  /** The status text as BSrE sent it (unknown values are kept, not rejected). */
  readonly status: string;
  /** True when the status is a known one. */
  readonly known: boolean;
  /** True only for `ISSUE`. */
  readonly canSign: boolean;
  /** v1 `status_code` (1111 ISSUE, 1110 NOT_REGISTERED, ...). */
  readonly statusCode: number | undefined;
  readonly message: string | undefined;
}

/** The v1 answer of `GET /api/user/status/{nik}`. */
export const UserStatusV1ResponseSchema = z.looseObject({
  status_code: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]),
  status: z.string(),
  message: z.string().optional(),
});

/** The v2 answer of `POST /api/v2/user/check/status`. */
export const UserStatusV2ResponseSchema = z.looseObject({
  status: z.string(),
  message: z.string().optional(),
});

/** Answer of the registration call (informational). */
export const RegistrationResponseSchema = z.looseObject({
  status: z.string().optional(),
  message: z.string().optional(),
});

/** Builds the client's view of a status. */
function toStatus(status: string, statusCode: number | undefined, message: string | undefined): UserStatus {
  const upper = status.toUpperCase();
  return {
    status: upper,
    known: (BSRE_USER_STATUSES as readonly string[]).includes(upper),
    canSign: upper === "ISSUE",
    statusCode,
    message,
  };
}

/**
 * Reads a user's status with `GET /api/user/status/{nik}` (v1). An unregistered user is a
 * status (`NOT_REGISTERED`, code 1110), not an error. Retried on 429/503/504.
 */
export async function userStatusV1(
  options: ResolvedOptions,
  nik: string,
  call: BsreCallOptions = {},
): Promise<UserStatus> {
  identityFields({ nik });
  const raw = await send(
    options,
    {
      method: "GET",
      path: `/api/user/status/${nik}`,
      summaryPath: `/api/user/status/${maskIdentifier(nik)}`,
      idempotent: true,
    },
    call,
  );
  const parsed = readJson(raw, UserStatusV1ResponseSchema);
  return toStatus(parsed.status, parsed.status_code, parsed.message);
}

/** Reads a user's status by NIK or email with `POST /api/v2/user/check/status`; retried on 429/503/504. */
export async function userStatusV2(
  options: ResolvedOptions,
  identity: BsreIdentity,
  call: BsreCallOptions = {},
): Promise<UserStatus> {
  const raw = await send(
    options,
    {
      method: "POST",
      path: "/api/v2/user/check/status",
      body: { kind: "json", value: identityFields(identity) },
      idempotent: true,
    },
    call,
  );
  const parsed = readJson(raw, UserStatusV2ResponseSchema);
  return toStatus(parsed.status, undefined, parsed.message);
}

/** A registration file (KTP scan, recommendation letter, signature specimen). */
export interface RegistrationFile {
  readonly bytes: Uint8Array;
  readonly name: string;
  readonly type: string;
}

/**
 * Request of `POST /api/user/registrasi` (multipart). The public material does not document
 * this call's fields; these follow the agency registration form (DOMAIN.md §2).
 */
export interface RegistrationRequest {
  readonly nik: string;
  readonly nama: string;
  readonly email: string;
  readonly nip?: string;
  readonly jabatan?: string;
  readonly unitKerja?: string;
  readonly kota?: string;
  readonly provinsi?: string;
  readonly nomorTelepon?: string;
  readonly ktp?: RegistrationFile;
  readonly suratRekomendasi?: RegistrationFile;
  readonly imageTtd?: RegistrationFile;
}

/** Registers a user (`POST /api/user/registrasi`); the user then waits for verification. Not retried. */
export async function registerUser(
  options: ResolvedOptions,
  request: RegistrationRequest,
  call: BsreCallOptions = {},
): Promise<z.output<typeof RegistrationResponseSchema>> {
  identityFields({ nik: request.nik });
  identityFields({ email: request.email });
  if (request.nama.trim() === "")
    throw new BsreError({ code: "BSRE_INVALID_INPUT", detail: "nama is empty" });
  const fields: Record<string, MultipartValue | undefined> = {
    nik: request.nik,
    nama: request.nama,
    email: request.email,
    nip: request.nip,
    jabatan: request.jabatan,
    unit_kerja: request.unitKerja,
    kota: request.kota,
    provinsi: request.provinsi,
    nomor_telepon: request.nomorTelepon,
    ktp: request.ktp,
    surat_rekomendasi: request.suratRekomendasi,
    image_ttd: request.imageTtd,
  };
  const raw = await send(
    options,
    { method: "POST", path: "/api/user/registrasi", body: { kind: "multipart", fields }, idempotent: false },
    call,
  );
  return readJson(raw, RegistrationResponseSchema);
}
