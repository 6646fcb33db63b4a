import { decodeStream } from "./filters";
import {
  asName,
  asNumber,
  dictGet,
  type PdfDict,
  type PdfStream,
  PdfSyntaxError,
  type PdfValue,
} from "./objects";
import { indexOf, isWhite, lastIndexOf, PdfParser } from "./parser";

/** One cross-reference entry (ISO 32000-2 §7.5.4, §7.5.8.3). */
export type XrefEntry =
  | { readonly type: "free"; readonly gen: number }
  | { readonly type: "offset"; readonly offset: number; readonly gen: number }
  | { readonly type: "compressed"; readonly stream: number; readonly index: number };

/** One cross-reference section with its trailer: one revision of an incrementally updated file. */
export interface XrefSection {
  readonly offset: number;
  readonly style: "table" | "stream";
  readonly entries: ReadonlyMap<number, XrefEntry>;
  readonly trailer: PdfDict;
  /** Offset just after the `%%EOF` that closes this revision, or -1 when there is none. */
  readonly eofEnd: number;
  /** `eofEnd` plus one trailing end-of-line marker, when present. */
  readonly eofEndWithEol: number;
}

const MAX_SECTIONS = 4096;
const MAX_ENTRIES = 8_000_000;

/** Reads the offset after the last `startxref` keyword (ISO 32000-2 §7.5.5). */
export function readStartXref(bytes: Uint8Array, keywordAt?: number): number {
  const at = keywordAt ?? lastIndexOf(bytes, "startxref");
  if (at < 0) throw new PdfSyntaxError("no startxref", bytes.length);
  const p = new PdfParser(bytes, at + 9);
  return p.readInt();
}

function findEof(bytes: Uint8Array, from: number): { eofEnd: number; eofEndWithEol: number } {
  const at = indexOf(bytes, "%%EOF", from);
  if (at < 0) return { eofEnd: -1, eofEndWithEol: -1 };
  const end = at + 5;
  let withEol = end;
  if (bytes[end] === 0x0d && bytes[end + 1] === 0x0a) withEol = end + 2;
  else if (bytes[end] === 0x0a || bytes[end] === 0x0d) withEol = end + 1;
  return { eofEnd: end, eofEndWithEol: withEol };
}

function readTable(
  bytes: Uint8Array,
  offset: number,
): Omit<XrefSection, "eofEnd" | "eofEndWithEol"> & { bodyEnd: number } {
  const p = new PdfParser(bytes, offset);
  p.expectKeyword("xref");
  const entries = new Map<number, XrefEntry>();
  for (;;) {
    p.skipWhite();
    const save = p.pos;
    const word = p.readRegular();
    if (word === "trailer") break;
    p.pos = save;
    const first = p.readInt();
    const count = p.readInt();
    if (count > MAX_ENTRIES || entries.size + count > MAX_ENTRIES)
      throw new PdfSyntaxError("xref too large", save);
    for (let i = 0; i < count; i++) {
      const off = p.readInt();
      const gen = p.readInt();
      p.skipWhite();
      const kind = p.readRegular();
      const num = first + i;
      if (kind === "n") entries.set(num, { type: "offset", offset: off, gen });
      else if (kind === "f") entries.set(num, { type: "free", gen });
      else throw new PdfSyntaxError("bad xref entry type", p.pos);
    }
  }
  p.skipWhite();
  if (bytes[p.pos] !== 0x3c) throw new PdfSyntaxError("trailer is not a dictionary", p.pos);
  const trailer = p.readDict();
  return { offset, style: "table", entries, trailer, bodyEnd: p.pos };
}

/** Reads `n g obj <value> [stream ... endstream] endobj` at `offset` without resolving references. */
export function readIndirectAt(
  bytes: Uint8Array,
  offset: number,
  lengthOf: (v: PdfValue | undefined) => number | undefined,
): { num: number; gen: number; value: PdfValue; end: number } {
  const p = new PdfParser(bytes, offset);
  const num = p.readInt();
  const gen = p.readInt();
  p.expectKeyword("obj");
  const value = p.readValue();
  p.skipWhite();
  const save = p.pos;
  const kw = p.readRegular();
  if (kw === "stream" && value !== null && typeof value === "object" && value.kind === "dict") {
    let start = p.pos;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] === 0x0a) start++;
    let len = lengthOf(value.entries.get("Length"));
    let end = len !== undefined && len >= 0 ? start + len : -1;
    if (end < 0 || end > bytes.length || !endstreamAt(bytes, end)) {
      const es = indexOf(bytes, "endstream", start);
      if (es < 0) throw new PdfSyntaxError("stream without endstream", start);
      end = es;
      while (end > start && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
      len = end - start;
    }
    const q = new PdfParser(bytes, end);
    q.expectKeyword("endstream");
    const stream: PdfStream = { kind: "stream", dict: value, dataStart: start, dataEnd: end };
    return { num, gen, value: stream, end: q.pos };
  }
  p.pos = save;
  return { num, gen, value, end: p.pos };
}

function endstreamAt(bytes: Uint8Array, at: number): boolean {
  let i = at;
  while (isWhite(bytes[i]) && i < at + 4) i++;
  return indexOf(bytes.subarray(i, i + 9), "endstream") === 0;
}

function readStreamSection(
  bytes: Uint8Array,
  offset: number,
): Omit<XrefSection, "eofEnd" | "eofEndWithEol"> & { bodyEnd: number } {
  const obj = readIndirectAt(bytes, offset, (v) => asNumber(v));
  const stream = obj.value;
  if (
    stream === null ||
    typeof stream !== "object" ||
    stream.kind !== "stream" ||
    asName(dictGet(stream, "Type")) !== "XRef"
  ) {
    throw new PdfSyntaxError("not an xref stream", offset);
  }
  const data = decodeStream(bytes, stream);
  const w = dictGet(stream, "W");
  const widths =
    w !== null && typeof w === "object" && w?.kind === "array" ? w.items.map((x) => asNumber(x) ?? -1) : [];
  if (widths.length !== 3 || widths.some((x) => x < 0 || x > 8)) throw new PdfSyntaxError("bad /W", offset);
  const size = asNumber(dictGet(stream, "Size")) ?? 0;
  const idx = dictGet(stream, "Index");
  const index =
    idx !== null && typeof idx === "object" && idx?.kind === "array"
      ? idx.items.map((x) => asNumber(x) ?? 0)
      : [0, size];
  const rowLen = widths[0]! + widths[1]! + widths[2]!;
  const entries = new Map<number, XrefEntry>();
  let pos = 0;
  const field = (width: number, dflt: number): number => {
    if (width === 0) return dflt;
    let v = 0;
    for (let k = 0; k < width; k++) v = v * 256 + (data[pos++] ?? 0);
    return v;
  };
  for (let s = 0; s + 1 < index.length; s += 2) {
    const first = index[s]!;
    const count = index[s + 1]!;
    if (count > MAX_ENTRIES) throw new PdfSyntaxError("xref too large", offset);
    for (let i = 0; i < count && pos + rowLen <= data.length; i++) {
      const type = field(widths[0]!, 1);
      const f2 = field(widths[1]!, 0);
      const f3 = field(widths[2]!, 0);
      const num = first + i;
      if (type === 0) entries.set(num, { type: "free", gen: f3 });
      else if (type === 1) entries.set(num, { type: "offset", offset: f2, gen: f3 });
      else if (type === 2) entries.set(num, { type: "compressed", stream: f2, index: f3 });
    }
  }
  return { offset, style: "stream", entries, trailer: stream.dict, bodyEnd: obj.end };
}

function readSection(bytes: Uint8Array, offset: number): XrefSection {
  if (offset < 0 || offset >= bytes.length) throw new PdfSyntaxError("xref offset outside the file", offset);
  const p = new PdfParser(bytes, offset);
  p.skipWhite();
  const section = bytes[p.pos] === 0x78 ? readTable(bytes, p.pos) : readStreamSection(bytes, p.pos);
  const { bodyEnd, ...rest } = section;
  return { ...rest, ...findEof(bytes, bodyEnd) };
}

/**
 * Reads every cross-reference section reachable from the last `startxref` through `/Prev`
 * (and hybrid `/XRefStm`), oldest first; a `/Prev` loop is an error (ISO 32000-2 §7.5.6).
 */
export function readXrefChain(bytes: Uint8Array, startxrefAt?: number): readonly XrefSection[] {
  const seen = new Set<number>();
  const sections: XrefSection[] = [];
  let next: number | undefined = readStartXref(bytes, startxrefAt);
  while (next !== undefined) {
    if (seen.has(next)) throw new PdfSyntaxError("loop in the /Prev chain", next);
    if (sections.length >= MAX_SECTIONS) throw new PdfSyntaxError("too many xref sections", next);
    seen.add(next);
    let section = readSection(bytes, next);
    const xrefStm = asNumber(section.trailer.entries.get("XRefStm"));
    if (xrefStm !== undefined && section.style === "table" && !seen.has(xrefStm)) {
      // Hybrid file (ISO 32000-2 §7.5.8.4): table entries take precedence over the stream's.
      const hidden = readSection(bytes, xrefStm);
      const merged = new Map(hidden.entries);
      for (const [k, v] of section.entries) if (v.type !== "free" || !merged.has(k)) merged.set(k, v);
      section = { ...section, entries: merged };
    }
    sections.push(section);
    next = asNumber(section.trailer.entries.get("Prev"));
  }
  return sections.reverse();
}
