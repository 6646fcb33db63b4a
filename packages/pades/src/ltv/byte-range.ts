import { LtvError } from "./errors";
import type { HashAlgorithm } from "./ports";
import { concatBytes, latin1, toArrayBuffer } from "./bytes";

/** Where a placeholder signature dictionary's `/ByteRange` array and `/Contents` hex string sit in a file. */
export interface SignatureHoles {
  /** Offsets of `[` and one past `]` of the placeholder `/ByteRange` array. */
  readonly rangeStart: number;
  readonly rangeEnd: number;
  /** Offsets of `<` and one past `>` of the `/Contents` string. */
  readonly contentsStart: number;
  readonly contentsEnd: number;
}

/** Finds ASCII `needle` in `bytes` from `from`, or -1. */
function indexOf(bytes: Uint8Array, needle: string, from: number): number {
  const n = latin1(needle);
  outer: for (let i = from; i <= bytes.length - n.length; i++) {
    for (let j = 0; j < n.length; j++) if (bytes[i + j] !== n[j]) continue outer;
    return i;
  }
  return -1;
}

/** Locates the `/ByteRange` and `/Contents` of the signature dictionary written at `objectOffset`. */
export function findSignatureHoles(bytes: Uint8Array, objectOffset: number): SignatureHoles {
  const range = indexOf(bytes, "/ByteRange", objectOffset);
  const contents = indexOf(bytes, "/Contents", objectOffset);
  const rangeStart = range < 0 ? -1 : indexOf(bytes, "[", range);
  const rangeEnd = rangeStart < 0 ? -1 : indexOf(bytes, "]", rangeStart) + 1;
  const contentsStart = contents < 0 ? -1 : indexOf(bytes, "<", contents);
  const contentsEnd = contentsStart < 0 ? -1 : indexOf(bytes, ">", contentsStart) + 1;
  if (rangeStart < 0 || rangeEnd <= 0 || contentsStart < 0 || contentsEnd <= 0) {
    throw new LtvError("LTV_BAD_PDF", "signature placeholder not found");
  }
  return { rangeStart, rangeEnd, contentsStart, contentsEnd };
}

/**
 * Fills the placeholder `/ByteRange` in place with `[0 a b c]` where `[a, b)` is the `/Contents`
 * string with its delimiters (ISO 32000-2 §12.8.1), padded with spaces to the placeholder width.
 */
export function fillByteRange(bytes: Uint8Array, holes: SignatureHoles): readonly number[] {
  const range = [0, holes.contentsStart, holes.contentsEnd, bytes.length - holes.contentsEnd];
  const text = `[${range.join(" ")}]`;
  const width = holes.rangeEnd - holes.rangeStart;
  if (text.length > width) throw new LtvError("LTV_BAD_PDF", "byte range placeholder too narrow");
  bytes.set(latin1(text.slice(0, -1).padEnd(width - 1, " ") + "]"), holes.rangeStart);
  return range;
}

/** Digest of the bytes a `/ByteRange` covers, streamed range by range. */
export async function byteRangeDigest(
  bytes: Uint8Array,
  range: readonly number[],
  hashAlg: HashAlgorithm,
  crypto: Crypto,
): Promise<Uint8Array> {
  const [a = 0, b = 0, c = 0, d = 0] = range;
  const covered = concatBytes([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]);
  return new Uint8Array(await crypto.subtle.digest(hashAlg, toArrayBuffer(covered)));
}

/** Writes `der` as uppercase hex into the `/Contents` hole (zero padding kept); LTV_CONTENTS_TOO_SMALL when it does not fit. */
export function fillContents(bytes: Uint8Array, holes: SignatureHoles, der: Uint8Array): void {
  const room = holes.contentsEnd - holes.contentsStart - 2;
  if (der.length * 2 > room) {
    throw new LtvError("LTV_CONTENTS_TOO_SMALL", `${der.length} bytes needed, ${room / 2} reserved`);
  }
  let hex = "";
  for (const b of der) hex += b.toString(16).padStart(2, "0");
  bytes.set(latin1(hex.toUpperCase()), holes.contentsStart + 1);
}
