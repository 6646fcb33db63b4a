import { createHmac, timingSafeEqual } from "node:crypto";

/** RFC 4648 base32 alphabet (what authenticator apps expect in `secret=`). */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Base32 without padding (RFC 4648 §6). */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32 (case-insensitive, spaces and `=` ignored); undefined for a bad character. */
export function base32Decode(text: string): Uint8Array | undefined {
  const clean = text.toUpperCase().replace(/[\s=]/g, "");
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return undefined;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return new Uint8Array(out);
}

/** HOTP (RFC 4226 §5.3) with HMAC-SHA-1 and dynamic truncation, as a zero-padded decimal string. */
export function hotp(secret: Uint8Array, counter: number, digits = 6): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", secret).update(msg).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** TOTP parameters: FreeOTP / Google Authenticator defaults (SHA-1, 6 digits, 30 s). */
export interface TotpOptions {
  readonly stepSeconds?: number;
  readonly digits?: number;
}

/** The time step (RFC 6238 §4.2, T0 = 0) containing `timeMs`. */
export function timeStep(timeMs: number, stepSeconds = 30): number {
  return Math.floor(timeMs / 1000 / stepSeconds);
}

/** The TOTP code at `timeMs` (RFC 6238). */
export function totp(secret: Uint8Array, timeMs: number, options: TotpOptions = {}): string {
  return hotp(secret, timeStep(timeMs, options.stepSeconds), options.digits ?? 6);
}

/**
 * The time step whose code equals `code`, looking `window` steps either side of now (clock drift),
 * newest first; undefined when none matches. Comparison is constant-time per candidate.
 */
export function matchTotp(
  secret: Uint8Array,
  code: string,
  timeMs: number,
  options: TotpOptions & { readonly window?: number } = {},
): number | undefined {
  const digits = options.digits ?? 6;
  if (!new RegExp(`^\\d{${digits}}$`).test(code)) return undefined;
  const now = timeStep(timeMs, options.stepSeconds);
  const given = Buffer.from(code);
  const window = options.window ?? 1;
  let found: number | undefined;
  for (let delta = window; delta >= -window; delta--) {
    const step = now + delta;
    if (step < 0) continue;
    if (timingSafeEqual(Buffer.from(hotp(secret, step, digits)), given) && found === undefined) found = step;
  }
  return found;
}

/** The `otpauth://totp/` provisioning URI (Key Uri Format) that authenticator apps scan. */
export function provisioningUri(secret: Uint8Array, account: string, issuer = "Teken"): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({
    secret: base32Encode(secret),
    issuer,
    algorithm: "SHA1",
    digits: "6",
    period: "30",
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}
