import { concatBytes } from "../bytes";

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

const MAX_BER_DEPTH = 64;

/**
 * Re-encodes BER with indefinite lengths (as NSS/poppler write CMS) in definite form, and
 * constructed OCTET STRINGs as primitive ones (X.690 §10.1, §10.2); null when malformed.
 * Primitive contents are copied unchanged.
 */
export function berToDer(bytes: Uint8Array): Uint8Array | null {
  const parts: Uint8Array[] = [];
  const end = encodeBer(bytes, 0, bytes.length, parts, 0);
  if (end === null) return null;
  return concatBytes(parts);
}

/** Encodes the element at `pos` into `out`; returns where it ended in the input, or null. */
function encodeBer(
  bytes: Uint8Array,
  pos: number,
  limit: number,
  out: Uint8Array[],
  depth: number,
): number | null {
  if (depth > MAX_BER_DEPTH) return null;
  const tag = bytes[pos];
  const first = bytes[pos + 1];
  if (tag === undefined || first === undefined || pos + 2 > limit || (tag & 0x1f) === 0x1f) return null;
  const constructed = (tag & 0x20) !== 0;
  let p = pos + 2;
  let contentEnd: number | null = null;
  if (first === 0x80) {
    if (!constructed) return null;
  } else if (first & 0x80) {
    const n = first & 0x7f;
    if (n > 4) return null;
    let len = 0;
    for (let i = 0; i < n; i++) {
      const b = bytes[p++];
      if (b === undefined) return null;
      len = len * 256 + b;
    }
    contentEnd = p + len;
  } else contentEnd = p + first;
  if (contentEnd !== null && contentEnd > limit) return null;
  if (!constructed) {
    out.push(header(tag, contentEnd! - p), bytes.subarray(p, contentEnd!));
    return contentEnd;
  }
  const inner: Uint8Array[] = [];
  const segments: Uint8Array[] = [];
  const stop = contentEnd ?? limit;
  while (true) {
    if (contentEnd === null) {
      if (p + 2 > limit) return null;
      if (bytes[p] === 0 && bytes[p + 1] === 0) {
        p += 2;
        break;
      }
    } else if (p >= contentEnd) break;
    const child: Uint8Array[] = [];
    const next = encodeBer(bytes, p, stop, child, depth + 1);
    if (next === null || next <= p) return null;
    if (tag === 0x24) {
      // Segments of a constructed OCTET STRING are primitive OCTET STRINGs (X.690 §8.7.3.2).
      if (bytes[p] !== 0x04 || child.length !== 2) return null;
      segments.push(child[1]!);
    }
    inner.push(...child);
    p = next;
  }
  const length = inner.reduce((n, x) => n + x.length, 0);
  if (tag === 0x24) {
    // A constructed OCTET STRING: the DER form is one primitive string of the segments' contents.
    out.push(
      header(
        0x04,
        segments.reduce((n, x) => n + x.length, 0),
      ),
      ...segments,
    );
  } else out.push(header(tag, length), ...inner);
  return p;
}
