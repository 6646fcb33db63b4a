import { isDigit, isTokenEnd, isWhite, indexOfAscii, keywordAt } from "./lexer";

/** An object header found by scanning the file. */
export interface ScannedObject {
  readonly num: number;
  readonly gen: number;
  readonly offset: number;
}

/**
 * Scans the whole file once for `N G obj` headers (bounded repair, used when the
 * cross-reference data is unusable); later definitions of a number win, as in an update.
 */
export function scanObjectHeaders(b: Uint8Array, maxObjects: number): Map<number, ScannedObject> {
  const found = new Map<number, ScannedObject>();
  let p = 0;
  for (;;) {
    const k = indexOfAscii(b, "obj", p);
    if (k < 0) break;
    p = k + 3;
    if (!keywordAt(b, k, "obj") || !isWhite(b[k - 1])) continue;
    const head = headerBefore(b, k);
    if (!head) continue;
    if (!found.has(head.num) && found.size >= maxObjects) break;
    found.set(head.num, head);
  }
  return found;
}

/** Walks back from `obj` over `N ws G ws`. */
function headerBefore(b: Uint8Array, k: number): ScannedObject | undefined {
  let q = k - 1;
  while (q >= 0 && isWhite(b[q])) q--;
  const genEnd = q + 1;
  while (q >= 0 && isDigit(b[q])) q--;
  if (q + 1 === genEnd || genEnd - q - 1 > 5) return undefined;
  const gen = Number(String.fromCharCode(...b.subarray(q + 1, genEnd)));
  if (!isWhite(b[q])) return undefined;
  while (q >= 0 && isWhite(b[q])) q--;
  const numEnd = q + 1;
  while (q >= 0 && isDigit(b[q])) q--;
  if (q + 1 === numEnd || numEnd - q - 1 > 10) return undefined;
  if (q >= 0 && !isTokenEnd(b[q])) return undefined;
  const num = Number(String.fromCharCode(...b.subarray(q + 1, numEnd)));
  return { num, gen, offset: q + 1 };
}

/** Offsets of every `trailer` keyword, in file order. */
export function scanTrailers(b: Uint8Array): number[] {
  const out: number[] = [];
  let p = 0;
  for (;;) {
    const k = indexOfAscii(b, "trailer", p);
    if (k < 0) return out;
    p = k + 7;
    if (keywordAt(b, k, "trailer")) out.push(k);
  }
}
