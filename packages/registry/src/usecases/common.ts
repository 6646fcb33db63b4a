import { type Issue, type Result, fail, issue } from "@teken/core";
import { eq } from "drizzle-orm";
import { users } from "../db/schema";
import type { Db } from "../db/types";
import type { RegistryCode } from "../errors";

/** A user row as the use cases see it. */
export type UserRow = typeof users.$inferSelect;

/** Roles a stored account can have (the acting roles of @teken/core minus system/bsre/public). */
export type AccountRole = "pegawai" | "verifikator" | "admin_satker" | "super_admin";

/** Who is acting: a user id; role and unit are always read from the database, never trusted. */
export interface ActorRef {
  readonly actorId: string;
}

/** A failed result with one registry code. */
export function refuse(
  code: RegistryCode,
  path: readonly (string | number)[] = [],
  params?: Issue["params"],
) {
  return fail(issue(code, path, params));
}

/** A failed result carrying issues from @teken/core or the identity rules. */
export function refuseWith(issues: readonly Issue[]): Result<never> {
  return { ok: false, issues };
}

/** Loads a user (optionally locking the row). */
export async function loadUser(tx: Db, id: string, lock = false): Promise<UserRow | undefined> {
  const q = tx.select().from(users).where(eq(users.id, id));
  const [row] = lock ? await q.for("update") : await q;
  return row;
}

/** True when `actor` administers `unitId`: a verified admin of that unit, or a super admin. */
export function administers(actor: UserRow, unitId: string): boolean {
  if (actor.status !== "verified") return false;
  return actor.role === "super_admin" || (actor.role === "admin_satker" && actor.unitId === unitId);
}

/** Thrown inside a transaction to roll it back while handing a result out. */
export class Rollback<T> extends Error {
  constructor(readonly result: Result<T>) {
    super("rollback");
  }
}

/** Runs `fn` in a transaction; a `Rollback` thrown inside aborts it and returns its result. */
export async function transact<T>(db: Db, fn: (tx: Db) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await db.transaction((tx) => fn(tx as unknown as Db));
  } catch (e) {
    if (e instanceof Rollback) return e.result as Result<T>;
    throw e;
  }
}

/** The unique constraint a database error violated (PostgreSQL 23505), if any. */
export function uniqueViolation(e: unknown): string | undefined {
  for (let err = e as { code?: string; constraint?: string; cause?: unknown } | undefined; err; ) {
    if (err.code === "23505") return err.constraint ?? "unique";
    err = err.cause as typeof err;
  }
  return undefined;
}
