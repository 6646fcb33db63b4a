import type { HashAlgorithm } from "./ports";
import { LtvError } from "./errors";
import { OID } from "./oids";

/** Copies a byte view into a fresh ArrayBuffer (asn1js and pkijs want ArrayBuffers). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

export { concatBytes } from "../bytes";

/** True when two byte arrays hold the same bytes. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Strips leading zero bytes so INTEGER encodings compare by value. */
function integerValue(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

/** True when two INTEGER contents (serial numbers, nonces) hold the same value. */
export function sameInteger(a: Uint8Array, b: Uint8Array): boolean {
  return equalBytes(integerValue(a), integerValue(b));
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0").toUpperCase());

/** Uppercase hexadecimal form of bytes (a table lookup per byte: DER sets key certificates by it). */
export function toHex(bytes: Uint8Array): string {
  const parts = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) parts[i] = HEX[bytes[i] as number] as string;
  return parts.join("");
}

/** Bytes of a hexadecimal string (whitespace ignored). */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, "");
  const out = new Uint8Array(clean.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Latin-1 bytes of a string (PDF syntax is bytes, not text). */
export function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

const hashOids: Readonly<Record<HashAlgorithm, string>> = {
  "SHA-256": OID.sha256,
  "SHA-384": OID.sha384,
  "SHA-512": OID.sha512,
};

/** The OID of a hash algorithm name. */
export function hashOid(alg: HashAlgorithm): string {
  return hashOids[alg];
}

/** The hash algorithm named by an OID, or a typed error for anything else (SHA-1, MD5 refused). */
export function hashFromOid(oid: string): HashAlgorithm {
  for (const [name, value] of Object.entries(hashOids)) if (value === oid) return name as HashAlgorithm;
  throw new LtvError("LTV_UNSUPPORTED_HASH", oid);
}

/** Digest of bytes with Web Crypto. */
export async function digest(crypto: Crypto, alg: HashAlgorithm, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(alg, toArrayBuffer(data)));
}
