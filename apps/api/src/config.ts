import { z } from "zod";
import { type TrustProxy, parseTrustProxy } from "./http/client-address";
import { parseSecretKey } from "./secret-key";
import { DEFAULT_RETRY_SCHEDULE_MS, parseRetrySchedule } from "./webhooks/url-policy";

/** The validated configuration of one API process (read once by `main.ts`). */
export interface ApiConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /** PostgreSQL schema to use (created if missing); default the server's search_path. */
  readonly databaseSchema: string | undefined;
  readonly publicUrl: string;
  readonly bsre:
    | { readonly kind: "remote"; readonly url: string; readonly username: string; readonly password: string }
    | { readonly kind: "simulator" };
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly secureCookies: boolean;
  readonly maxUploadBytes: number;
  /** Extra trust anchors (PEM or DER files) for verification; the simulator's root is added when it runs. */
  readonly trustAnchorFiles: readonly string[];
  /** PBKDF2 iterations of the in-process simulator's key files (default 600 000). */
  readonly simulatorKdfIterations: number;
  /** `BSRE_SIM_SIGN_THREADS`: worker threads signing PDFs for the in-process simulator (default 0 = on the event loop). */
  readonly simulatorSignThreads: number;
  /** `TEKEN_SECRET_KEY`: seals TOTP seeds and webhook secrets; absent: `<DATA_DIR>/secret.key` is used (created 0600). */
  readonly secretKey: Uint8Array | undefined;
  /** `TRUST_PROXY`: whose `X-Forwarded-For` is believed for the client address (default nobody). */
  readonly trustProxy: TrustProxy;
  /** `WEBHOOK_RETRY_SCHEDULE`: delays between webhook attempts. */
  readonly webhookRetryScheduleMs: readonly number[];
  /** `WEBHOOK_ALLOW_HTTP`: plain-http webhooks to non-local hosts (default: only outside `NODE_ENV=production`). */
  readonly webhookAllowHttp: boolean;
}

const url = (label: string) =>
  z
    .string()
    .trim()
    .refine((v) => URL.canParse(v), { message: `${label} must be an absolute URL` });

const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().trim().min(1).default("127.0.0.1"),
    DATA_DIR: z.string().trim().min(1).default("./data"),
    DATABASE_URL: url("DATABASE_URL")
      .refine((v) => URL.canParse(v) && /^postgres(ql)?:$/.test(new URL(v).protocol), {
        message: "DATABASE_URL must be a postgres:// or postgresql:// URL",
      })
      .optional(),
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, "DATABASE_SCHEMA must be a lowercase SQL identifier")
      .optional(),
    PUBLIC_URL: url("PUBLIC_URL").optional(),
    BSRE_URL: url("BSRE_URL").optional(),
    BSRE_USER: z.string().min(1).optional(),
    BSRE_PASSWORD: z.string().min(1).optional(),
    SMTP_URL: url("SMTP_URL")
      .refine((v) => URL.canParse(v) && /^smtps?:$/.test(new URL(v).protocol), {
        message: "SMTP_URL must be smtp:// or smtps://",
      })
      .optional(),
    MAIL_FROM: z.string().email().default("tte@example.go.id"),
    SECURE_COOKIES: z.enum(["true", "false"]).optional(),
    MAX_UPLOAD_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(20 * 1024 * 1024),
    TRUST_ANCHORS: z.string().optional(),
    BSRE_SIM_KDF_ITERATIONS: z.coerce.number().int().min(1000).default(600_000),
    BSRE_SIM_SIGN_THREADS: z.coerce.number().int().min(0).max(16).default(0),
    TEKEN_SECRET_KEY: z
      .string()
      .refine((v) => parseSecretKey(v) !== undefined, {
        message: "TEKEN_SECRET_KEY must be 32 bytes as 64 hex characters or base64 (openssl rand -base64 32)",
      })
      .optional(),
    TRUST_PROXY: z
      .string()
      .refine((v) => parseTrustProxy(v) !== undefined, {
        message:
          "TRUST_PROXY must be a number of proxy hops, or a comma list of addresses/CIDRs (or loopback, private)",
      })
      .optional(),
    WEBHOOK_RETRY_SCHEDULE: z
      .string()
      .refine((v) => parseRetrySchedule(v) !== undefined, {
        message:
          "WEBHOOK_RETRY_SCHEDULE must be a comma list of durations such as 1m,5m,30m,2h (units ms, s, m, h, d)",
      })
      .optional(),
    WEBHOOK_ALLOW_HTTP: z.enum(["true", "false"]).optional(),
    NODE_ENV: z.string().optional(),
  })
  .refine((e) => !e.BSRE_URL || (e.BSRE_USER && e.BSRE_PASSWORD), {
    message:
      "BSRE_URL needs BSRE_USER and BSRE_PASSWORD (HTTP Basic credentials of the Esign Client Service)",
    path: ["BSRE_URL"],
  });

/** A configuration error naming every bad variable (never its value: it may be a secret). */
export class ConfigError extends Error {
  /** The stable code. */
  readonly code = "CONFIG_INVALID" as const;
  constructor(readonly problems: readonly string[]) {
    super(`Konfigurasi tidak valid / Invalid configuration:\n  ${problems.join("\n  ")}`);
    this.name = "ConfigError";
  }
}

/**
 * Reads the configuration from environment variables; throws `ConfigError` listing each bad one.
 * @example const config = loadConfig(process.env);
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): ApiConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "env"}: ${i.message}`));
  }
  const e = parsed.data;
  const publicUrl = (
    e.PUBLIC_URL ?? `http://${e.HOST === "0.0.0.0" ? "localhost" : e.HOST}:${e.PORT}`
  ).replace(/\/$/, "");
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    publicUrl,
    bsre:
      e.BSRE_URL && e.BSRE_USER && e.BSRE_PASSWORD
        ? { kind: "remote", url: e.BSRE_URL, username: e.BSRE_USER, password: e.BSRE_PASSWORD }
        : { kind: "simulator" },
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    secureCookies: e.SECURE_COOKIES !== "false",
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    trustAnchorFiles: (e.TRUST_ANCHORS ?? "")
      .split(",")
      .map((f) => f.trim())
      .filter(Boolean),
    simulatorKdfIterations: e.BSRE_SIM_KDF_ITERATIONS,
    simulatorSignThreads: e.BSRE_SIM_SIGN_THREADS,
    secretKey: e.TEKEN_SECRET_KEY ? parseSecretKey(e.TEKEN_SECRET_KEY) : undefined,
    trustProxy: parseTrustProxy(e.TRUST_PROXY) ?? { kind: "none" },
    webhookRetryScheduleMs: e.WEBHOOK_RETRY_SCHEDULE
      ? (parseRetrySchedule(e.WEBHOOK_RETRY_SCHEDULE) ?? DEFAULT_RETRY_SCHEDULE_MS)
      : DEFAULT_RETRY_SCHEDULE_MS,
    webhookAllowHttp: e.WEBHOOK_ALLOW_HTTP ? e.WEBHOOK_ALLOW_HTTP === "true" : e.NODE_ENV !== "production",
  };
}
