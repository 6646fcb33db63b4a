import { indexOfAscii, lastIndexOfAscii } from "./lexer";

/** Where one revision ends (ISO 32000-2 §7.5.5, §7.5.6). */
export interface RevisionMarker {
  /** Offset just after the `%%EOF` marker. */
  readonly eof: number;
  /** Offset just after the marker's end-of-line (CR, LF or CRLF), i.e. `eof` when none follows. */
  readonly end: number;
}

/**
 * Finds every `%%EOF` marker in file order. Markers not preceded by a `startxref` within 64
 * bytes (e.g. inside stream data) are ignored.
 */
export function findRevisionMarkers(b: Uint8Array): RevisionMarker[] {
  const out: RevisionMarker[] = [];
  let p = 0;
  for (;;) {
    const e = indexOfAscii(b, "%%EOF", p);
    if (e < 0) break;
    p = e + 5;
    if (lastIndexOfAscii(b, "startxref", Math.max(0, e - 64), e) < 0) continue;
    let end = e + 5;
    if (b[end] === 0x0d) end++;
    if (b[end] === 0x0a) end++;
    out.push({ eof: e + 5, end });
  }
  return out;
}

/** The end (after `%%EOF` and its end-of-line) of every revision, in file order. */
export function findRevisionEnds(b: Uint8Array): number[] {
  return findRevisionMarkers(b).map((m) => m.end);
}
