import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import { MIGRATION_LOCK_KEY, migrate } from "./migrate";
import * as schema from "./schema";
import type { Db, Engine } from "./types";

/** Where the registry keeps its rows: a PostgreSQL URL, or PGlite in a folder (or in memory). */
export interface DatabaseOptions {
  /** `postgres://...`; when set, PostgreSQL via node-postgres is used. */
  readonly url?: string;
  /** PGlite data folder; omitted (and no url) means an in-memory PGlite. */
  readonly dataDir?: string;
  /** PostgreSQL schema to use (created if missing) — lets tests and tenants share one server. */
  readonly schema?: string;
  /** Maximum pool size on PostgreSQL (default 10). */
  readonly poolSize?: number;
  /** Run pending migrations on open (default true). */
  readonly migrate?: boolean;
}

/** An open registry database and how to close it. */
export interface Database {
  readonly engine: Engine;
  readonly db: Db;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens the registry database on PostgreSQL (`url`) or PGlite (`dataDir` or memory) and applies
 * the migrations.
 * @example
 * const { db, close } = await createDatabase({ dataDir: "./data/db" });
 */
export async function createDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const opened = options.url ? await openPostgres(options.url, options) : await openPglite(options.dataDir);
  if (options.migrate !== false) await migrate(opened.db);
  return opened;
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const schemaName = options.schema;
  if (schemaName !== undefined) {
    if (!SCHEMA_NAME.test(schemaName)) throw new Error("invalid schema name");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // Replicas starting together would race on the catalog: serialise on the migration lock.
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schemaName}`);
      await client.query("COMMIT");
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schemaName ? { options: `-c search_path=${schemaName}` } : {}),
  });
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return { engine: "postgres", db, close: () => pool.end() };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const client = new PGlite(dataDir);
  await client.waitReady;
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return { engine: "pglite", db, close: () => client.close() };
}
