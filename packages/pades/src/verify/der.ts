/** A DER element's position: tag byte, header start, content start and end (X.690 §8.1). */
export interface Tlv {
  readonly tag: number;
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
}

/** Reads the TLV at `pos` (definite lengths only); null when malformed or indefinite. */
export function readTlv(bytes: Uint8Array, pos: number, limit = bytes.length): Tlv | null {
  const tag = bytes[pos];
  if (tag === undefined || (tag & 0x1f) === 0x1f) return null;
  let p = pos + 1;
  const first = bytes[p++];
  if (first === undefined) return null;
  let len = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n === 0 || n > 4) return null;
    len = 0;
    for (let i = 0; i < n; i++) {
      const b = bytes[p++];
      if (b === undefined) return null;
      len = len * 256 + b;
    }
  }
  const end = p + len;
  if (end > limit) return null;
  return { tag, start: pos, contentStart: p, end };
}

/** The child elements of a constructed element. */
export function children(bytes: Uint8Array, parent: Tlv): Tlv[] | null {
  const out: Tlv[] = [];
  let p = parent.contentStart;
  while (p < parent.end) {
    const t = readTlv(bytes, p, parent.end);
    if (t === null) return null;
    out.push(t);
    p = t.end;
  }
  return out;
}

/** Encodes a DER length header for `tag` and `length`. */
export function header(tag: number, length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(tag, length);
  const bytes: number[] = [];
  for (let l = length; l > 0; l = Math.floor(l / 256)) bytes.unshift(l & 0xff);
  return Uint8Array.of(tag, 0x80 | bytes.length, ...bytes);
}
