import type { RevocationSource } from "@teken/pades";
import { toHex } from "./bytes";

/** Options of {@link cachedRevocationSource}. */
export interface RevocationCacheOptions {
  /** How long one OCSP response or CRL is reused; default 5 minutes (OCSP answers of the simulator's CA are valid 1 day). */
  readonly ttlMs?: number;
  readonly now?: () => Date;
}

/** A revocation source that reuses answers for a while; `clear()` forgets them (called on every revocation). */
export interface CachedRevocationSource extends RevocationSource {
  clear(): void;
}

/** Hex of the bytes, used as the cache key. */
const keyOf = (parts: readonly Uint8Array[]): string => parts.map((p) => `${toHex(p)}:`).join("");

/**
 * Reuses OCSP responses and CRLs per certificate for `ttlMs` instead of asking the responder
 * for every signature (as a real signing service does within an answer's validity, RFC 6960
 * §4.2.2.1 nextUpdate). Concurrent callers share one request; a failed request is not kept.
 * The simulator clears the cache whenever it revokes a certificate, so a revocation is visible
 * in the next signature's evidence at once.
 */
export function cachedRevocationSource(
  source: RevocationSource,
  options: RevocationCacheOptions = {},
): CachedRevocationSource {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? (() => new Date());
  const entries = new Map<string, { at: number; value: Promise<Uint8Array | undefined> }>();
  const cached = (key: string, ask: () => Promise<Uint8Array | undefined>) => {
    const t = now().getTime();
    const hit = entries.get(key);
    if (hit && t - hit.at < ttlMs) return hit.value;
    const value = ask();
    const entry = { at: t, value };
    entries.set(key, entry);
    value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
    });
    return value;
  };
  return {
    ocsp: (cert, issuer) => cached(`ocsp:${keyOf([cert, issuer])}`, () => source.ocsp(cert, issuer)),
    crl: (cert) => cached(`crl:${keyOf([cert])}`, () => source.crl(cert)),
    clear: () => entries.clear(),
  };
}
