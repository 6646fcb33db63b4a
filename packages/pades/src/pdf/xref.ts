import { PdfError } from "./errors";
import { decodeStream } from "./filters";
import { isDigit, keywordAt, readUint, skipWhiteAndComments } from "./lexer";
import { PdfArray, PdfDict, PdfNumber, PdfStream } from "./objects";
import { parseIndirectObject, parseObject } from "./parser";

/** One cross-reference entry (§7.5.4 table entries, §7.5.8.3 stream entry types 0/1/2). */
export type XrefEntry =
  | { readonly type: "free"; readonly num: number; readonly gen: number }
  | { readonly type: "offset"; readonly num: number; readonly gen: number; readonly offset: number }
  | {
      readonly type: "compressed";
      readonly num: number;
      readonly gen: 0;
      /** Object number of the object stream holding it. */
      readonly stream: number;
      /** Index inside the object stream. */
      readonly index: number;
    };

/** One cross-reference section (a table with its trailer, or an xref stream) as found in the file. */
export interface XrefSection {
  /** "table" (§7.5.4) or "stream" (§7.5.8). */
  readonly kind: "table" | "stream";
  /** Byte offset of the `xref` keyword or of the xref stream object. */
  readonly offset: number;
  /** The trailer dictionary, or the xref stream's dictionary. */
  readonly trailer: PdfDict;
  /** Entries this section defines or frees, by object number (a hybrid section includes its /XRefStm entries). */
  readonly entries: ReadonlyMap<number, XrefEntry>;
  /** For a hybrid-file table: the offset of the /XRefStm stream merged into `entries` (§7.5.8.4). */
  readonly xrefStm?: number;
  /** For a stream section: the xref stream's own object number. */
  readonly streamObjectNumber?: number;
}

/** Limits applied while reading cross-reference data. */
export interface XrefLimits {
  /** Maximum number of entries in one section (default 10 000 000). */
  readonly maxEntries: number;
}

/** Reads the section at `offset`: a classic table or an xref stream; throws PDF_XREF_BROKEN otherwise. */
export function readXrefSection(b: Uint8Array, offset: number, limits: XrefLimits): XrefSection {
  const p = skipWhiteAndComments(b, offset);
  if (keywordAt(b, p, "xref")) return readTableSection(b, p, limits);
  if (isDigit(b[p])) return readStreamSection(b, p, limits);
  throw new PdfError("PDF_XREF_BROKEN", `no xref at ${offset}`);
}

function readTableSection(b: Uint8Array, start: number, limits: XrefLimits): XrefSection {
  const entries = new Map<number, XrefEntry>();
  let p = skipWhiteAndComments(b, start + 4);
  while (!keywordAt(b, p, "trailer")) {
    const first = readUint(b, p);
    const count = first ? readUint(b, skipSpaces(b, first.end)) : undefined;
    if (!first || !count) throw new PdfError("PDF_XREF_BROKEN", `bad xref subsection at ${p}`);
    if (entries.size + count.value > limits.maxEntries)
      throw new PdfError("PDF_LIMIT", "too many xref entries");
    p = count.end;
    for (let i = 0; i < count.value; i++) {
      const e = readTableEntry(b, p, first.value + i);
      if (!e) throw new PdfError("PDF_XREF_BROKEN", `bad xref entry at ${p}`);
      if (!entries.has(e.entry.num)) entries.set(e.entry.num, e.entry);
      p = e.end;
    }
    p = skipWhiteAndComments(b, p);
  }
  const t = parseObject(b, p + 7);
  if (!(t.value instanceof PdfDict)) throw new PdfError("PDF_XREF_BROKEN", "trailer is not a dictionary");
  const trailer = t.value;
  const stm = trailer.get("XRefStm");
  if (stm instanceof PdfNumber) {
    const s = readStreamSection(b, skipWhiteAndComments(b, stm.value), limits);
    for (const [num, e] of s.entries) {
      const mine = entries.get(num);
      if (!mine || mine.type === "free") entries.set(num, e);
    }
    return { kind: "table", offset: start, trailer, entries, xrefStm: stm.value };
  }
  return { kind: "table", offset: start, trailer, entries };
}

function skipSpaces(b: Uint8Array, p: number): number {
  let q = p;
  while (b[q] === 0x20 || b[q] === 0x09) q++;
  return q;
}

/** Reads `oooooooooo ggggg n|f` leniently (extra spaces, missing EOL bytes). */
function readTableEntry(
  b: Uint8Array,
  pos: number,
  num: number,
): { entry: XrefEntry; end: number } | undefined {
  const fixed = readFixedEntry(b, pos, num);
  if (fixed) return fixed;
  const off = readUint(b, skipWhiteAndComments(b, pos));
  if (!off) return undefined;
  const gen = readUint(b, skipSpaces(b, off.end));
  if (!gen) return undefined;
  const k = skipSpaces(b, gen.end);
  const t = b[k];
  if (t !== 0x6e && t !== 0x66) return undefined;
  const entry: XrefEntry =
    t === 0x6e
      ? { type: "offset", num, gen: gen.value, offset: off.value }
      : { type: "free", num, gen: gen.value };
  return { entry, end: k + 1 };
}

/** Value of `width` ASCII digits at `pos`, or -1 when any byte is not a digit. */
function digitsAt(b: Uint8Array, pos: number, width: number): number {
  let v = 0;
  for (let i = 0; i < width; i++) {
    const d = (b[pos + i] ?? 0) - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * The common case of §7.5.4: an entry of exactly 20 bytes, `nnnnnnnnnn ggggg n` + a two-byte
 * EOL, possibly after the previous line's end; read without the lenient tokenizer.
 */
function readFixedEntry(
  b: Uint8Array,
  pos: number,
  num: number,
): { entry: XrefEntry; end: number } | undefined {
  let p = pos;
  while (b[p] === 0x0a || b[p] === 0x0d) p++;
  if (b[p + 10] !== 0x20 || b[p + 16] !== 0x20) return undefined;
  const t = b[p + 17];
  if (t !== 0x6e && t !== 0x66) return undefined;
  const offset = digitsAt(b, p, 10);
  const gen = digitsAt(b, p + 11, 5);
  if (offset < 0 || gen < 0) return undefined;
  const entry: XrefEntry = t === 0x6e ? { type: "offset", num, gen, offset } : { type: "free", num, gen };
  return { entry, end: p + 18 };
}

function readStreamSection(b: Uint8Array, pos: number, limits: XrefLimits): XrefSection {
  let obj: ReturnType<typeof parseIndirectObject>;
  try {
    obj = parseIndirectObject(b, pos);
  } catch (e) {
    throw new PdfError("PDF_XREF_BROKEN", `no xref stream at ${pos}`, { cause: e });
  }
  const s = obj.value;
  if (!(s instanceof PdfStream) || s.dict.getName("Type") !== "XRef") {
    throw new PdfError("PDF_XREF_BROKEN", `object at ${pos} is not an xref stream`);
  }
  const entries = decodeXrefStream(s, limits);
  return { kind: "stream", offset: pos, trailer: s.dict, entries, streamObjectNumber: obj.num };
}

/** Decodes the entries of an xref stream (§7.5.8.2-3: /W, /Index, /Size). */
export function decodeXrefStream(s: PdfStream, limits: XrefLimits): Map<number, XrefEntry> {
  const w = s.dict.get("W");
  const widths = w instanceof PdfArray ? w.items.map((x) => (x instanceof PdfNumber ? x.value : -1)) : [];
  if (widths.length !== 3 || widths.some((x) => x < 0 || x > 8))
    throw new PdfError("PDF_XREF_BROKEN", "bad /W");
  const size = s.dict.getNumber("Size") ?? 0;
  const idx = s.dict.get("Index");
  const index =
    idx instanceof PdfArray ? idx.items.map((x) => (x instanceof PdfNumber ? x.value : 0)) : [0, size];
  const rowLen = widths[0]! + widths[1]! + widths[2]!;
  const total = index.reduce((acc, v, i) => (i % 2 === 1 ? acc + v : acc), 0);
  if (total > limits.maxEntries) throw new PdfError("PDF_LIMIT", "too many xref entries");
  const data = decodeStream(s, { maxSize: Math.max(1024, total * rowLen + 1024) });
  const entries = new Map<number, XrefEntry>();
  let row = 0;
  for (let i = 0; i + 1 < index.length; i += 2) {
    for (let k = 0; k < index[i + 1]!; k++, row++) {
      if ((row + 1) * rowLen > data.length) return entries;
      const num = index[i]! + k;
      let p = row * rowLen;
      const f = [0, 0, 0];
      for (let j = 0; j < 3; j++) {
        for (let n = 0; n < widths[j]!; n++) f[j] = f[j]! * 256 + data[p++]!;
      }
      const type = widths[0] === 0 ? 1 : f[0]!;
      if (entries.has(num)) continue;
      if (type === 0) entries.set(num, { type: "free", num, gen: f[2]! });
      else if (type === 1) entries.set(num, { type: "offset", num, gen: f[2]!, offset: f[1]! });
      else if (type === 2) entries.set(num, { type: "compressed", num, gen: 0, stream: f[1]!, index: f[2]! });
    }
  }
  return entries;
}
