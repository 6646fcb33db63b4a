/** Byte-level helpers for PDF syntax (ISO 32000-2 §7.2): character classes and scanning. */

/** True for the six PDF white-space bytes (§7.2.3, Table 1). */
export function isWhite(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
}

/** True for the PDF delimiter bytes ( ) < > [ ] { } / % (§7.2.3, Table 2). */
export function isDelimiter(c: number | undefined): boolean {
  return (
    c === 0x28 ||
    c === 0x29 ||
    c === 0x3c ||
    c === 0x3e ||
    c === 0x5b ||
    c === 0x5d ||
    c === 0x7b ||
    c === 0x7d ||
    c === 0x2f ||
    c === 0x25
  );
}

/** True for a byte that ends a regular token (white space, delimiter, or end of data). */
export function isTokenEnd(c: number | undefined): boolean {
  return c === undefined || isWhite(c) || isDelimiter(c);
}

/** True for an ASCII digit. */
export function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

/** Skips white space and comments from `pos`; returns the next significant position. */
export function skipWhiteAndComments(b: Uint8Array, pos: number): number {
  let p = pos;
  while (p < b.length) {
    const c = b[p];
    if (isWhite(c)) p++;
    else if (c === 0x25) {
      while (p < b.length && b[p] !== 0x0a && b[p] !== 0x0d) p++;
    } else break;
  }
  return p;
}

/** True when `word` (ASCII) occurs at `pos`. */
export function matchesAt(b: Uint8Array, pos: number, word: string): boolean {
  if (pos < 0 || pos + word.length > b.length) return false;
  for (let i = 0; i < word.length; i++) if (b[pos + i] !== word.charCodeAt(i)) return false;
  return true;
}

/** True when the keyword `word` occurs at `pos` followed by a token end. */
export function keywordAt(b: Uint8Array, pos: number, word: string): boolean {
  return matchesAt(b, pos, word) && isTokenEnd(b[pos + word.length]);
}

/** Finds the next occurrence of ASCII `word` in [from, to); -1 when absent. */
export function indexOfAscii(b: Uint8Array, word: string, from = 0, to = b.length): number {
  const first = word.charCodeAt(0);
  const end = Math.min(to, b.length) - word.length;
  for (let p = Math.max(0, from); p <= end; p++) {
    p = b.indexOf(first, p);
    if (p < 0 || p > end) return -1;
    if (matchesAt(b, p, word)) return p;
  }
  return -1;
}

/** Finds the last occurrence of ASCII `word` starting in [from, to); -1 when absent. */
export function lastIndexOfAscii(b: Uint8Array, word: string, from = 0, to = b.length): number {
  const first = word.charCodeAt(0);
  for (let p = Math.min(to, b.length - word.length); p >= Math.max(0, from); p--) {
    p = b.lastIndexOf(first, p);
    if (p < from) return -1;
    if (matchesAt(b, p, word)) return p;
  }
  return -1;
}

/** Reads an unsigned decimal integer at `pos`; undefined when no digit is there. */
export function readUint(b: Uint8Array, pos: number): { value: number; end: number } | undefined {
  let p = pos;
  let v = 0;
  while (isDigit(b[p])) {
    v = v * 10 + (b[p]! - 0x30);
    p++;
    if (p - pos > 15) return undefined;
  }
  return p === pos ? undefined : { value: v, end: p };
}

/** Reads the `N G obj` header at `pos` (after optional white space). */
export function readObjHeader(
  b: Uint8Array,
  pos: number,
): { num: number; gen: number; end: number } | undefined {
  const p0 = skipWhiteAndComments(b, pos);
  const n = readUint(b, p0);
  if (!n || !isWhite(b[n.end])) return undefined;
  const g = readUint(b, skipWhiteAndComments(b, n.end));
  if (!g) return undefined;
  const k = skipWhiteAndComments(b, g.end);
  if (!matchesAt(b, k, "obj")) return undefined;
  return { num: n.value, gen: g.value, end: k + 3 };
}
