import type { Db } from "@teken/registry";
import { sql } from "drizzle-orm";

/** Counts failed attempts per key in a sliding window and locks the key at a limit. */
export interface Throttle {
  /** True when the key is locked now. */
  locked(key: string): boolean | Promise<boolean>;
  /** Records a failure for the key. */
  fail(key: string): void | Promise<void>;
  /** Clears the key after a success. */
  reset(key: string): void | Promise<void>;
}

/**
 * An in-process throttle (tests, single process) (per replica; a shared store would make the limit global): at
 * `maxAttempts` failures within `windowMs` the key is locked for `lockMs`.
 */
export function createMemoryThrottle(
  options: { maxAttempts?: number; windowMs?: number; lockMs?: number; now?: () => number } = {},
): Throttle {
  const max = options.maxAttempts ?? 5;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const lockMs = options.lockMs ?? 15 * 60_000;
  const now = options.now ?? Date.now;
  const failures = new Map<string, number[]>();
  const locks = new Map<string, number>();
  return {
    locked(key) {
      const until = locks.get(key);
      if (until === undefined) return false;
      if (until > now()) return true;
      locks.delete(key);
      failures.delete(key);
      return false;
    },
    fail(key) {
      const t = now();
      const recent = (failures.get(key) ?? []).filter((at) => at > t - windowMs);
      recent.push(t);
      failures.set(key, recent);
      if (recent.length >= max) locks.set(key, t + lockMs);
    },
    reset(key) {
      failures.delete(key);
      locks.delete(key);
    },
  };
}

/**
 * A throttle shared by every replica: failures are rows of `api_login_failures`; a key is locked
 * while it has `maxAttempts` failures within `windowMs` and the last is younger than `lockMs`.
 */
export function createDatabaseThrottle(
  db: Db,
  options: { scope: string; maxAttempts?: number; windowMs?: number; lockMs?: number; now?: () => Date },
): Throttle {
  const max = options.maxAttempts ?? 5;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const lockMs = options.lockMs ?? 15 * 60_000;
  const now = options.now ?? (() => new Date());
  const k = (key: string) => `${options.scope}:${key}`;
  return {
    async locked(key) {
      const t = now().getTime();
      const since = new Date(t - Math.max(windowMs, lockMs)).toISOString();
      const result = await db.execute(sql`select at from api_login_failures
        where key = ${k(key)} and at > ${since} order by at desc limit ${max}`);
      const times = (result as unknown as { rows: { at: string | Date }[] }).rows.map((r) =>
        new Date(r.at).getTime(),
      );
      if (times.length < max) return false;
      const newest = times[0] ?? 0;
      const oldest = times[times.length - 1] ?? 0;
      return newest - oldest <= windowMs && t - newest < lockMs;
    },
    async fail(key) {
      await db.execute(
        sql`insert into api_login_failures (key, at) values (${k(key)}, ${now().toISOString()})`,
      );
    },
    async reset(key) {
      await db.execute(sql`delete from api_login_failures where key = ${k(key)}`);
    },
  };
}
