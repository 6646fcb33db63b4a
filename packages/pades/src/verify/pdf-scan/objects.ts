/**
 * A minimal, read-only PDF object model used by the verifier: every value keeps the byte
 * offsets it came from, because signature checks are about bytes (ISO 32000-2 §7.3).
 */

/** A PDF name object without the leading slash (ISO 32000-2 §7.3.5). */
export interface PdfName {
  readonly kind: "name";
  readonly value: string;
}

/** A literal or hex string with its decoded bytes and its position (delimiters included). */
export interface PdfString {
  readonly kind: "string";
  readonly bytes: Uint8Array;
  readonly hex: boolean;
  readonly start: number;
  readonly end: number;
}

/** An indirect reference `num gen R` (ISO 32000-2 §7.3.10). */
export interface PdfRef {
  readonly kind: "ref";
  readonly num: number;
  readonly gen: number;
}

/** An array object. */
export interface PdfArray {
  readonly kind: "array";
  readonly items: readonly PdfValue[];
}

/** A dictionary object; keys are names without the slash. */
export interface PdfDict {
  readonly kind: "dict";
  readonly entries: ReadonlyMap<string, PdfValue>;
  readonly start: number;
  readonly end: number;
}

/** A stream: its dictionary and the raw (still encoded) data range in the file. */
export interface PdfStream {
  readonly kind: "stream";
  readonly dict: PdfDict;
  readonly dataStart: number;
  readonly dataEnd: number;
  /** The raw data after decryption (encrypted documents, ISO 32000-2 §7.6); absent otherwise. */
  readonly plain?: Uint8Array;
}

/** Any direct PDF value. */
export type PdfValue =
  | null
  | boolean
  | number
  | PdfName
  | PdfString
  | PdfRef
  | PdfArray
  | PdfDict
  | PdfStream;

/** A failure to read PDF syntax; caught by the verifier and turned into a report. */
export class PdfSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} at byte ${offset}`);
    this.name = "PdfSyntaxError";
    this.offset = offset;
  }
}

/** Returns the value under `key` when `value` is a dictionary (or a stream's dictionary). */
export function dictGet(value: PdfValue | undefined, key: string): PdfValue | undefined {
  if (value === null || value === undefined || typeof value !== "object") return undefined;
  if (value.kind === "dict") return value.entries.get(key);
  if (value.kind === "stream") return value.dict.entries.get(key);
  return undefined;
}

/** The name's text, or undefined when `value` is not a name. */
export function asName(value: PdfValue | undefined): string | undefined {
  return value !== null && typeof value === "object" && value.kind === "name" ? value.value : undefined;
}

/** The number, or undefined when `value` is not a number. */
export function asNumber(value: PdfValue | undefined): number | undefined {
  return typeof value === "number" ? value : undefined;
}

/** Decodes a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding approximated as Latin-1). */
export function decodeTextString(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    let out = "";
    for (let i = 2; i + 1 < bytes.length; i += 2)
      out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return out;
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder().decode(bytes.subarray(3));
  }
  let out = "";
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}
