/** Small byte helpers that run in every runtime (no Buffer). */

/** Copies any buffer source into a fresh Uint8Array backed by its own ArrayBuffer. */
export function toBytes(data: ArrayBuffer | ArrayBufferView): Uint8Array<ArrayBuffer> {
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  const view = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(view);
}

/** Lower-case hex of bytes. */
export function toHex(data: Uint8Array): string {
  let out = "";
  for (const b of data) out += b.toString(16).padStart(2, "0");
  return out;
}

/** Bytes of an even-length hex string. */
export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const clean = hex.length % 2 === 0 ? hex : `0${hex}`;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Standard base64 of bytes. */
export function toBase64(data: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < data.length; i += 0x8000) {
    bin += String.fromCharCode(...data.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

/** Bytes of standard or URL-safe base64 (padding optional). */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const std = text.replace(/-/g, "+").replace(/_/g, "/").replace(/\s+/g, "");
  const padded = std + "=".repeat((4 - (std.length % 4)) % 4);
  const bin = atob(padded);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** True when both byte arrays hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Canonical hex of a certificate serial number (lower case, no leading zero bytes), so that
 * serials read from a certificate, a CRL or an OCSP request compare equal.
 */
export function normalizeSerial(serial: string | Uint8Array): string {
  const hex = typeof serial === "string" ? serial.toLowerCase().replace(/[^0-9a-f]/g, "") : toHex(serial);
  const trimmed = hex.replace(/^(00)+/, "");
  return trimmed === "" ? "00" : trimmed.length % 2 === 0 ? trimmed : `0${trimmed}`;
}

/**
 * A random positive serial of `length` bytes (RFC 5280 §4.1.2.2: positive, at most 20
 * octets); the top bit is cleared and the value is never zero-led, so DER keeps all bytes.
 */
export function randomSerial(crypto: Crypto, length = 16): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
  return toHex(bytes);
}
