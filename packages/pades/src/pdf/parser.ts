import { PdfError } from "./errors";
import {
  isDelimiter,
  isDigit,
  isTokenEnd,
  isWhite,
  keywordAt,
  indexOfAscii,
  readObjHeader,
  skipWhiteAndComments,
} from "./lexer";
import {
  PdfArray,
  PdfDict,
  PdfName,
  PdfNumber,
  type PdfObject,
  PdfRef,
  PdfStream,
  PdfString,
  latin1String,
} from "./objects";

/** Options for parsing objects. */
export interface ParseOptions {
  /** Maximum nesting of arrays and dictionaries (default 256). */
  readonly maxDepth?: number;
  /** Resolves an indirect `/Length`; undefined when unknown (the parser then searches `endstream`). */
  readonly resolveLength?: (ref: PdfRef) => number | undefined;
}

/** A parsed object and the offset just after it. */
export interface Parsed<T = PdfObject> {
  readonly value: T;
  readonly end: number;
}

/** A parsed indirect object `N G obj ... endobj` (§7.3.10). */
export interface ParsedIndirect {
  readonly num: number;
  readonly gen: number;
  readonly value: PdfObject;
  readonly end: number;
}

const closeParen = 0x29;

/** Parses one direct object at `pos` (white space and comments before it are skipped). */
export function parseObject(b: Uint8Array, pos = 0, options: ParseOptions = {}): Parsed {
  return new ObjectParser(b, options).object(pos, 0);
}

/** Parses the indirect object whose `N G obj` header starts at (or after white space from) `pos`. */
export function parseIndirectObject(b: Uint8Array, pos = 0, options: ParseOptions = {}): ParsedIndirect {
  const head = readObjHeader(b, pos);
  if (!head) throw new PdfError("PDF_SYNTAX", `no object header at ${pos}`);
  const p = new ObjectParser(b, options);
  const obj = p.object(head.end, 0);
  let value: PdfObject = obj.value;
  let end = skipWhiteAndComments(b, obj.end);
  if (value instanceof PdfDict && keywordAt(b, end, "stream")) {
    const s = p.streamBody(value, end + 6);
    value = s.value;
    end = skipWhiteAndComments(b, s.end);
  }
  if (keywordAt(b, end, "endobj")) end += 6;
  return { num: head.num, gen: head.gen, value, end };
}

class ObjectParser {
  private readonly maxDepth: number;
  constructor(
    private readonly b: Uint8Array,
    private readonly options: ParseOptions,
  ) {
    this.maxDepth = options.maxDepth ?? 256;
  }

  object(pos: number, depth: number): Parsed {
    if (depth > this.maxDepth) throw new PdfError("PDF_LIMIT", "nesting too deep");
    const b = this.b;
    const p = skipWhiteAndComments(b, pos);
    const c = b[p];
    if (c === undefined) throw new PdfError("PDF_SYNTAX", "unexpected end of data");
    if (c === 0x2f) return this.name(p + 1);
    if (c === 0x28) return this.literalString(p + 1);
    if (c === 0x3c) return b[p + 1] === 0x3c ? this.dict(p + 2, depth) : this.hexString(p + 1);
    if (c === 0x5b) return this.array(p + 1, depth);
    if (isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e) return this.numberOrRef(p);
    if (keywordAt(b, p, "true")) return { value: true, end: p + 4 };
    if (keywordAt(b, p, "false")) return { value: false, end: p + 5 };
    if (keywordAt(b, p, "null")) return { value: null, end: p + 4 };
    throw new PdfError("PDF_SYNTAX", `unexpected byte 0x${c.toString(16)} at ${p}`);
  }

  private name(pos: number): Parsed<PdfName> {
    const b = this.b;
    let end = pos;
    let escaped = false;
    while (end < b.length && !isTokenEnd(b[end])) {
      if (b[end] === 0x23) escaped = true;
      end++;
    }
    if (!escaped) return { value: new PdfName(latin1String(b.subarray(pos, end))), end };
    let s = "";
    for (let p = pos; p < end; ) {
      const c = b[p]!;
      if (c === 0x23 && isHex(b[p + 1]) && isHex(b[p + 2])) {
        s += String.fromCharCode(Number.parseInt(String.fromCharCode(b[p + 1]!, b[p + 2]!), 16));
        p += 3;
      } else {
        s += String.fromCharCode(c);
        p++;
      }
    }
    return { value: new PdfName(s), end };
  }

  /** Reads an unsigned integer token quickly; undefined when the token is anything else. */
  private uintToken(pos: number): { value: number; end: number } | undefined {
    const b = this.b;
    let p = pos;
    let v = 0;
    while (isDigit(b[p])) v = v * 10 + (b[p++]! - 0x30);
    return p > pos && p - pos < 16 && isTokenEnd(b[p]) ? { value: v, end: p } : undefined;
  }

  private numberToken(pos: number): { text: string; end: number } {
    const b = this.b;
    let p = pos;
    while (p < b.length && !isTokenEnd(b[p])) p++;
    return { text: String.fromCharCode(...b.subarray(pos, Math.min(p, pos + 64))), end: p };
  }

  private numberOrRef(pos: number): Parsed {
    const int = this.uintToken(pos);
    if (!int) {
      const t = this.numberToken(pos);
      return { value: toNumber(t.text), end: t.end };
    }
    // Look ahead for `gen R` (§7.3.10).
    const b = this.b;
    const p2 = skipWhiteAndComments(b, int.end);
    const gen = isDigit(b[p2]) ? this.uintToken(p2) : undefined;
    if (gen) {
      const p3 = skipWhiteAndComments(b, gen.end);
      if (b[p3] === 0x52 && isTokenEnd(b[p3 + 1]))
        return { value: new PdfRef(int.value, gen.value), end: p3 + 1 };
    }
    return { value: new PdfNumber(int.value), end: int.end };
  }

  private literalString(pos: number): Parsed<PdfString> {
    const b = this.b;
    const out: number[] = [];
    let depth = 1;
    let p = pos;
    while (p < b.length) {
      const c = b[p++]!;
      if (c === 0x5c) {
        p = this.escape(p, out);
        continue;
      }
      if (c === 0x28) depth++;
      else if (c === closeParen && --depth === 0)
        return { value: new PdfString(Uint8Array.from(out)), end: p };
      if (c === 0x0d) {
        // An unescaped end-of-line is read as a single LF (§7.3.4.2).
        if (b[p] === 0x0a) p++;
        out.push(0x0a);
      } else out.push(c);
    }
    throw new PdfError("PDF_SYNTAX", "unterminated string");
  }

  private escape(pos: number, out: number[]): number {
    const b = this.b;
    const c = b[pos];
    const simple: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12 };
    if (c === undefined) return pos;
    if (simple[c] !== undefined) {
      out.push(simple[c]!);
      return pos + 1;
    }
    if (c >= 0x30 && c <= 0x37) {
      let v = 0;
      let p = pos;
      while (p < pos + 3 && b[p]! >= 0x30 && b[p]! <= 0x37) v = v * 8 + (b[p++]! - 0x30);
      out.push(v & 0xff);
      return p;
    }
    if (c === 0x0d) return b[pos + 1] === 0x0a ? pos + 2 : pos + 1;
    if (c === 0x0a) return pos + 1;
    out.push(c);
    return pos + 1;
  }

  private hexString(pos: number): Parsed<PdfString> {
    const b = this.b;
    const end = b.indexOf(0x3e, pos);
    if (end < 0) throw new PdfError("PDF_SYNTAX", "unterminated hex string");
    const out = new Uint8Array(Math.ceil((end - pos) / 2));
    let n = 0;
    let hi = -1;
    for (let p = pos; p < end; p++) {
      const v = hexValue(b[p]!);
      if (v < 0) {
        if (isWhite(b[p])) continue;
        throw new PdfError("PDF_SYNTAX", `bad hex digit at ${p}`);
      }
      if (hi < 0) hi = v;
      else {
        out[n++] = (hi << 4) | v;
        hi = -1;
      }
    }
    if (hi >= 0) out[n++] = hi << 4;
    return { value: new PdfString(out.slice(0, n), true), end: end + 1 };
  }

  private array(pos: number, depth: number): Parsed<PdfArray> {
    const b = this.b;
    const items: PdfObject[] = [];
    let p = pos;
    for (;;) {
      p = skipWhiteAndComments(b, p);
      if (p >= b.length) throw new PdfError("PDF_SYNTAX", "unterminated array");
      if (b[p] === 0x5d) return { value: new PdfArray(items), end: p + 1 };
      const o = this.object(p, depth + 1);
      items.push(o.value);
      p = o.end;
    }
  }

  private dict(pos: number, depth: number): Parsed<PdfDict> {
    const b = this.b;
    const d = new PdfDict();
    let p = pos;
    for (;;) {
      p = skipWhiteAndComments(b, p);
      if (p >= b.length) throw new PdfError("PDF_SYNTAX", "unterminated dictionary");
      if (b[p] === 0x3e && b[p + 1] === 0x3e) return { value: d, end: p + 2 };
      if (b[p] !== 0x2f) {
        // Tolerate a stray token (seen in damaged files): skip it.
        if (isDelimiter(b[p]) && b[p] !== 0x3c && b[p] !== 0x28 && b[p] !== 0x5b) p++;
        else p = this.object(p, depth + 1).end;
        continue;
      }
      const key = this.name(p + 1);
      const vp = skipWhiteAndComments(b, key.end);
      if (b[vp] === 0x3e && b[vp + 1] === 0x3e) {
        d.set(key.value.value, null);
        p = vp;
        continue;
      }
      const v = this.object(vp, depth + 1);
      d.set(key.value.value, v.value);
      p = v.end;
    }
  }

  /** Reads stream data after the `stream` keyword (§7.3.8.1). */
  streamBody(dict: PdfDict, afterKeyword: number): Parsed<PdfStream> {
    const b = this.b;
    let start = afterKeyword;
    if (b[start] === 0x0d) start++;
    if (b[start] === 0x0a) start++;
    let length: number | undefined;
    const l = dict.get("Length");
    if (l instanceof PdfNumber) length = l.value;
    else if (l instanceof PdfRef) length = this.options.resolveLength?.(l);
    if (length !== undefined && Number.isInteger(length) && length >= 0 && start + length <= b.length) {
      const e = skipWhiteAndComments(b, start + length);
      if (keywordAt(b, e, "endstream"))
        return { value: new PdfStream(dict, b.subarray(start, start + length)), end: e + 9 };
    }
    const e = indexOfAscii(b, "endstream", start);
    if (e < 0) throw new PdfError("PDF_SYNTAX", "stream without endstream");
    let dataEnd = e;
    if (b[dataEnd - 1] === 0x0a) dataEnd--;
    if (b[dataEnd - 1] === 0x0d) dataEnd--;
    return { value: new PdfStream(dict, b.subarray(start, Math.max(start, dataEnd))), end: e + 9 };
  }
}

function isHex(c: number | undefined): boolean {
  return c !== undefined && hexValue(c) >= 0;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

function toNumber(text: string): PdfNumber {
  const isInt = /^[+-]?\d+$/.test(text);
  // Tolerate spellings like "--5" as common readers do; garbage reads as 0.
  const v = Number(text.replace(/^([+-])[+-]+/, "$1"));
  const value = Number.isFinite(v) ? v : 0;
  return isInt ? new PdfNumber(value) : new PdfNumber(value, text);
}
