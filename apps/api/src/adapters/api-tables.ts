import type { Db } from "@teken/registry";
import { sql } from "drizzle-orm";
import { TOTP_TABLES } from "../totp/totp-service";
import { WEBHOOK_TABLES } from "../webhooks/webhook-service";
import { SESSION_TABLES } from "./session-store";

/** Advisory-lock key guarding the API's own table creation (distinct from the registry's). */
const API_SCHEMA_LOCK = 7_305_002;

/**
 * Creates the API's own tables if missing (sessions, tokens, login failures, TOTP, webhooks) in
 * one transaction under an advisory lock, so replicas starting together create them once.
 */
export async function ensureApiTables(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${API_SCHEMA_LOCK})`);
    for (const statement of [...SESSION_TABLES, ...TOTP_TABLES, ...WEBHOOK_TABLES])
      await tx.execute(statement);
  });
}
