import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@teken/registry";
import { type SQL, sql } from "drizzle-orm";

/** A stored session: the user it belongs to and its CSRF token (double-submit). */
export interface Session {
  readonly userId: string;
  readonly csrf: string;
  readonly expiresAt: Date;
}

/** Sessions kept in the database so any replica can serve any request. */
export interface SessionStore {
  /** Creates a session; answers the opaque token (only its SHA-256 is stored) and the CSRF token. */
  create(userId: string): Promise<{ token: string; csrf: string; expiresAt: Date }>;
  /** Loads a live session by its token. */
  find(token: string): Promise<Session | undefined>;
  /** Ends a session. */
  destroy(token: string): Promise<void>;
  /** Ends every session of a user except the one with `keepToken` (after a password change). */
  destroyOthers(userId: string, keepToken: string | undefined): Promise<void>;
}

/** The tables of sessions, API tokens and login failures (created by `ensureApiTables`). */
export const SESSION_TABLES: readonly SQL[] = [
  sql`create table if not exists api_sessions (
      token_hash text primary key,
      user_id text not null,
      csrf text not null,
      created_at timestamptz not null,
      expires_at timestamptz not null
    )`,
  sql`create table if not exists api_tokens (
      id text primary key,
      token_hash text not null unique,
      user_id text not null,
      name text not null,
      scopes text not null,
      created_at timestamptz not null,
      revoked_at timestamptz
    )`,
  sql`create table if not exists api_login_failures (key text not null, at timestamptz not null)`,
  sql`create index if not exists api_login_failures_key_at on api_login_failures (key, at)`,
];

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A `SessionStore` over the registry's database (PGlite or PostgreSQL). */
export function createDatabaseSessionStore(
  db: Db,
  options: { ttlMs?: number; now?: () => Date } = {},
): SessionStore {
  const ttl = options.ttlMs ?? 8 * 60 * 60 * 1000;
  const now = options.now ?? (() => new Date());
  return {
    async create(userId) {
      const token = randomBytes(32).toString("base64url");
      const csrf = randomBytes(24).toString("base64url");
      const created = now();
      const expiresAt = new Date(created.getTime() + ttl);
      await db.execute(
        sql`insert into api_sessions (token_hash, user_id, csrf, created_at, expires_at)
            values (${hashToken(token)}, ${userId}, ${csrf}, ${created.toISOString()}, ${expiresAt.toISOString()})`,
      );
      return { token, csrf, expiresAt };
    },
    async find(token) {
      const result = await db.execute(
        sql`select user_id, csrf, expires_at from api_sessions
            where token_hash = ${hashToken(token)} and expires_at > ${now().toISOString()}`,
      );
      const row = (result as unknown as { rows: Record<string, unknown>[] }).rows[0];
      if (!row) return undefined;
      return {
        userId: String(row.user_id),
        csrf: String(row.csrf),
        expiresAt: new Date(String(row.expires_at)),
      };
    },
    async destroy(token) {
      await db.execute(sql`delete from api_sessions where token_hash = ${hashToken(token)}`);
    },
    async destroyOthers(userId, keepToken) {
      const keep = keepToken ? hashToken(keepToken) : "";
      await db.execute(sql`delete from api_sessions where user_id = ${userId} and token_hash <> ${keep}`);
    },
  };
}
