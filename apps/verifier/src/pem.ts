/** Decodes base64 (whitespace ignored) to bytes. */
export function fromBase64(text: string): Uint8Array {
  const bin = atob(text.replace(/\s+/g, ""));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Encodes bytes as base64. */
export function toBase64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/**
 * Reads certificates from PEM text (every CERTIFICATE block, RFC 7468 §5) or one DER
 * certificate (an ASN.1 SEQUENCE, X.690 §8.9); returns [] for anything else.
 */
export function readCertificates(bytes: Uint8Array): Uint8Array[] {
  const text = new TextDecoder("latin1").decode(bytes);
  const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)];
  if (blocks.length > 0) {
    try {
      return blocks.map((m) => fromBase64(m[1] ?? "")).filter(isDerSequence);
    } catch {
      return [];
    }
  }
  return isDerSequence(bytes) ? [bytes] : [];
}

/** True when the bytes are one complete DER SEQUENCE (tag 0x30 with a matching length). */
export function isDerSequence(der: Uint8Array): boolean {
  if (der.length < 2 || der[0] !== 0x30) return false;
  const first = der[1] ?? 0;
  if (first < 0x80) return der.length === 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || der.length < 2 + n) return false;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + (der[2 + i] ?? 0);
  return der.length === 2 + n + len;
}

/** The SHA-256 fingerprint of DER bytes, lower-case hex. */
export async function sha256Hex(der: Uint8Array, crypto: Crypto = globalThis.crypto): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", der as Uint8Array<ArrayBuffer>));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}
