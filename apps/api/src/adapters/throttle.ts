/** Counts failed attempts per key in a sliding window and locks the key at a limit. */
export interface Throttle {
  /** True when the key is locked now. */
  locked(key: string): boolean;
  /** Records a failure for the key. */
  fail(key: string): void;
  /** Clears the key after a success. */
  reset(key: string): void;
}

/**
 * An in-process throttle (per replica; a shared store would make the limit global): at
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
