/** Minimal DER writer (ITU-T X.690 §8, §10): enough to assemble CMS from already-encoded parts byte-exactly. */
import { concatBytes } from "../bytes";

/** Encodes a DER length (X.690 §8.1.3, definite form). */
export function derLength(length: number): Uint8Array {
  if (length < 0x80) return new Uint8Array([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return new Uint8Array([0x80 | bytes.length, ...bytes]);
}

export { concatBytes };

/** Encodes one tag-length-value with the given identifier octet around already-encoded content. */
export function tlv(tag: number, ...content: readonly Uint8Array[]): Uint8Array {
  const body = concatBytes(content);
  return concatBytes([new Uint8Array([tag]), derLength(body.length), body]);
}

/** Identifier octets used by the CMS builder. */
export const TAG = {
  integer: 0x02,
  octetString: 0x04,
  oid: 0x06,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
  context0: 0xa0,
  context1: 0xa1,
  context4: 0xa4,
} as const;

/** Encodes an OBJECT IDENTIFIER from its dotted form (X.690 §8.19). */
export function derOid(oid: string): Uint8Array {
  const arcs = oid.split(".").map((a) => Number.parseInt(a, 10));
  const first = (arcs[0] ?? 0) * 40 + (arcs[1] ?? 0);
  const bytes: number[] = [];
  for (const arc of [first, ...arcs.slice(2)]) {
    const chunk: number[] = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift((n & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(TAG.oid, new Uint8Array(bytes));
}

/** Encodes a small non-negative INTEGER. */
export function derSmallInteger(value: number): Uint8Array {
  return tlv(TAG.integer, new Uint8Array([value]));
}

/** Compares two encodings octet by octet, as DER orders the members of a SET OF (X.690 §11.6). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Encodes a DER SET OF with its members sorted (X.690 §11.6). */
export function derSetOf(members: readonly Uint8Array[], tag: number = TAG.set): Uint8Array {
  return tlv(tag, ...[...members].sort(compareBytes));
}

/** Encodes a time as UTCTime before 2050 and GeneralizedTime after (RFC 5280 §4.1.2.5). */
export function derTime(date: Date): Uint8Array {
  const iso = date.toISOString();
  const digits = iso.slice(0, 19).replace(/[-T:]/g, "");
  const year = date.getUTCFullYear();
  const ascii = (s: string) => new TextEncoder().encode(s);
  if (year >= 1950 && year < 2050) return tlv(TAG.utcTime, ascii(`${digits.slice(2)}Z`));
  return tlv(TAG.generalizedTime, ascii(`${digits}Z`));
}
