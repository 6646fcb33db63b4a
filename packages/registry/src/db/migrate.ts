import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { RegistryError } from "../errors";
import { type Migration, migrations as allMigrations } from "./migrations/index";
import { rowsOf } from "./rows";
import type { Db } from "./types";

/** Advisory-lock key shared by every replica that migrates the registry schema. */
export const MIGRATION_LOCK_KEY = 0x7e4e0001;

/** What `migrate` did: the versions it applied now and the version the schema is at. */
export interface MigrateReport {
  readonly applied: readonly number[];
  readonly version: number;
}

/**
 * Applies the pending migrations in one transaction guarded by `pg_advisory_xact_lock`, so
 * replicas starting together apply each version exactly once; refuses an edited migration.
 */
export async function migrate(
  db: Db,
  migrations: readonly Migration[] = allMigrations,
): Promise<MigrateReport> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`CREATE TABLE IF NOT EXISTS registry_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = await tx.execute(sql`SELECT version, checksum FROM registry_migrations`);
    const known = new Map(rowsOf<{ version: number; checksum: string }>(done).map((r) => [r.version, r]));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      const checksum = createHash("sha256").update(m.sql).digest("hex");
      const previous = known.get(m.version);
      if (previous) {
        if (previous.checksum !== checksum) throw new RegistryError("MIGRATION_CHANGED");
        continue;
      }
      for (const statement of splitStatements(m.sql)) await tx.execute(sql.raw(statement));
      await tx.execute(
        sql`INSERT INTO registry_migrations (version, name, checksum) VALUES (${m.version}, ${m.name}, ${checksum})`,
      );
      applied.push(m.version);
    }
    const version = Math.max(0, ...known.keys(), ...applied);
    return { applied, version };
  });
}

/** Splits a migration into statements (PGlite's extended protocol takes one per query). */
export function splitStatements(text: string): string[] {
  return text
    .split(/;\s*\n(?=CREATE |ALTER |DROP |INSERT |COMMENT )/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
