/**
 * The PDF object model (ISO 32000-2 §7.3): eight basic types plus indirect references.
 * Booleans are JS `boolean`, null is JS `null`; the rest are small classes.
 */

import { type DecodeOptions, decodeStream } from "./filters";
import { decodePdfDocEncoding } from "./pdf-doc-encoding";

/** Any PDF object. */
export type PdfObject =
  | null
  | boolean
  | PdfNumber
  | PdfName
  | PdfString
  | PdfArray
  | PdfDict
  | PdfStream
  | PdfRef;

/** A number (§7.3.3); `text` keeps the original spelling of a parsed real so it re-serialises unchanged. */
export class PdfNumber {
  constructor(
    readonly value: number,
    readonly text?: string,
  ) {}
  /** True when the value is an integer. */
  get isInteger(): boolean {
    return Number.isInteger(this.value) && this.text === undefined;
  }
}

/** A name (§7.3.5); `value` holds the decoded name bytes as Latin-1 characters, without the slash. */
export class PdfName {
  constructor(readonly value: string) {}
}

/** A string (§7.3.4): raw bytes plus whether it was written in hexadecimal form. */
export class PdfString {
  constructor(
    readonly bytes: Uint8Array,
    readonly hex = false,
  ) {}

  /** Decodes a text string (§7.9.2.2): UTF-16BE or UTF-8 with BOM, else PDFDocEncoding (Annex D). */
  text(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
      let s = "";
      for (let i = 2; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
      return s;
    }
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
      return new TextDecoder().decode(b.subarray(3));
    }
    return decodePdfDocEncoding(b);
  }

  /** Makes a text string: ASCII stays single-byte, anything else becomes UTF-16BE with BOM. */
  static fromText(text: string, hex = false): PdfString {
    if ([...text].every((ch) => ch.charCodeAt(0) < 0x80)) return new PdfString(latin1Bytes(text), hex);
    const out = new Uint8Array(2 + text.length * 2);
    out[0] = 0xfe;
    out[1] = 0xff;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      out[2 + i * 2] = c >> 8;
      out[3 + i * 2] = c & 0xff;
    }
    return new PdfString(out, hex);
  }
}

/** An array (§7.3.6). */
export class PdfArray {
  constructor(readonly items: PdfObject[] = []) {}
  /** Number of elements. */
  get length(): number {
    return this.items.length;
  }
  /** The element at `i`, or undefined. */
  get(i: number): PdfObject | undefined {
    return this.items[i];
  }
}

/** A dictionary (§7.3.7) keeping key order; keys are names without the slash. */
export class PdfDict {
  readonly map: Map<string, PdfObject>;
  constructor(entries?: Iterable<readonly [string, PdfObject]>) {
    this.map = new Map(entries);
  }
  /** The value under `key` (not resolved), or undefined. */
  get(key: string): PdfObject | undefined {
    return this.map.get(key);
  }
  /** Sets `key`; returns this for chaining. */
  set(key: string, value: PdfObject): this {
    this.map.set(key, value);
    return this;
  }
  /** True when `key` is present. */
  has(key: string): boolean {
    return this.map.has(key);
  }
  /** Removes `key`. */
  delete(key: string): boolean {
    return this.map.delete(key);
  }
  /** Key/value pairs in order. */
  entries(): IterableIterator<[string, PdfObject]> {
    return this.map.entries();
  }
  /** Number of entries. */
  get size(): number {
    return this.map.size;
  }
  /** The name under `key` (without slash) when it is a direct name. */
  getName(key: string): string | undefined {
    const v = this.map.get(key);
    return v instanceof PdfName ? v.value : undefined;
  }
  /** The number under `key` when it is a direct number. */
  getNumber(key: string): number | undefined {
    const v = this.map.get(key);
    return v instanceof PdfNumber ? v.value : undefined;
  }
  /** A shallow copy (values shared). */
  clone(): PdfDict {
    return new PdfDict(this.map);
  }
}

/** A stream (§7.3.8): its dictionary and its raw (still filtered, already decrypted) bytes. */
export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    readonly raw: Uint8Array,
  ) {}

  /** The decoded data (same as `decodeStream(this, options)`: Flate with predictors, ASCIIHex, ASCII85). */
  decode(options?: DecodeOptions): Uint8Array {
    return decodeStream(this, options);
  }
}

/** An indirect reference `num gen R` (§7.3.10). */
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen = 0,
  ) {}
  /** A map key such as "12 0". */
  get key(): string {
    return `${this.num} ${this.gen}`;
  }
  /** True when both refer to the same object. */
  equals(other: PdfRef): boolean {
    return this.num === other.num && this.gen === other.gen;
  }
  /** "12 0 R". */
  toString(): string {
    return `${this.num} ${this.gen} R`;
  }
}

/** Shorthand for a name. */
export function pdfName(value: string): PdfName {
  return new PdfName(value);
}

/** Shorthand for a number; non-integers serialise with up to 6 decimals. */
export function pdfNumber(value: number): PdfNumber {
  return new PdfNumber(value);
}

/** Shorthand for a dictionary from a plain record (insertion order kept). */
export function pdfDict(record: Readonly<Record<string, PdfObject>>): PdfDict {
  return new PdfDict(Object.entries(record));
}

/** Shorthand for an array. */
export function pdfArray(items: readonly PdfObject[]): PdfArray {
  return new PdfArray([...items]);
}

/** Converts a Latin-1 string to bytes (one byte per char code, masked to 8 bits). */
export function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** Converts bytes to a Latin-1 string. */
export function latin1String(b: Uint8Array): string {
  const chunk = 0x2000;
  if (b.length <= chunk) return String.fromCharCode.apply(null, b as unknown as number[]);
  let s = "";
  for (let i = 0; i < b.length; i += chunk) {
    s += String.fromCharCode.apply(null, b.subarray(i, Math.min(b.length, i + chunk)) as unknown as number[]);
  }
  return s;
}
