import { indexOfAscii, lastIndexOfAscii } from "./lexer";

/**
 * Finds the end of every revision (§7.5.6 incremental updates): the offset just after each
 * `%%EOF` marker and its end-of-line, in file order. Markers not preceded by a `startxref`
 * within 64 bytes (e.g. inside stream data) are ignored.
 */
export function findRevisionEnds(b: Uint8Array): number[] {
  const ends: number[] = [];
  let p = 0;
  for (;;) {
    const e = indexOfAscii(b, "%%EOF", p);
    if (e < 0) break;
    p = e + 5;
    if (lastIndexOfAscii(b, "startxref", Math.max(0, e - 64), e) < 0) continue;
    let end = e + 5;
    if (b[end] === 0x0d) end++;
    if (b[end] === 0x0a) end++;
    ends.push(end);
  }
  return ends;
}
