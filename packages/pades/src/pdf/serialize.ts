import {
  PdfArray,
  PdfDict,
  PdfName,
  PdfNumber,
  type PdfObject,
  PdfRef,
  PdfStream,
  PdfString,
} from "./objects";
import { concatBytes } from "../bytes";

const encoder = new TextEncoder();
const HEX = encoder.encode("0123456789abcdef");

/** Serialises a PDF object to bytes (§7.3); streams get a `/Length` matching their raw bytes. */
export function serializeObject(obj: PdfObject): Uint8Array {
  const parts: Uint8Array[] = [];
  write(obj, parts);
  return concatBytes(parts);
}

export { concatBytes };

/** Formats a number without exponent; reals keep their parsed spelling, else up to 6 decimals. */
export function formatNumber(n: PdfNumber | number): string {
  if (n instanceof PdfNumber && n.text !== undefined) return n.text;
  const v = n instanceof PdfNumber ? n.value : n;
  if (Number.isInteger(v)) return String(v);
  const s = v.toFixed(6).replace(/0+$/, "").replace(/\.$/, "");
  return s === "-0" ? "0" : s;
}

/** Serialises a name with `#xx` escapes for bytes outside the regular range (§7.3.5). */
export function formatName(name: string): string {
  let s = "/";
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i) & 0xff;
    const regular = c > 0x20 && c < 0x7f && !"#()<>[]{}/%".includes(name[i]!);
    s += regular ? name[i] : `#${c.toString(16).padStart(2, "0")}`;
  }
  return s;
}

function text(s: string, parts: Uint8Array[]): void {
  parts.push(encoder.encode(s));
}

function write(obj: PdfObject, parts: Uint8Array[]): void {
  if (obj === null) text("null", parts);
  else if (obj === true || obj === false) text(obj ? "true" : "false", parts);
  else if (obj instanceof PdfNumber) text(formatNumber(obj), parts);
  else if (obj instanceof PdfName) text(formatName(obj.value), parts);
  else if (obj instanceof PdfRef) text(`${obj.num} ${obj.gen} R`, parts);
  else if (obj instanceof PdfString) parts.push(stringBytes(obj));
  else if (obj instanceof PdfArray) writeArray(obj, parts);
  else if (obj instanceof PdfDict) writeDict(obj, parts);
  else if (obj instanceof PdfStream) writeStream(obj, parts);
}

function writeArray(a: PdfArray, parts: Uint8Array[]): void {
  text("[", parts);
  a.items.forEach((item, i) => {
    if (i > 0) text(" ", parts);
    write(item, parts);
  });
  text("]", parts);
}

function writeDict(d: PdfDict, parts: Uint8Array[]): void {
  text("<<", parts);
  for (const [k, v] of d.entries()) {
    text(`${formatName(k)} `, parts);
    write(v, parts);
  }
  text(">>", parts);
}

function writeStream(s: PdfStream, parts: Uint8Array[]): void {
  const dict = s.dict.clone().set("Length", new PdfNumber(s.raw.length));
  writeDict(dict, parts);
  text("\nstream\n", parts);
  parts.push(s.raw);
  text("\nendstream", parts);
}

function stringBytes(s: PdfString): Uint8Array {
  if (s.hex) {
    // Written byte by byte: a signature's reserved /Contents is tens of kilobytes of hex.
    const out = new Uint8Array(s.bytes.length * 2 + 2);
    out[0] = 0x3c;
    let p = 1;
    for (const c of s.bytes) {
      out[p++] = HEX[c >> 4] as number;
      out[p++] = HEX[c & 15] as number;
    }
    out[p] = 0x3e;
    return out;
  }
  const out: number[] = [0x28];
  for (const c of s.bytes) {
    if (c === 0x28 || c === 0x29 || c === 0x5c) out.push(0x5c, c);
    else if (c === 0x0d) out.push(0x5c, 0x72);
    else out.push(c);
  }
  out.push(0x29);
  return Uint8Array.from(out);
}
