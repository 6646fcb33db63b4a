import { type PdfDict, type PdfString, PdfSyntaxError, type PdfValue } from "./objects";

const MAX_DEPTH = 64;

/** True for PDF white-space bytes (ISO 32000-2 §7.2.3, Table 1). */
export function isWhite(b: number | undefined): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
}

/** True for PDF delimiter bytes (ISO 32000-2 §7.2.3, Table 2). */
export function isDelimiter(b: number | undefined): boolean {
  return (
    b === 0x28 ||
    b === 0x29 ||
    b === 0x3c ||
    b === 0x3e ||
    b === 0x5b ||
    b === 0x5d ||
    b === 0x7b ||
    b === 0x7d ||
    b === 0x2f ||
    b === 0x25
  );
}

/** 1 for bytes that end a regular token: white-space and delimiters (ISO 32000-2 §7.2.3). */
const ENDS_TOKEN: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (let c = 0; c < 256; c++) t[c] = isWhite(c) || isDelimiter(c) ? 1 : 0;
  return t;
})();

/** Hex digit values; 255 marks white-space (skipped), 254 anything else (an error). */
const HEX: Uint8Array = (() => {
  const t = new Uint8Array(256).fill(254);
  for (let i = 0; i < 10; i++) t[0x30 + i] = i;
  for (let i = 0; i < 6; i++) {
    t[0x41 + i] = 10 + i;
    t[0x61 + i] = 10 + i;
  }
  for (const w of [0x20, 0x0a, 0x0d, 0x09, 0x0c, 0x00]) t[w] = 255;
  return t;
})();

/**
 * Every hex string `readHex` returned, with the byte array and the span it was read from:
 * the proof that `bytes[start]` is `<`, `bytes[end - 1]` is the first `>` after it, and every
 * byte between is a hex digit or PDF white-space (anything else throws in `readHex`).
 */
const lexedHex = new WeakMap<
  PdfString,
  { readonly bytes: Uint8Array; readonly start: number; readonly end: number }
>();

/**
 * True when `s` is a hex string that `PdfParser` read from exactly `bytes[s.start, s.end)`, so
 * that span is `<`, only hex digits and white-space, `>` (ISO 32000-2 §7.3.4.3). A string
 * read from other bytes (an object stream, a copy) or built by hand is never vouched for.
 */
export function isHexStringOf(s: PdfString, bytes: Uint8Array): boolean {
  const p = lexedHex.get(s);
  return p !== undefined && p.bytes === bytes && p.start === s.start && p.end === s.end && s.hex;
}

/** Four ASCII "0" digits read as one 32-bit word (byte order does not matter: all four are equal). */
const ZEROS = 0x30303030;

/** A cursor over PDF bytes that reads tokens and direct objects (ISO 32000-2 §7.3). */
export class PdfParser {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    pos = 0,
  ) {
    this.pos = pos;
  }

  /** Skips white-space and comments. */
  skipWhite(): void {
    const b = this.bytes;
    while (this.pos < b.length) {
      const c = b[this.pos];
      if (isWhite(c)) this.pos++;
      else if (c === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  /** Reads a regular token (keyword or number) without consuming delimiters. */
  readRegular(): string {
    const b = this.bytes;
    const start = this.pos;
    while (this.pos < b.length && !isWhite(b[this.pos]) && !isDelimiter(b[this.pos])) this.pos++;
    let s = "";
    for (let i = start; i < this.pos; i++) s += String.fromCharCode(b[i]!);
    return s;
  }

  /**
   * When the token at the cursor is 1 to 15 decimal digits (what `/^\d{1,15}$/` accepts),
   * consumes it and returns its value; otherwise returns -1 and leaves the cursor alone.
   */
  private shortInt(): number {
    const b = this.bytes;
    const start = this.pos;
    const stop = Math.min(b.length, start + 16);
    let p = start;
    let v = 0;
    while (p < stop) {
      const c = b[p]!;
      if (c < 0x30 || c > 0x39) break;
      v = v * 10 + (c - 0x30); // exact: at most 15 digits < 2^53
      p++;
    }
    if (p === start || p - start > 15 || (p < b.length && ENDS_TOKEN[b[p]!] === 0)) return -1;
    this.pos = p;
    return v;
  }

  /** Reads the keyword at the cursor and fails unless it is `word`. */
  expectKeyword(word: string): void {
    this.skipWhite();
    const at = this.pos;
    const b = this.bytes;
    const n = word.length;
    let k = 0;
    while (k < n && b[at + k] === word.charCodeAt(k) && ENDS_TOKEN[b[at + k]!] === 0) k++;
    if (k === n && (at + n >= b.length || ENDS_TOKEN[b[at + n]!] === 1)) {
      this.pos = at + n;
      return;
    }
    // Not `word`: the token at the cursor differs from it, read only for the message.
    const got = this.readRegular();
    throw new PdfSyntaxError(`expected "${word}", found "${got.slice(0, 20)}"`, at);
  }

  /** Reads an unsigned integer token of 1 to 15 digits (`shortInt`), or fails. */
  readInt(): number {
    this.skipWhite();
    const v = this.shortInt();
    if (v < 0) throw new PdfSyntaxError("expected an integer", this.pos);
    return v;
  }

  /** Reads one direct object (references `n g R` are recognised). */
  readValue(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) throw new PdfSyntaxError("objects nested too deeply", this.pos);
    this.skipWhite();
    const b = this.bytes;
    const start = this.pos;
    const c = b[this.pos];
    if (c === undefined) throw new PdfSyntaxError("unexpected end of file", this.pos);
    if (c === 0x2f) return this.readName();
    if (c === 0x28) return this.readLiteral();
    if (c === 0x3c) return b[this.pos + 1] === 0x3c ? this.readDict(depth) : this.readHex();
    if (c === 0x5b) return this.readArray(depth);
    if (c >= 0x30 && c <= 0x39) {
      const v = this.shortInt();
      if (v >= 0) return this.maybeRef(v);
    }
    const t = this.readRegular();
    if (t === "") throw new PdfSyntaxError(`unexpected byte 0x${c.toString(16)}`, start);
    if (t === "true") return true;
    if (t === "false") return false;
    if (t === "null") return null;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) {
      if (/^\d+$/.test(t)) return this.maybeRef(Number(t));
      return Number(t);
    }
    throw new PdfSyntaxError(`unexpected token "${t.slice(0, 20)}"`, start);
  }

  private maybeRef(num: number): PdfValue {
    const save = this.pos;
    this.skipWhite();
    let gen = this.shortInt();
    if (gen < 0) {
      const g = this.readRegular();
      gen = /^\d+$/.test(g) ? Number(g) : -1;
    }
    if (gen >= 0) {
      this.skipWhite();
      if (
        this.bytes[this.pos] === 0x52 &&
        (isWhite(this.bytes[this.pos + 1]) ||
          isDelimiter(this.bytes[this.pos + 1]) ||
          this.pos + 1 >= this.bytes.length)
      ) {
        this.pos++;
        return { kind: "ref", num, gen };
      }
    }
    this.pos = save;
    return num;
  }

  private readName(): PdfValue {
    this.pos++;
    const raw = this.readRegular();
    const value = !raw.includes("#")
      ? raw
      : raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    return { kind: "name", value };
  }

  private readLiteral(): PdfValue {
    const b = this.bytes;
    const start = this.pos;
    this.pos++;
    const out: number[] = [];
    let depth = 1;
    while (this.pos < b.length) {
      const c = b[this.pos++]!;
      if (c === 0x5c) {
        const n = b[this.pos++];
        if (n === undefined) break;
        const map: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12 };
        if (map[n] !== undefined) out.push(map[n]);
        else if (n >= 0x30 && n <= 0x37) {
          let v = n - 0x30;
          for (let k = 0; k < 2 && (b[this.pos] ?? 0) >= 0x30 && (b[this.pos] ?? 0) <= 0x37; k++)
            v = v * 8 + (b[this.pos++]! - 0x30);
          out.push(v & 0xff);
        } else if (n === 0x0d) {
          if (b[this.pos] === 0x0a) this.pos++;
        } else if (n !== 0x0a) out.push(n);
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        depth--;
        if (depth === 0)
          return { kind: "string", bytes: Uint8Array.from(out), hex: false, start, end: this.pos };
        out.push(c);
      } else out.push(c);
    }
    throw new PdfSyntaxError("unterminated string", start);
  }

  private readHex(): PdfValue {
    const b = this.bytes;
    const start = this.pos;
    const close = b.indexOf(0x3e, start + 1);
    if (close < 0) throw new PdfSyntaxError("unterminated hex string", start);
    const out = new Uint8Array((close - start) >> 1);
    let n = 0;
    let hi = -1;
    let i = start + 1;
    // Signers reserve /Contents generously and pad it with "0" digits: eight of them at a time
    // are four zero bytes, which `out` already holds (long strings only, to amortise the view).
    const words = close - start > 64 ? new DataView(b.buffer, b.byteOffset, b.byteLength) : null;
    const last8 = close - 8;
    while (i < close) {
      if (hi < 0) {
        // Fast path at a byte boundary: two hex digits per step (values 0..15, so their OR is
        // below 16); anything else falls through to the byte-at-a-time step below.
        const last = close - 1;
        while (i < last) {
          if (
            words !== null &&
            i <= last8 &&
            ((words.getUint32(i, true) ^ ZEROS) | (words.getUint32(i + 4, true) ^ ZEROS)) === 0
          ) {
            n += 4;
            i += 8;
            continue;
          }
          const v1 = HEX[b[i]!]!;
          const v2 = HEX[b[i + 1]!]!;
          if ((v1 | v2) > 15) break;
          out[n++] = (v1 << 4) | v2;
          i += 2;
        }
        if (i >= close) break;
      }
      // One byte: white-space (skipped), a bad byte (an error), or a digit split by white-space.
      const v = HEX[b[i]!]!;
      if (v === 254) throw new PdfSyntaxError("bad byte in hex string", i);
      if (v !== 255) {
        if (hi < 0) hi = v;
        else {
          out[n++] = (hi << 4) | v;
          hi = -1;
        }
      }
      i++;
    }
    this.pos = close + 1;
    // An odd digit count is padded with 0 (§7.3.4.3); `out` has room: n + 1 <= (close - start) >> 1.
    if (hi >= 0) out[n++] = hi << 4;
    const bytes = out.subarray(0, n);
    const value: PdfString = { kind: "string", bytes, hex: true, start, end: this.pos };
    lexedHex.set(value, { bytes: b, start, end: this.pos });
    return value;
  }

  private readArray(depth: number): PdfValue {
    this.pos++;
    const items: PdfValue[] = [];
    for (;;) {
      this.skipWhite();
      if (this.pos >= this.bytes.length) throw new PdfSyntaxError("unterminated array", this.pos);
      if (this.bytes[this.pos] === 0x5d) {
        this.pos++;
        return { kind: "array", items };
      }
      items.push(this.readValue(depth + 1));
    }
  }

  /** Reads a dictionary `<< ... >>` at the cursor. */
  readDict(depth = 0): PdfDict {
    const start = this.pos;
    this.pos += 2;
    const entries = new Map<string, PdfValue>();
    for (;;) {
      this.skipWhite();
      const c = this.bytes[this.pos];
      if (c === undefined) throw new PdfSyntaxError("unterminated dictionary", start);
      if (c === 0x3e && this.bytes[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return { kind: "dict", entries, start, end: this.pos };
      }
      const key = this.readValue(depth + 1);
      if (key === null || typeof key !== "object" || key.kind !== "name") {
        throw new PdfSyntaxError("dictionary key is not a name", this.pos);
      }
      const value = this.readValue(depth + 1);
      // ISO 32000-2 §7.3.7: duplicate keys are an error; keep the first so a later copy cannot override it.
      if (!entries.has(key.value)) entries.set(key.value, value);
    }
  }
}

/**
 * What the byte search knows about one needle: its bytes, and for every pair of adjacent
 * bytes (b0 << 8 | b1) a bit mask of the offsets where that pair occurs among the needle's
 * first `FILTER_LEN` bytes (bit o: needle[o] === b0 && needle[o + 1] === b1).
 */
interface NeedleTable {
  readonly codes: Uint8Array;
  /** How many leading bytes of the needle the pair filter covers: min(needle length, FILTER_LEN). */
  readonly span: number;
  readonly pairs: Uint16Array;
}

/** The pair filter covers at most this many leading needle bytes, so offsets fit 15 bits of a Uint16. */
const FILTER_LEN = 16;
const tables = new Map<string, NeedleTable | null>();
const MAX_CACHED_NEEDLES = 8;

/** The search table for `needle`, or null when no byte string can match it (empty, or a char above 0xff). */
function needleTable(needle: string): NeedleTable | null {
  let t = tables.get(needle);
  if (t !== undefined) return t;
  const m = needle.length;
  const codes = new Uint8Array(m);
  let ok = m > 0;
  for (let k = 0; k < m; k++) {
    const c = needle.charCodeAt(k);
    if (c > 0xff) ok = false;
    codes[k] = c;
  }
  if (ok) {
    const span = Math.min(m, FILTER_LEN);
    const pairs = new Uint16Array(m > 1 ? 65536 : 0);
    for (let o = 0; o + 1 < span; o++) pairs[(codes[o]! << 8) | codes[o + 1]!]! |= 1 << o;
    t = { codes, span, pairs };
  } else t = null;
  if (tables.size >= MAX_CACHED_NEEDLES) tables.clear();
  tables.set(needle, t);
  return t;
}

/** True when `codes` occurs in `bytes` at `s` (the caller keeps s + codes.length within bytes). */
function matchesAt(bytes: Uint8Array, s: number, codes: Uint8Array): boolean {
  const m = codes.length;
  let k = 0;
  while (k < m && bytes[s + k] === codes[k]) k++;
  return k === m;
}

/**
 * The first start in the window [j - span + 2, j] whose needle pair at offset j - s is the
 * pair at j (mask from the pair table) and where the whole needle matches; -1 when none.
 */
function firstCandidate(bytes: Uint8Array, t: NeedleTable, j: number, mask: number, end: number): number {
  let bits = mask;
  while (bits !== 0) {
    const o = 31 - Math.clz32(bits); // highest offset first = lowest start first
    bits &= ~(1 << o);
    const s = j - o;
    if (s <= end && matchesAt(bytes, s, t.codes)) return s;
  }
  return -1;
}

/**
 * Finds the first occurrence of `needle` (a byte string, one char per byte) at or after
 * `from`; -1 when there is none.
 *
 * Whole-file scans (`/ByteRange`, `%%EOF`, `endstream`) use a sampled pair filter instead of
 * a byte-by-byte scan: every window of `span` bytes contains exactly one of the sampled
 * positions j = from + span - 2 + k * (span - 1), so the pair (bytes[j], bytes[j + 1]) is one
 * of the needle's adjacent pairs at offset j - s for any match starting at s. Only positions
 * whose pair occurs in the needle are checked in full, so a scan reads about two bytes in
 * `span - 1` and its cost per byte is bounded however the file is crafted.
 */
export function indexOf(bytes: Uint8Array, needle: string, from = 0): number {
  const t = needleTable(needle);
  if (t === null) return -1;
  const m = t.codes.length;
  const start = from > 0 ? Math.floor(from) : 0;
  const len = bytes.length;
  const end = len - m;
  if (start > end) return -1;
  if (m === 1) return bytes.indexOf(t.codes[0]!, start);
  const pairs = t.pairs;
  const stride = t.span - 1;
  let j = start + t.span - 2;
  // Two sampled positions per step: one test of the OR of both pair masks in the common case.
  for (; j + stride + 1 < len; j += 2 * stride) {
    const a = pairs[(bytes[j]! << 8) | bytes[j + 1]!]!;
    const b = pairs[(bytes[j + stride]! << 8) | bytes[j + stride + 1]!]!;
    if ((a | b) === 0) continue;
    if (a !== 0) {
      const s = firstCandidate(bytes, t, j, a, end);
      if (s >= 0) return s;
    }
    if (b !== 0) {
      const s = firstCandidate(bytes, t, j + stride, b, end);
      if (s >= 0) return s;
    }
  }
  for (; j + 1 < len; j += stride) {
    const a = pairs[(bytes[j]! << 8) | bytes[j + 1]!]!;
    if (a === 0) continue;
    const s = firstCandidate(bytes, t, j, a, end);
    if (s >= 0) return s;
  }
  return -1;
}

/**
 * Finds the last occurrence of `needle` (a byte string, one char per byte) that ends at or
 * before `before`; -1 when there is none. The same sampled pair filter as `indexOf`, run
 * backwards from the last possible start.
 */
export function lastIndexOf(bytes: Uint8Array, needle: string, before = bytes.length): number {
  const t = needleTable(needle);
  if (t === null) return -1;
  const m = t.codes.length;
  const top = Math.min(before, bytes.length) - m;
  if (!(top >= 0)) return -1;
  const maxStart = Math.floor(top);
  if (m === 1) return bytes.lastIndexOf(t.codes[0]!, maxStart);
  const pairs = t.pairs;
  const stride = t.span - 1;
  for (let j = maxStart; j >= 0; j -= stride) {
    let bits = pairs[(bytes[j]! << 8) | bytes[j + 1]!]!;
    while (bits !== 0) {
      const low = bits & -bits; // lowest offset first = highest start first
      bits &= ~low;
      const s = j - (31 - Math.clz32(low));
      if (s >= 0 && matchesAt(bytes, s, t.codes)) return s;
    }
  }
  return -1;
}
