import { type Db, tables } from "@teken/registry";
import { and, count, eq, sql } from "drizzle-orm";

/** A unit's numbers for the admin dashboard. */
export interface UnitStatistics {
  readonly usersByStatus: Readonly<Record<string, number>>;
  readonly documentsByStatus: Readonly<Record<string, number>>;
  /** Completed documents per month (`YYYY-MM`, UTC), oldest first. */
  readonly signedPerMonth: readonly { readonly month: string; readonly count: number }[];
}

/** Counts users and documents of one unit (registered, waiting, signed per month). */
export async function unitStatistics(db: Db, unitId: string): Promise<UnitStatistics> {
  const { users, documents } = tables;
  const userRows = await db
    .select({ status: users.status, n: count() })
    .from(users)
    .where(eq(users.unitId, unitId))
    .groupBy(users.status);
  const docRows = await db
    .select({ status: documents.status, n: count() })
    .from(documents)
    .where(eq(documents.unitId, unitId))
    .groupBy(documents.status);
  const month = sql<string>`to_char(${documents.updatedAt} at time zone 'UTC', 'YYYY-MM')`;
  const monthRows = await db
    .select({ month, n: count() })
    .from(documents)
    .where(and(eq(documents.unitId, unitId), eq(documents.status, "completed")))
    .groupBy(month)
    .orderBy(month);
  return {
    usersByStatus: Object.fromEntries(userRows.map((r) => [r.status, Number(r.n)])),
    documentsByStatus: Object.fromEntries(docRows.map((r) => [r.status, Number(r.n)])),
    signedPerMonth: monthRows.map((r) => ({ month: String(r.month), count: Number(r.n) })),
  };
}
