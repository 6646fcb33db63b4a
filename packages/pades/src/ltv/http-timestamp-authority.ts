import { LtvError } from "./errors";
import type { FetchLike, HashAlgorithm, TimestampAuthority } from "./ports";
import { buildTimestampRequest } from "./timestamp-request";
import { unwrapTimestampResponse } from "./timestamp-response";
import { checkTimestampToken } from "./timestamp-token";

/** One RFC 3161 endpoint; `username`/`password` add HTTP basic auth (never echoed in errors). */
export interface TsaEndpoint {
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  /** TSA policy OID to request (RFC 3161 §2.4.1 reqPolicy). */
  readonly policy?: string;
}

/** Options of {@link httpTimestampAuthority}. */
export interface HttpTimestampAuthorityOptions {
  /** Tried in order; the first one that returns a valid token wins. */
  readonly endpoints: readonly (string | TsaEndpoint)[];
  readonly fetch?: FetchLike;
  readonly crypto?: Crypto;
  /** Per-endpoint timeout in milliseconds (default 30 000). */
  readonly timeoutMs?: number;
}

/** The URL without user-info, query or fragment, safe to print. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

/** UTF-8 safe base64 of `user:password` for the Authorization header (RFC 7617 §2). */
function basicAuth(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return `Basic ${btoa(bin)}`;
}

/** Sends one request to one endpoint and returns the checked token. */
async function askOne(
  endpoint: TsaEndpoint,
  digest: Uint8Array,
  hashAlg: HashAlgorithm,
  options: { readonly fetch: FetchLike; readonly crypto: Crypto; readonly timeoutMs: number },
): Promise<Uint8Array> {
  const req = buildTimestampRequest(digest, hashAlg, {
    crypto: options.crypto,
    ...(endpoint.policy === undefined ? {} : { policy: endpoint.policy }),
  });
  const headers: Record<string, string> = { "content-type": "application/timestamp-query" };
  if (endpoint.username !== undefined) {
    headers.authorization = basicAuth(endpoint.username, endpoint.password ?? "");
  }
  let response: Response;
  try {
    response = await options.fetch(endpoint.url, {
      method: "POST",
      headers,
      body: req.der.slice().buffer,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch {
    // The cause is dropped on purpose: some fetch errors repeat the request (and its credentials).
    throw new LtvError("LTV_TSA_HTTP", `${safeUrl(endpoint.url)}: network error`);
  }
  if (!response.ok) throw new LtvError("LTV_TSA_HTTP", `${safeUrl(endpoint.url)}: HTTP ${response.status}`);
  const token = unwrapTimestampResponse(new Uint8Array(await response.arrayBuffer()));
  await checkTimestampToken(token, { digest, hashAlg, nonce: req.nonce }, options.crypto);
  return token;
}

/**
 * A {@link TimestampAuthority} speaking RFC 3161 over HTTP (RFC 3161 §3.4: POST
 * `application/timestamp-query`), checking every answer, falling back to the next endpoint.
 *
 * @example
 * const tsa = httpTimestampAuthority({ endpoints: ["https://tsa.example/tsr", { url, username, password }] });
 * const token = await tsa.timestamp(digest, "SHA-256");
 */
export function httpTimestampAuthority(options: HttpTimestampAuthorityOptions): TimestampAuthority {
  const endpoints = options.endpoints.map((e) => (typeof e === "string" ? { url: e } : e));
  const deps = {
    fetch: options.fetch ?? ((input: string, init?: RequestInit) => globalThis.fetch(input, init)),
    crypto: options.crypto ?? globalThis.crypto,
    timeoutMs: options.timeoutMs ?? 30_000,
  };
  return {
    async timestamp(digest, hashAlg) {
      const failures: LtvError[] = [];
      for (const endpoint of endpoints) {
        try {
          return await askOne(endpoint, digest, hashAlg, deps);
        } catch (error) {
          if (!(error instanceof LtvError)) throw error;
          failures.push(error);
        }
      }
      const detail = failures.map((f) => `${f.code} ${f.message}`).join(" | ");
      throw new LtvError("LTV_TSA_UNAVAILABLE", detail === "" ? "no endpoint configured" : detail, {
        cause: new AggregateError(failures),
      });
    },
  };
}
