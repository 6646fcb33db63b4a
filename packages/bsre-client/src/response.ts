import { z } from "zod";
import { looksLikePdf } from "./base64";
import { type BsreErrorCode, BsreError } from "./errors";
import type { RawResponse } from "./transport";

/** BSrE's JSON error body: `{"error": message, "status_code": N}` (some answers use `message`). */
export const BsreErrorBodySchema = z.looseObject({
  error: z.string().optional(),
  message: z.string().optional(),
  status_code: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
});

/** Known BSrE `status_code` values; 2012 and 2032-2034 are conventions of @teken/bsre-simulator. */
const STATUS_CODES: Readonly<Record<number, BsreErrorCode>> = {
  2031: "BSRE_WRONG_PASSPHRASE",
  2011: "BSRE_USER_NOT_REGISTERED",
  1110: "BSRE_USER_NOT_REGISTERED",
  2032: "BSRE_WRONG_TOTP",
  2033: "BSRE_USER_LOCKED",
  2034: "BSRE_CERTIFICATE_REVOKED",
  2012: "BSRE_ALREADY_REGISTERED",
};

/** Chooses the error code from the BSrE status_code, message text and HTTP status, in that order. */
export function classify(
  httpStatus: number,
  statusCode: number | undefined,
  text: string | undefined,
): BsreErrorCode {
  const byStatusCode = statusCode === undefined ? undefined : STATUS_CODES[statusCode];
  if (byStatusCode) return byStatusCode;
  const lower = (text ?? "").toLowerCase();
  if (lower.includes("passphrase") && lower.includes("salah")) return "BSRE_WRONG_PASSPHRASE";
  if (lower.includes("tidak terdaftar") || lower.includes("belum terdaftar"))
    return "BSRE_USER_NOT_REGISTERED";
  if (lower.includes("sertifikat belum diterbitkan")) return "BSRE_CERTIFICATE_NOT_ISSUED";
  return classifyHttp(httpStatus, text);
}

/** Error code from the HTTP status alone. */
function classifyHttp(httpStatus: number, text: string | undefined): BsreErrorCode {
  if (httpStatus === 401) return text ? "BSRE_CERTIFICATE_NOT_ISSUED" : "BSRE_UNAUTHORIZED";
  if (httpStatus === 403) return "BSRE_UNAUTHORIZED";
  if (httpStatus === 404) return "BSRE_NOT_FOUND";
  if (httpStatus === 409) return "BSRE_ALREADY_REGISTERED";
  if (httpStatus === 413) return "BSRE_PAYLOAD_TOO_LARGE";
  if (httpStatus === 423) return "BSRE_USER_LOCKED";
  if (httpStatus === 429) return "BSRE_RATE_LIMITED";
  if (httpStatus === 502 || httpStatus === 503 || httpStatus === 504) return "BSRE_UNAVAILABLE";
  if (httpStatus >= 500) return "BSRE_SERVER_ERROR";
  if (httpStatus === 400 || httpStatus === 422) return "BSRE_BAD_REQUEST";
  return "BSRE_HTTP";
}

/** True when the answer declares a JSON body. */
function isJsonType(raw: RawResponse): boolean {
  return /\bjson\b/i.test(raw.headers.get("content-type") ?? "");
}

/** Parses the body as JSON, or returns undefined. */
function parseJson(raw: RawResponse): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(raw.bytes));
  } catch {
    return undefined;
  }
}

/** Builds the error for a refused call from its body and status. */
export function errorFromResponse(raw: RawResponse): BsreError {
  const parsed = BsreErrorBodySchema.safeParse(parseJson(raw));
  const body = parsed.success ? parsed.data : undefined;
  const text = body?.error ?? body?.message;
  const statusCode = body?.status_code;
  return new BsreError({
    code: classify(raw.status, statusCode, text),
    httpStatus: raw.status,
    ...(statusCode === undefined ? {} : { statusCode }),
    ...(text === undefined ? {} : { upstreamMessage: text.slice(0, 300) }),
    request: raw.request,
  });
}

/** True when a 2xx JSON body is really an error envelope (`error` + `status_code`). */
function isErrorEnvelope(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Record<string, unknown>).error === "string" &&
    (value as Record<string, unknown>).status_code !== undefined
  );
}

/** Reads a JSON answer and checks it against `schema`; any refusal becomes a {@link BsreError}. */
export function readJson<S extends z.ZodType>(raw: RawResponse, schema: S): z.output<S> {
  if (raw.status < 200 || raw.status >= 300) throw errorFromResponse(raw);
  const value = parseJson(raw);
  if (value === undefined) {
    const detail = looksLikePdf(raw.bytes) ? "got a PDF where JSON was expected" : "body is not JSON";
    throw new BsreError({
      code: "BSRE_SCHEMA_MISMATCH",
      httpStatus: raw.status,
      request: raw.request,
      detail,
    });
  }
  if (isErrorEnvelope(value)) throw errorFromResponse(raw);
  const result = schema.safeParse(value);
  if (!result.success) {
    const first = result.error.issues[0];
    const detail = first ? `${first.path.join(".") || "(root)"}: ${first.message}` : "invalid";
    throw new BsreError({
      code: "BSRE_SCHEMA_MISMATCH",
      httpStatus: raw.status,
      request: raw.request,
      detail,
      cause: result.error.issues.map((i) => ({ path: i.path, code: i.code })),
    });
  }
  return result.data;
}

/** Reads a PDF answer: told apart from a JSON error by content type and the `%PDF` magic. */
export function readPdf(raw: RawResponse): Uint8Array {
  if (raw.status < 200 || raw.status >= 300) throw errorFromResponse(raw);
  if (looksLikePdf(raw.bytes) && !isJsonType(raw)) return raw.bytes;
  const value = parseJson(raw);
  if (isErrorEnvelope(value)) throw errorFromResponse(raw);
  if (looksLikePdf(raw.bytes)) return raw.bytes;
  throw new BsreError({
    code: "BSRE_NOT_PDF",
    httpStatus: raw.status,
    request: raw.request,
    detail: `content-type ${raw.headers.get("content-type") ?? "none"}, ${raw.bytes.byteLength} bytes`,
  });
}
