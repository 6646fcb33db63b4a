import { z } from "zod";
import { fromBase64, looksLikePdf, toBase64 } from "./base64";
import { BsreError } from "./errors";
import type { BsreCallOptions, ResolvedOptions } from "./options";
import { readJson } from "./response";
import type { SignatureProperties } from "./sign-v2";
import { send } from "./transport";

/** Informational answer of the seal activation, revocation and TOTP calls. */
export const SealMessageResponseSchema = z.looseObject({
  message: z.string().optional(),
  status: z.union([z.string(), z.boolean(), z.number()]).optional(),
  totp: z.string().optional(),
  expires: z.union([z.number(), z.string()]).optional(),
});

/** Answer of `POST /api/v2/seal/pdf`: `{time, file: [base64...]}`. */
export const SealPdfResponseSchema = z.looseObject({
  time: z.union([z.number(), z.string()]).optional(),
  file: z.array(z.string().min(1)),
});

/** The checked informational answer of a seal call. */
export type SealMessageResponse = z.output<typeof SealMessageResponseSchema>;

/** Request of the seal sign call: an organisation subscriber and its seal TOTP. */
export interface SealPdfRequest {
  readonly idSubscriber: string;
  readonly totp: string;
  readonly files: readonly Uint8Array[];
  readonly signatureProperties: readonly SignatureProperties[];
}

/** Checks an organisation subscriber id. */
function subscriber(id: string): string {
  if (!/^[\w.-]{1,100}$/.test(id))
    throw new BsreError({ code: "BSRE_INVALID_INPUT", detail: "idSubscriber is invalid" });
  return id;
}

/** Posts a JSON seal call (never retried: each has a side effect) and checks the answer. */
async function post<S extends z.ZodType>(
  options: ResolvedOptions,
  path: string,
  value: Record<string, unknown>,
  schema: S,
  call: BsreCallOptions,
  sign = false,
): Promise<{ data: z.output<S>; request: BsreError["request"] }> {
  const raw = await send(
    options,
    { method: "POST", path, body: { kind: "json", value }, idempotent: false, sign },
    call,
  );
  return { data: readJson(raw, schema), request: raw.request };
}

/** Asks for a seal activation code to be emailed to the subscriber (`/api/v2/seal/get/activation`). */
export async function requestSealActivation(
  options: ResolvedOptions,
  idSubscriber: string,
  call: BsreCallOptions = {},
): Promise<SealMessageResponse> {
  const body = { idSubscriber: subscriber(idSubscriber) };
  return (await post(options, "/api/v2/seal/get/activation", body, SealMessageResponseSchema, call)).data;
}

/** Exchanges an activation code for a seal TOTP (`/api/v2/seal/get/totp`). */
export async function requestSealTotp(
  options: ResolvedOptions,
  request: { readonly idSubscriber: string; readonly totp: string },
  call: BsreCallOptions = {},
): Promise<SealMessageResponse> {
  const body = { idSubscriber: subscriber(request.idSubscriber), totp: request.totp };
  return (await post(options, "/api/v2/seal/get/totp", body, SealMessageResponseSchema, call)).data;
}

/** Revokes a seal activation (`/api/v2/seal/revoke/activation`). */
export async function revokeSealActivation(
  options: ResolvedOptions,
  request: { readonly idSubscriber: string; readonly totp: string },
  call: BsreCallOptions = {},
): Promise<SealMessageResponse> {
  const body = { idSubscriber: subscriber(request.idSubscriber), totp: request.totp };
  return (await post(options, "/api/v2/seal/revoke/activation", body, SealMessageResponseSchema, call)).data;
}

/** Seals PDFs with the organisation's certificate (`/api/v2/seal/pdf`); never retried. */
export async function sealPdf(
  options: ResolvedOptions,
  request: SealPdfRequest,
  call: BsreCallOptions = {},
): Promise<{ readonly files: readonly Uint8Array[]; readonly time: number | string | undefined }> {
  if (request.files.length === 0 || request.signatureProperties.length !== request.files.length) {
    throw new BsreError({ code: "BSRE_INVALID_INPUT", detail: "one signatureProperties entry per file" });
  }
  const body = {
    idSubscriber: subscriber(request.idSubscriber),
    totp: request.totp,
    signatureProperties: request.signatureProperties.map(({ image, ...rest }) =>
      image ? { ...rest, imageBase64: toBase64(image) } : rest,
    ),
    file: request.files.map(toBase64),
  };
  const { data, request: summary } = await post(
    options,
    "/api/v2/seal/pdf",
    body,
    SealPdfResponseSchema,
    call,
    true,
  );
  if (data.file.length !== request.files.length) {
    throw new BsreError({ code: "BSRE_SCHEMA_MISMATCH", request: summary, detail: "file count differs" });
  }
  const files = data.file.map((f) => fromBase64(f));
  if (!files.every(looksLikePdf)) throw new BsreError({ code: "BSRE_NOT_PDF", request: summary });
  return { files, time: data.time };
}
