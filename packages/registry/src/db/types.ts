import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

/** The Drizzle schema object of the registry. */
export type RegistrySchema = typeof schema;

/** A Drizzle database (or transaction) over the registry schema, on PGlite or node-postgres. */
export type Db = PgDatabase<PgQueryResultHKT, RegistrySchema>;

/** Which engine a database runs on. */
export type Engine = "pglite" | "postgres";
