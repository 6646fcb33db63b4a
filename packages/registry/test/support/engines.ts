import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDatabase, type Database } from "../../src/db/create-database";

/** The PostgreSQL URL tests use: DATABASE_URL, or the local default server. */
export const POSTGRES_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** True when PostgreSQL must be tested (CI sets DATABASE_URL) or the local default is reachable. */
export async function postgresWanted(): Promise<boolean> {
  if (process.env.DATABASE_URL) return true;
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** A fresh, migrated database on one engine; PostgreSQL gets its own schema, dropped on close. */
export async function openTestDatabase(
  engine: "pglite" | "postgres",
): Promise<Database & { schema?: string }> {
  if (engine === "pglite") return createDatabase();
  const schema = `reg_${randomBytes(6).toString("hex")}`;
  const opened = await createDatabase({ url: POSTGRES_URL, schema });
  return {
    ...opened,
    schema,
    async close() {
      await opened.close();
      await dropSchema(schema);
    },
  };
}

/** Drops a test schema. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
