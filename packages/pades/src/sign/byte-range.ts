import type { DigestAlgorithm } from "../cms/algorithms";
import { PdfNumber } from "../pdf/objects";
import { PadesSignError } from "./errors";

/** Width of each reserved `/ByteRange` number: ten digits cover files up to 9.3 GB. */
export const BYTE_RANGE_WIDTH = 10;

/** The four placeholder numbers written into `/ByteRange` before the offsets are known. */
export function byteRangePlaceholder(): PdfNumber[] {
  return [new PdfNumber(0), ...[1, 2, 3].map(() => new PdfNumber(0, "0".repeat(BYTE_RANGE_WIDTH)))];
}

/** Where the signature placeholders sit in the output file. */
export interface PlaceholderPositions {
  /** Offset of `<` of the `/Contents` hex string. */
  readonly contentsStart: number;
  /** Offset just after `>`. */
  readonly contentsEnd: number;
  /** Offset of the first reserved `/ByteRange` digit group (after `[0 `). */
  readonly byteRangeAt: number;
}

function indexOf(hay: Uint8Array, needle: string, from: number, to: number): number {
  const first = needle.charCodeAt(0);
  outer: for (let i = from; i <= to - needle.length; i++) {
    if (hay[i] !== first) continue;
    for (let k = 1; k < needle.length; k++) if (hay[i + k] !== needle.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}

/** Finds the placeholders inside the serialised signature dictionary starting at `objectOffset`. */
export function locatePlaceholders(
  out: Uint8Array,
  objectOffset: number,
  contentsBytes: number,
): PlaceholderPositions {
  const end = Math.min(out.length, objectOffset + 512 + contentsBytes * 2);
  const c = indexOf(out, "/Contents <", objectOffset, end);
  const br = indexOf(out, `/ByteRange [0 ${"0".repeat(BYTE_RANGE_WIDTH)}`, objectOffset, end);
  if (c < 0 || br < 0)
    throw new PadesSignError("PADES_SIGN_INVALID_OPTIONS", "signature placeholders not found");
  const contentsStart = c + "/Contents ".length;
  return {
    contentsStart,
    contentsEnd: contentsStart + contentsBytes * 2 + 2,
    byteRangeAt: br + "/ByteRange [0 ".length,
  };
}

/** Writes the real `/ByteRange` `[0 a b c]` into the reserved fixed-width fields (space padded). */
export function patchByteRange(
  out: Uint8Array,
  at: number,
  range: readonly [number, number, number, number],
): void {
  let p = at;
  for (const v of range.slice(1)) {
    const text = String(v).padEnd(BYTE_RANGE_WIDTH, " ");
    if (text.length > BYTE_RANGE_WIDTH)
      throw new PadesSignError("PADES_SIGN_INVALID_OPTIONS", "file too large");
    for (let k = 0; k < text.length; k++) out[p + k] = text.charCodeAt(k);
    p += BYTE_RANGE_WIDTH + 1;
  }
}

/**
 * Hashes a sequence of byte chunks as one message — a port for incremental hashers (e.g.
 * `node:crypto` `createHash` in an adapter) that avoid Web Crypto's one-shot input copy.
 */
export type Digester = (parts: readonly Uint8Array[], algorithm: DigestAlgorithm) => Promise<Uint8Array>;

/**
 * Digests `out[0, a) + out[b, end)` without copying the document: the short tail after the
 * `/Contents` hole is moved down over the hole, the prefix is hashed in place, and the tail
 * and the hole's zero hex digits are put back (ISO 32000-2 §12.8.1 byte ranges).
 */
export async function digestByteRange(
  out: Uint8Array,
  positions: PlaceholderPositions,
  digest: DigestAlgorithm,
  crypto: Crypto,
): Promise<Uint8Array> {
  const { contentsStart: a, contentsEnd: b } = positions;
  const tail = out.slice(b);
  out.copyWithin(a, b);
  try {
    const view = out.subarray(0, a + tail.length) as Uint8Array<ArrayBuffer>;
    return new Uint8Array(await crypto.subtle.digest(digest, view));
  } finally {
    out.set(tail, b);
    out[a] = 0x3c;
    out.fill(0x30, a + 1, b - 1);
    out[b - 1] = 0x3e;
  }
}

/**
 * Writes the CMS as hex into the reserved `/Contents` (zero padded); raises if it does not fit.
 * `shift` is where `out` starts in the output file (the input's length when `out` is the update alone).
 */
export function embedContents(
  out: Uint8Array,
  positions: PlaceholderPositions,
  cms: Uint8Array,
  shift = 0,
): void {
  const capacity = (positions.contentsEnd - positions.contentsStart - 2) / 2;
  if (cms.length > capacity) {
    throw new PadesSignError("PADES_SIGN_CONTENTS_TOO_SMALL", `${cms.length} > ${capacity} bytes`);
  }
  const hex = "0123456789abcdef";
  let p = positions.contentsStart + 1 - shift;
  for (const byte of cms) {
    out[p++] = hex.charCodeAt(byte >> 4);
    out[p++] = hex.charCodeAt(byte & 15);
  }
}
