import { isIP } from "node:net";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/**
 * True when a webhook may be sent to `url`: https always; http only to localhost/loopback, or
 * anywhere when `allowHttp` (development; production configuration refuses it unless set).
 */
export function webhookUrlAllowed(url: string, allowHttp: boolean): boolean {
  if (!URL.canParse(url)) return false;
  const u = new URL(url);
  if (u.username || u.password) return false;
  if (u.protocol === "https:") return true;
  if (u.protocol !== "http:") return false;
  const host = u.hostname.toLowerCase();
  const loopback = LOCAL_HOSTS.has(host) || (isIP(host) === 4 && host.startsWith("127."));
  return loopback || allowHttp;
}

/** Parses a retry schedule such as `1m,5m,30m,2h,6h,24h` into milliseconds; undefined when malformed. */
export function parseRetrySchedule(text: string): number[] | undefined {
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  const out: number[] = [];
  for (const part of text.split(",").map((p) => p.trim())) {
    const m = part.match(/^(\d+)(ms|s|m|h|d)$/);
    if (!m) return undefined;
    out.push(Number(m[1]) * (unit[m[2] ?? "s"] ?? 1000));
  }
  return out.length > 0 && out.length <= 20 ? out : undefined;
}

/** The default retry schedule after the first attempt: 1 min, 5 min, 30 min, 2 h, 6 h, 24 h. */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [
  60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, 86_400_000,
];
