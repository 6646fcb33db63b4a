import { type PdfDict, PdfSyntaxError, type PdfValue } from "./objects";

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

  /** Reads the keyword at the cursor and fails unless it is `word`. */
  expectKeyword(word: string): void {
    this.skipWhite();
    const at = this.pos;
    const got = this.readRegular();
    if (got !== word) throw new PdfSyntaxError(`expected "${word}", found "${got.slice(0, 20)}"`, at);
  }

  /** Reads an unsigned integer token, or fails. */
  readInt(): number {
    this.skipWhite();
    const at = this.pos;
    const t = this.readRegular();
    if (!/^\d{1,15}$/.test(t)) throw new PdfSyntaxError("expected an integer", at);
    return Number(t);
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
    const g = this.readRegular();
    if (/^\d+$/.test(g)) {
      this.skipWhite();
      if (
        this.bytes[this.pos] === 0x52 &&
        (isWhite(this.bytes[this.pos + 1]) ||
          isDelimiter(this.bytes[this.pos + 1]) ||
          this.pos + 1 >= this.bytes.length)
      ) {
        this.pos++;
        return { kind: "ref", num, gen: Number(g) };
      }
    }
    this.pos = save;
    return num;
  }

  private readName(): PdfValue {
    this.pos++;
    const raw = this.readRegular();
    const value = raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) =>
      String.fromCharCode(Number.parseInt(h, 16)),
    );
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
    for (let i = start + 1; i < close; i++) {
      const v = HEX[b[i]!]!;
      if (v === 255) continue;
      if (v === 254) throw new PdfSyntaxError("bad byte in hex string", i);
      if (hi < 0) hi = v;
      else {
        out[n++] = (hi << 4) | v;
        hi = -1;
      }
    }
    this.pos = close + 1;
    const bytes = hi >= 0 ? Uint8Array.of(...out.subarray(0, n), hi << 4) : out.subarray(0, n);
    return { kind: "string", bytes, hex: true, start, end: this.pos };
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

/** Finds the last occurrence of `needle` in `bytes` that starts before `before` (native scan for the first byte). */
export function lastIndexOf(bytes: Uint8Array, needle: string, before = bytes.length): number {
  const n = needle.length;
  const first = needle.charCodeAt(0);
  let i = Math.min(before, bytes.length) - n;
  while (i >= 0) {
    i = bytes.lastIndexOf(first, i);
    if (i < 0) return -1;
    let k = 1;
    while (k < n && bytes[i + k] === needle.charCodeAt(k)) k++;
    if (k === n) return i;
    i--;
  }
  return -1;
}

/** Finds the first occurrence of `needle` in `bytes` at or after `from` (native scan for the first byte). */
export function indexOf(bytes: Uint8Array, needle: string, from = 0): number {
  const n = needle.length;
  const first = needle.charCodeAt(0);
  let i = Math.max(0, from);
  for (;;) {
    i = bytes.indexOf(first, i);
    if (i < 0 || i + n > bytes.length) return -1;
    let k = 1;
    while (k < n && bytes[i + k] === needle.charCodeAt(k)) k++;
    if (k === n) return i;
    i++;
  }
}
