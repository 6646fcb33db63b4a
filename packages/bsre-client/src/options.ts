import type { RequestSummary } from "./request-summary";

/** HTTP Basic credentials of the agency's Esign Client Service account. */
export interface BsreCredentials {
  readonly username: string;
  readonly password: string;
}

/** Retry policy for idempotent calls (status, verify): exponential backoff with full jitter. */
export interface BsreRetryOptions {
  /** Extra attempts after the first; default 2. */
  readonly retries?: number;
  /** First backoff ceiling in milliseconds; default 300. */
  readonly baseDelayMs?: number;
  /** Largest wait in milliseconds, also caps `Retry-After`; default 5000. */
  readonly maxDelayMs?: number;
}

/** One observable step of a call, for logging; it carries only the redacted summary. */
export type BsreClientEvent =
  | { readonly type: "request"; readonly request: RequestSummary }
  | {
      readonly type: "response";
      readonly request: RequestSummary;
      readonly httpStatus: number;
      readonly durationMs: number;
    }
  | {
      readonly type: "retry";
      readonly request: RequestSummary;
      readonly httpStatus: number;
      readonly delayMs: number;
    };

/** Options of {@link createBsreClient}. */
export interface BsreClientOptions {
  /** Base URL of the service, e.g. `http://esign.example.go.id` (paths `/api/...` are appended). */
  readonly baseUrl: string;
  readonly credentials?: BsreCredentials;
  /** The fetch to use; default `globalThis.fetch`. Inject `app.request` wrappers in tests. */
  readonly fetch?: typeof fetch;
  /** Timeout of non-sign calls in milliseconds; default 30 000. */
  readonly timeoutMs?: number;
  /** Timeout of sign calls in milliseconds; default 60 000. */
  readonly signTimeoutMs?: number;
  readonly retry?: BsreRetryOptions;
  /** Source of randomness for jitter, in [0, 1); default `Math.random`. */
  readonly random?: () => number;
  /** Waits between retries; default a `setTimeout` promise honouring the signal. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Receives request/response/retry events (redacted) for logging and metrics. */
  readonly onEvent?: (event: BsreClientEvent) => void;
  /** Clock for durations; default `Date.now`. */
  readonly now?: () => number;
}

/** Options every call accepts. */
export interface BsreCallOptions {
  readonly signal?: AbortSignal;
  /** Overrides the client's timeout for this call. */
  readonly timeoutMs?: number;
}

/** Options with every default filled in. */
export interface ResolvedOptions {
  readonly baseUrl: string;
  readonly authorization: string | undefined;
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  readonly signTimeoutMs: number;
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly random: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly onEvent: ((event: BsreClientEvent) => void) | undefined;
  readonly now: () => number;
}

/** Default timeout of sign calls (BSrE clients use 30-60 s). */
export const DEFAULT_SIGN_TIMEOUT_MS = 60_000;
/** Default timeout of other calls. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Waits `ms` milliseconds unless `signal` aborts first. */
function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Encodes Basic credentials (RFC 7617 §2) as UTF-8 then base64. */
export function basicAuthorization(credentials: BsreCredentials): string {
  const bytes = new TextEncoder().encode(`${credentials.username}:${credentials.password}`);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** Fills in defaults and checks the base URL. */
export function resolveOptions(options: BsreClientOptions): ResolvedOptions {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") throw new TypeError("No fetch implementation available");
  return {
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    authorization: options.credentials ? basicAuthorization(options.credentials) : undefined,
    fetch: fetchImpl,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    signTimeoutMs: options.signTimeoutMs ?? DEFAULT_SIGN_TIMEOUT_MS,
    retries: Math.max(0, options.retry?.retries ?? 2),
    baseDelayMs: options.retry?.baseDelayMs ?? 300,
    maxDelayMs: options.retry?.maxDelayMs ?? 5_000,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? defaultSleep,
    onEvent: options.onEvent,
    now: options.now ?? Date.now,
  };
}
