import { z } from "zod";
import { fromBase64, looksLikePdf, toBase64 } from "./base64";
import { BsreError } from "./errors";
import { type BsreAuthorisation, type BsreIdentity, authorisationFields, identityFields } from "./identity";
import type { BsreCallOptions, ResolvedOptions } from "./options";
import { readJson } from "./response";
import { send } from "./transport";

/** Per-file stamp settings of the v2 sign call (`signatureProperties[i]`). */
export interface SignatureProperties {
  readonly tampilan: "VISIBLE" | "INVISIBLE";
  /** Stamp image bytes (sent as `imageBase64`). */
  readonly image?: Uint8Array;
  readonly page?: number;
  readonly originX?: number;
  readonly originY?: number;
  readonly width?: number;
  readonly height?: number;
  readonly tag_koordinat?: string;
  readonly location?: string;
  readonly reason?: string;
}

/** Request of `POST /api/v2/sign/pdf`: one or more PDFs, by NIK or email, with passphrase or TOTP. */
export type SignPdfV2Request = BsreIdentity &
  BsreAuthorisation & {
    readonly files: readonly Uint8Array[];
    /** One entry per file (the safe form); a single entry is repeated for every file. */
    readonly signatureProperties: readonly SignatureProperties[];
  };

/** Result of a v2 sign: the signed files in request order and the service's `time`. */
export interface SignPdfV2Result {
  readonly files: readonly Uint8Array[];
  readonly time: number | string | undefined;
}

/** Schema of the v2 sign answer `{time, file: [base64...]}`. */
export const SignPdfV2ResponseSchema = z.looseObject({
  time: z.union([z.number(), z.string()]).optional(),
  file: z.array(z.string().min(1)),
});

/** Schema of the sign-OTP request answer (the body is informational). */
export const SignTotpResponseSchema = z.looseObject({
  message: z.string().optional(),
  status: z.union([z.string(), z.boolean(), z.number()]).optional(),
});

/** Serialises one properties entry with BSrE's field names. */
function propertiesJson(p: SignatureProperties): Record<string, unknown> {
  const { image, ...rest } = p;
  return image ? { ...rest, imageBase64: toBase64(image) } : { ...rest };
}

/** Expands and checks `signatureProperties` so that there is one entry per file. */
function perFile(request: SignPdfV2Request): readonly SignatureProperties[] {
  const { files, signatureProperties: props } = request;
  if (files.length === 0) throw new BsreError({ code: "BSRE_INVALID_INPUT", detail: "no files" });
  if (props.length === 1 && files.length > 1) return files.map(() => props[0] as SignatureProperties);
  if (props.length !== files.length) {
    throw new BsreError({
      code: "BSRE_INVALID_INPUT",
      detail: "signatureProperties must have one entry per file",
    });
  }
  return props;
}

/** Decodes the signed files and checks each is a PDF. */
function decodeFiles(
  encoded: readonly string[],
  expected: number,
  request: BsreError["request"],
): Uint8Array[] {
  if (encoded.length !== expected) {
    throw new BsreError({
      code: "BSRE_SCHEMA_MISMATCH",
      request,
      detail: `expected ${expected} files, got ${encoded.length}`,
    });
  }
  return encoded.map((text, i) => {
    let bytes: Uint8Array;
    try {
      bytes = fromBase64(text);
    } catch {
      throw new BsreError({ code: "BSRE_SCHEMA_MISMATCH", request, detail: `file.${i} is not base64` });
    }
    if (!looksLikePdf(bytes)) throw new BsreError({ code: "BSRE_NOT_PDF", request, detail: `file.${i}` });
    return bytes;
  });
}

/**
 * Signs one or more PDFs with `POST /api/v2/sign/pdf` (JSON, base64 files). Never retried.
 * @example
 * const { files } = await signPdfV2(opts, { nik, passphrase, files: [pdf], signatureProperties: [{ tampilan: "INVISIBLE" }] });
 */
export async function signPdfV2(
  options: ResolvedOptions,
  request: SignPdfV2Request,
  call: BsreCallOptions = {},
): Promise<SignPdfV2Result> {
  const props = perFile(request);
  const body = {
    ...identityFields(request),
    ...authorisationFields(request),
    signatureProperties: props.map(propertiesJson),
    file: request.files.map(toBase64),
  };
  const raw = await send(
    options,
    {
      method: "POST",
      path: "/api/v2/sign/pdf",
      body: { kind: "json", value: body },
      idempotent: false,
      sign: true,
    },
    call,
  );
  const parsed = readJson(raw, SignPdfV2ResponseSchema);
  return { files: decodeFiles(parsed.file, request.files.length, raw.request), time: parsed.time };
}

/** Asks BSrE to email a sign OTP (`POST /api/v2/sign/get/totp`) for `fileCount` files; not retried (it sends mail). */
export async function requestSignTotp(
  options: ResolvedOptions,
  request: BsreIdentity & { readonly fileCount: number },
  call: BsreCallOptions = {},
): Promise<z.output<typeof SignTotpResponseSchema>> {
  if (!Number.isInteger(request.fileCount) || request.fileCount < 1) {
    throw new BsreError({ code: "BSRE_INVALID_INPUT", detail: "fileCount must be a positive integer" });
  }
  const body = { ...identityFields(request), data: request.fileCount };
  const raw = await send(
    options,
    { method: "POST", path: "/api/v2/sign/get/totp", body: { kind: "json", value: body }, idempotent: false },
    call,
  );
  return readJson(raw, SignTotpResponseSchema);
}
