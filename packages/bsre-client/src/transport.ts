import { BsreError } from "./errors";
import type { BsreCallOptions, ResolvedOptions } from "./options";
import { type RequestSummary, summariseRequest } from "./request-summary";

/** A file part of a multipart body. */
export interface FilePart {
  readonly bytes: Uint8Array;
  readonly name: string;
  readonly type: string;
}

/** A value of a multipart field. */
export type MultipartValue = string | FilePart;

/** The body of a call. */
export type CallBody =
  | { readonly kind: "json"; readonly value: unknown }
  | { readonly kind: "multipart"; readonly fields: Readonly<Record<string, MultipartValue | undefined>> };

/** Everything the transport needs to perform one API call. */
export interface CallSpec {
  readonly method: "GET" | "POST";
  readonly path: string;
  /** The path as it may be logged (identifiers masked). */
  readonly summaryPath?: string;
  readonly body?: CallBody;
  /** Fields shown (redacted) in the request summary; defaults to the body's fields. */
  readonly summaryFields?: Readonly<Record<string, unknown>>;
  /** Only idempotent calls are retried on 429/503/504. */
  readonly idempotent: boolean;
  /** True for sign calls: they use the sign timeout. */
  readonly sign?: boolean;
}

/** The raw answer of the service. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly bytes: Uint8Array;
  readonly request: RequestSummary;
}

/** HTTP statuses on which an idempotent call is retried. */
const RETRYABLE = new Set([429, 503, 504]);

/** Builds a fresh fetch body (FormData cannot be reused across attempts in every runtime). */
function buildBody(body: CallBody | undefined): { body?: BodyInit; contentType?: string } {
  if (!body) return {};
  if (body.kind === "json") return { body: JSON.stringify(body.value), contentType: "application/json" };
  const form = new FormData();
  for (const [name, value] of Object.entries(body.fields)) {
    if (value === undefined) continue;
    if (typeof value === "string") form.append(name, value);
    else form.append(name, new Blob([value.bytes as BlobPart], { type: value.type }), value.name);
  }
  return { body: form };
}

/** Fields a summary shows when the spec names none. */
function defaultSummaryFields(body: CallBody | undefined): Readonly<Record<string, unknown>> {
  if (!body) return {};
  if (body.kind === "multipart") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body.fields)) out[k] = typeof v === "object" ? v.bytes : v;
    return out;
  }
  return typeof body.value === "object" && body.value !== null ? (body.value as Record<string, unknown>) : {};
}

/** Backoff before retry `attempt` (1-based): full jitter over an exponential ceiling, or `Retry-After`. */
function backoffMs(options: ResolvedOptions, attempt: number, headers: Headers): number {
  const retryAfter = Number(headers.get("retry-after"));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return Math.min(retryAfter * 1000, options.maxDelayMs);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(options.random() * ceiling);
}

/** Runs one HTTP exchange with a timeout linked to the caller's signal. */
async function exchange(
  options: ResolvedOptions,
  spec: CallSpec,
  call: BsreCallOptions,
  request: RequestSummary,
): Promise<RawResponse> {
  const timeoutMs = call.timeoutMs ?? (spec.sign ? options.signTimeoutMs : options.timeoutMs);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = (): void => controller.abort(call.signal?.reason);
  if (call.signal?.aborted) onAbort();
  call.signal?.addEventListener("abort", onAbort, { once: true });
  const { body, contentType } = buildBody(spec.body);
  const headers: Record<string, string> = { accept: "application/json, application/pdf" };
  if (contentType) headers["content-type"] = contentType;
  if (options.authorization) headers.authorization = options.authorization;
  try {
    const init: RequestInit = { method: spec.method, headers, signal: controller.signal };
    if (body !== undefined) init.body = body;
    const response = await options.fetch(`${options.baseUrl}${spec.path}`, init);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, bytes, request };
  } catch (cause) {
    if (timedOut) throw new BsreError({ code: "BSRE_TIMEOUT", request, detail: `${timeoutMs} ms`, cause });
    if (call.signal?.aborted) throw new BsreError({ code: "BSRE_ABORTED", request, cause });
    throw new BsreError({ code: "BSRE_NETWORK", request, cause: safeCause(cause) });
  } finally {
    clearTimeout(timer);
    call.signal?.removeEventListener("abort", onAbort);
  }
}

/** Keeps only the name and message of a network failure (never the request it may reference). */
function safeCause(cause: unknown): unknown {
  if (cause instanceof Error) return { name: cause.name, message: cause.message };
  return undefined;
}

/**
 * Performs a call: builds the request, applies Basic auth and the timeout, and retries an
 * idempotent call on 429/503/504 with backoff and jitter. Non-2xx answers are returned, not
 * thrown: the caller's section decides how to read them.
 */
export async function send(
  options: ResolvedOptions,
  spec: CallSpec,
  call: BsreCallOptions = {},
): Promise<RawResponse> {
  const fields = spec.summaryFields ?? defaultSummaryFields(spec.body);
  const path = spec.summaryPath ?? spec.path;
  for (let attempt = 1; ; attempt++) {
    const request = summariseRequest(spec.method, path, fields, attempt);
    options.onEvent?.({ type: "request", request });
    const started = options.now();
    const raw = await exchange(options, spec, call, request);
    options.onEvent?.({
      type: "response",
      request,
      httpStatus: raw.status,
      durationMs: options.now() - started,
    });
    if (!spec.idempotent || !RETRYABLE.has(raw.status) || attempt > options.retries) return raw;
    const delayMs = backoffMs(options, attempt, raw.headers);
    options.onEvent?.({ type: "retry", request, httpStatus: raw.status, delayMs });
    try {
      await options.sleep(delayMs, call.signal);
    } catch (cause) {
      throw new BsreError({ code: "BSRE_ABORTED", request, cause });
    }
  }
}
