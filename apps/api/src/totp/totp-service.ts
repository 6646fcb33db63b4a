import { createHash, createHmac, randomBytes } from "node:crypto";
import { type Db, appendAudit, rowsOf } from "@teken/registry";
import { type SQL, sql } from "drizzle-orm";
import { apiError } from "../errors";
import { open, seal } from "./secret-box";
import { base32Encode, matchTotp, provisioningUri } from "./totp";

/** How many one-time recovery codes an enrolment hands out. */
export const RECOVERY_CODE_COUNT = 10;
/** How long a password-checked login waits for its second factor. */
const CHALLENGE_TTL_MS = 5 * 60_000;

/** A login that passed the password and waits for a TOTP or recovery code. */
export interface LoginChallenge {
  readonly userId: string;
  /** The throttle key of the account (the normalised login), so wrong codes count against it. */
  readonly accountKey: string;
}

/** TOTP enrolment, verification (with replay refusal), recovery codes and pending login challenges. */
export interface TotpService {
  status(userId: string): Promise<{ enabled: boolean; pending: boolean; recoveryCodesLeft: number }>;
  /** Starts (or restarts) an enrolment: a fresh secret, sealed at rest; refused when already enabled. */
  begin(userId: string, account: string): Promise<{ secret: string; uri: string }>;
  /** Confirms a pending enrolment with a first valid code: enables it and answers the recovery codes (once). */
  confirm(userId: string, code: string): Promise<string[]>;
  /** True when `code` is a TOTP code or an unused recovery code of the enrolled user (consumed/recorded). */
  check(userId: string, code: string): Promise<boolean>;
  /** Removes the enrolment and its recovery codes; `actorId` (default the user) is audited. */
  disable(userId: string, actorId?: string): Promise<void>;
  /** Replaces the recovery codes (the old ones stop working). */
  regenerate(userId: string): Promise<string[]>;
  createChallenge(challenge: LoginChallenge): Promise<string>;
  findChallenge(token: string): Promise<LoginChallenge | undefined>;
  dropChallenge(token: string): Promise<void>;
}

type Row = Record<string, unknown>;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The tables of TOTP enrolment, recovery codes and login challenges (created by `ensureApiTables`). */
export const TOTP_TABLES: readonly SQL[] = [
  sql`create table if not exists api_totp (
      user_id text primary key,
      secret_sealed text not null,
      enabled boolean not null default false,
      last_step bigint,
      created_at timestamptz not null
    )`,
  sql`create table if not exists api_totp_recovery (
      user_id text not null,
      code_hash text not null,
      used_at timestamptz,
      primary key (user_id, code_hash)
    )`,
  sql`create table if not exists api_login_challenges (
      token_hash text primary key,
      user_id text not null,
      account_key text not null,
      expires_at timestamptz not null
    )`,
];

/** A recovery code: 12 base32 characters (60 bits) as `xxxx-xxxx-xxxx`. */
function newRecoveryCode(): string {
  const raw = base32Encode(randomBytes(8)).slice(0, 12).toLowerCase();
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
}

/**
 * A `TotpService` over the database: seeds are sealed with AES-256-GCM under `key`; recovery
 * codes are stored as HMAC-SHA-256 under `key`; `users.totp_enabled` follows the enrolment.
 */
export function createTotpService(db: Db, key: Uint8Array, now: () => Date = () => new Date()): TotpService {
  const context = (userId: string) => `totp:${userId}`;
  const recoveryHash = (code: string) =>
    createHmac("sha256", key)
      .update(`recovery:${code.toLowerCase().replace(/[^a-z2-7]/g, "")}`)
      .digest("hex");

  async function load(
    userId: string,
  ): Promise<{ secret: Uint8Array; enabled: boolean; lastStep: number | null } | undefined> {
    const row = rowsOf<Row>(await db.execute(sql`select * from api_totp where user_id = ${userId}`))[0];
    if (!row) return undefined;
    const secret = open(key, String(row.secret_sealed), context(userId));
    if (!secret) throw apiError("TOTP_KEY_MISMATCH");
    return {
      secret,
      enabled: Boolean(row.enabled),
      lastStep: row.last_step === null ? null : Number(row.last_step),
    };
  }

  /** Accepts a code once: the matched step must be newer than the last accepted one (atomic across replicas). */
  async function acceptTotp(
    userId: string,
    secret: Uint8Array,
    code: string,
    enabled: boolean,
  ): Promise<boolean> {
    const step = matchTotp(secret, code, now().getTime());
    if (step === undefined) return false;
    const r = await db.execute(sql`update api_totp set last_step = ${step}
      where user_id = ${userId} and enabled = ${enabled} and (last_step is null or last_step < ${step})
      returning user_id`);
    return rowsOf<Row>(r).length === 1;
  }

  async function replaceRecoveryCodes(tx: Db, userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await tx.execute(sql`delete from api_totp_recovery where user_id = ${userId}`);
    for (const code of codes)
      await tx.execute(
        sql`insert into api_totp_recovery (user_id, code_hash) values (${userId}, ${recoveryHash(code)})`,
      );
    return codes;
  }

  async function setEnabled(
    tx: Db,
    userId: string,
    enabled: boolean,
    action: string,
    actorId = userId,
  ): Promise<void> {
    const at = now();
    await tx.execute(
      sql`update users set totp_enabled = ${enabled}, updated_at = ${at.toISOString()} where id = ${userId}`,
    );
    await appendAudit(tx, { actorId, action, targetType: "user", targetId: userId, at });
  }

  return {
    async status(userId) {
      const row = rowsOf<Row>(
        await db.execute(sql`select enabled from api_totp where user_id = ${userId}`),
      )[0];
      const left = rowsOf<Row>(
        await db.execute(
          sql`select count(*)::int as n from api_totp_recovery where user_id = ${userId} and used_at is null`,
        ),
      )[0];
      return {
        enabled: Boolean(row?.enabled),
        pending: row !== undefined && !row.enabled,
        recoveryCodesLeft: row?.enabled ? Number(left?.n ?? 0) : 0,
      };
    },
    async begin(userId, account) {
      const existing = rowsOf<Row>(
        await db.execute(sql`select enabled from api_totp where user_id = ${userId}`),
      )[0];
      if (existing?.enabled) throw apiError("TOTP_ALREADY_ENABLED");
      const secret = new Uint8Array(randomBytes(20));
      const sealed = seal(key, secret, context(userId));
      await db.execute(sql`insert into api_totp (user_id, secret_sealed, enabled, last_step, created_at)
        values (${userId}, ${sealed}, false, null, ${now().toISOString()})
        on conflict (user_id) do update set secret_sealed = excluded.secret_sealed, last_step = null,
          created_at = excluded.created_at
        where api_totp.enabled = false`);
      return { secret: base32Encode(secret), uri: provisioningUri(secret, account) };
    },
    async confirm(userId, code) {
      const state = await load(userId);
      if (!state || state.enabled) throw apiError("TOTP_NOT_PENDING");
      if (!(await acceptTotp(userId, state.secret, code, false))) throw apiError("TOTP_INVALID", ["code"]);
      return db.transaction(async (tx) => {
        const r = await tx.execute(
          sql`update api_totp set enabled = true where user_id = ${userId} and enabled = false returning user_id`,
        );
        if (rowsOf<Row>(r).length !== 1) throw apiError("TOTP_NOT_PENDING");
        await setEnabled(tx, userId, true, "account.totp_enable");
        return replaceRecoveryCodes(tx, userId);
      });
    },
    async check(userId, code) {
      const state = await load(userId);
      if (!state?.enabled) return false;
      const trimmed = code.trim();
      if (/^\d{6}$/.test(trimmed)) return acceptTotp(userId, state.secret, trimmed, true);
      const r = await db.execute(sql`update api_totp_recovery set used_at = ${now().toISOString()}
        where user_id = ${userId} and code_hash = ${recoveryHash(trimmed)} and used_at is null returning user_id`);
      return rowsOf<Row>(r).length === 1;
    },
    async disable(userId, actorId = userId) {
      await db.transaction(async (tx) => {
        await tx.execute(sql`delete from api_totp where user_id = ${userId}`);
        await tx.execute(sql`delete from api_totp_recovery where user_id = ${userId}`);
        const action = actorId === userId ? "account.totp_disable" : "account.totp_reset";
        await setEnabled(tx, userId, false, action, actorId);
      });
    },
    async regenerate(userId) {
      return db.transaction(async (tx) => {
        const codes = await replaceRecoveryCodes(tx, userId);
        await appendAudit(tx, {
          actorId: userId,
          action: "account.totp_recovery_regenerate",
          targetType: "user",
          targetId: userId,
          at: now(),
        });
        return codes;
      });
    },
    async createChallenge({ userId, accountKey }) {
      const token = randomBytes(32).toString("base64url");
      const at = now();
      await db.execute(sql`delete from api_login_challenges where expires_at < ${at.toISOString()}`);
      await db.execute(sql`insert into api_login_challenges (token_hash, user_id, account_key, expires_at)
        values (${sha256(token)}, ${userId}, ${accountKey}, ${new Date(at.getTime() + CHALLENGE_TTL_MS).toISOString()})`);
      return token;
    },
    async findChallenge(token) {
      const row = rowsOf<Row>(
        await db.execute(sql`select user_id, account_key from api_login_challenges
          where token_hash = ${sha256(token)} and expires_at > ${now().toISOString()}`),
      )[0];
      return row ? { userId: String(row.user_id), accountKey: String(row.account_key) } : undefined;
    },
    async dropChallenge(token) {
      await db.execute(sql`delete from api_login_challenges where token_hash = ${sha256(token)}`);
    },
  };
}
