import { createHash, randomBytes, randomUUID } from "node:crypto";
import { type Db, rowsOf } from "@teken/registry";
import { sql } from "drizzle-orm";

/** What an integration token may do. */
export const tokenScopes = ["upload", "read", "verify"] as const;
/** One token scope. */
export type TokenScope = (typeof tokenScopes)[number];

/** A stored token (never its value: only the SHA-256 is kept). */
export interface ApiToken {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly scopes: readonly TokenScope[];
  readonly createdAt: Date;
}

/** API tokens for integrating apps: created by admins, shown once, stored hashed, revocable. */
export interface TokenStore {
  create(input: {
    userId: string;
    name: string;
    scopes: readonly TokenScope[];
  }): Promise<{ id: string; token: string }>;
  find(token: string): Promise<ApiToken | undefined>;
  list(userId: string): Promise<ApiToken[]>;
  /** Revokes a token of `userId`; false when there is none. */
  revoke(userId: string, id: string): Promise<boolean>;
}

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

type Row = Record<string, unknown>;
const toToken = (r: Row): ApiToken => ({
  id: String(r.id),
  userId: String(r.user_id),
  name: String(r.name),
  scopes: String(r.scopes).split(",").filter(Boolean) as TokenScope[],
  createdAt: new Date(String(r.created_at)),
});

/** A `TokenStore` in the `api_tokens` table (see `ensureApiTables`). */
export function createDatabaseTokenStore(db: Db, now: () => Date = () => new Date()): TokenStore {
  return {
    async create({ userId, name, scopes }) {
      const id = randomUUID();
      const token = `teken_${randomBytes(32).toString("base64url")}`;
      await db.execute(sql`insert into api_tokens (id, token_hash, user_id, name, scopes, created_at)
        values (${id}, ${hash(token)}, ${userId}, ${name}, ${scopes.join(",")}, ${now().toISOString()})`);
      return { id, token };
    },
    async find(token) {
      const r = rowsOf<Row>(
        await db.execute(
          sql`select * from api_tokens where token_hash = ${hash(token)} and revoked_at is null`,
        ),
      )[0];
      return r ? toToken(r) : undefined;
    },
    async list(userId) {
      return rowsOf<Row>(
        await db.execute(
          sql`select * from api_tokens where user_id = ${userId} and revoked_at is null order by created_at`,
        ),
      ).map(toToken);
    },
    async revoke(userId, id) {
      const r = await db.execute(sql`update api_tokens set revoked_at = ${now().toISOString()}
        where id = ${id} and user_id = ${userId} and revoked_at is null returning id`);
      return rowsOf<Row>(r).length > 0;
    },
  };
}
