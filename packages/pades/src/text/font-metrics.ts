import { StandardFontEmbedder, StandardFonts } from "pdf-lib";
import { decodeStream } from "../pdf/filters";
import type { PdfDocument } from "../pdf/document";
import { PdfArray, type PdfDict, PdfName, PdfNumber, PdfStream } from "../pdf/objects";
import { type CodespaceRange, type ParsedCMap, parseCMap, parseToUnicode, splitCodes } from "./to-unicode";

/** One decoded glyph of a shown string. */
export interface DecodedGlyph {
  readonly code: number;
  /** The Unicode text of the glyph ("" when unknown). */
  readonly text: string;
  /** Advance width in thousandths of text space (§9.2.4). */
  readonly width: number;
  /** True for the single-byte code 32, where word spacing applies (§9.3.3). */
  readonly isSpace: boolean;
}

/** What the anchor finder needs of a font: glyph decoding and vertical metrics (thousandths). */
export interface FontMetrics {
  decode(bytes: Uint8Array): DecodedGlyph[];
  readonly ascent: number;
  readonly descent: number;
}

const standardNames: Readonly<Record<string, StandardFonts>> = Object.fromEntries(
  Object.values(StandardFonts).map((n) => [n, n]),
);
const aliases: Readonly<Record<string, StandardFonts>> = {
  Arial: StandardFonts.Helvetica,
  "Arial,Bold": StandardFonts.HelveticaBold,
  TimesNewRoman: StandardFonts.TimesRoman,
  CourierNew: StandardFonts.Courier,
};

function standardFont(baseFont: string | undefined): StandardFontEmbedder | undefined {
  const name = baseFont?.replace(/^[A-Z]{6}\+/, "");
  const std = name ? (standardNames[name] ?? aliases[name]) : undefined;
  return std
    ? StandardFontEmbedder.for(std as unknown as Parameters<typeof StandardFontEmbedder.for>[0])
    : undefined;
}

function numbers(doc: PdfDocument, arr: unknown): number[] {
  const a = doc.resolveArray(arr as never);
  return (a?.items ?? []).map((x) => {
    const v = doc.resolve(x);
    return v instanceof PdfNumber ? v.value : 0;
  });
}

function verticalMetrics(
  doc: PdfDocument,
  font: PdfDict,
  descriptorOwner: PdfDict,
  std?: StandardFontEmbedder,
) {
  const fd = doc.resolveDict(descriptorOwner.get("FontDescriptor"));
  const asc = fd?.getNumber("Ascent");
  const desc = fd?.getNumber("Descent");
  const stdAsc = std?.font.Ascender ?? undefined;
  const stdDesc = std?.font.Descender ?? undefined;
  const ascent = asc && asc > 0 && asc < 1900 ? asc : (stdAsc ?? 950);
  const descent = desc && desc < 0 && desc > -1900 ? desc : (stdDesc ?? -350);
  void font;
  return { ascent, descent };
}

function toUnicodeOf(doc: PdfDocument, font: PdfDict): Map<number, string> | undefined {
  const tu = doc.resolve(font.get("ToUnicode"));
  return tu instanceof PdfStream ? parseToUnicode(decodeStream(tu)) : undefined;
}

/** Glyph names of the /Differences array that matter for anchors and Latin text. */
function differences(doc: PdfDocument, font: PdfDict): Map<number, string> {
  const out = new Map<number, string>();
  const enc = doc.resolveDict(font.get("Encoding"));
  let code = 0;
  for (const item of doc.resolveArray(enc?.get("Differences"))?.items ?? []) {
    if (item instanceof PdfNumber) code = item.value;
    else if (item instanceof PdfName) out.set(code++, item.value);
  }
  return out;
}

const glyphNames: Readonly<Record<string, string>> = {
  space: " ",
  asciicircum: "^",
  quoteright: "'",
  quoteleft: "`",
  hyphen: "-",
  period: ".",
  comma: ",",
  colon: ":",
  slash: "/",
  parenleft: "(",
  parenright: ")",
  underscore: "_",
  asterisk: "*",
  numbersign: "#",
};

function nameToText(name: string): string {
  if (name.length === 1) return name;
  if (glyphNames[name]) return glyphNames[name] as string;
  const uni = /^uni([0-9A-F]{4})$/.exec(name);
  return uni ? String.fromCharCode(Number.parseInt(uni[1] ?? "0", 16)) : "";
}

function simpleFont(doc: PdfDocument, font: PdfDict): FontMetrics {
  const std = standardFont(font.getName("BaseFont"));
  const first = font.getNumber("FirstChar") ?? 0;
  // Type3 widths are in glyph space: /FontMatrix maps them to text space (§9.6.4); others are 1/1000.
  const type3 = font.getName("Subtype") === "Type3";
  const matrix = type3 ? numbers(doc, font.get("FontMatrix")) : [];
  const scaleX = matrix.length === 6 ? (matrix[0] as number) * 1000 : 1;
  const widths = numbers(doc, font.get("Widths")).map((w) => w * scaleX);
  const toUnicode = toUnicodeOf(doc, font);
  const diffs = differences(doc, font);
  const text = (code: number) =>
    toUnicode?.get(code) ??
    (diffs.has(code)
      ? nameToText(diffs.get(code) as string)
      : code >= 32 && code < 127
        ? String.fromCharCode(code)
        : "");
  const width = (code: number, t: string) =>
    widths[code - first] ?? (std && t ? std.widthOfTextAtSize(t, 1000) : 0);
  return {
    ...(type3 ? type3Vertical(doc, font, matrix) : verticalMetrics(doc, font, font, std)),
    decode: (bytes) =>
      [...bytes].map((code) => {
        const t = text(code);
        return { code, text: t, width: width(code, t), isSpace: code === 32 };
      }),
  };
}

/** A Type3 font's vertical extent: its /FontBBox through /FontMatrix, in thousandths of text space. */
function type3Vertical(doc: PdfDocument, font: PdfDict, matrix: readonly number[]) {
  const bbox = numbers(doc, font.get("FontBBox"));
  const sy = matrix.length === 6 ? (matrix[3] as number) * 1000 : 1;
  if (bbox.length !== 4 || sy === 0) return verticalMetrics(doc, font, font);
  const a = (bbox[1] as number) * sy;
  const b = (bbox[3] as number) * sy;
  const ascent = Math.max(a, b);
  const descent = Math.min(a, b);
  return ascent > descent ? { ascent, descent: Math.min(descent, 0) } : verticalMetrics(doc, font, font);
}

function cidWidths(doc: PdfDocument, cidFont: PdfDict): Map<number, number> {
  const out = new Map<number, number>();
  const w = doc.resolveArray(cidFont.get("W"))?.items ?? [];
  for (let i = 0; i < w.length; ) {
    const start = doc.resolve(w[i]);
    const next = doc.resolve(w[i + 1]);
    if (!(start instanceof PdfNumber)) break;
    if (next instanceof PdfArray) {
      numbers(doc, next).forEach((v, k) => {
        out.set(start.value + k, v);
      });
      i += 2;
    } else {
      const end = next instanceof PdfNumber ? next.value : start.value;
      const v = doc.resolve(w[i + 2]);
      for (let c = start.value; c <= end && c - start.value < 65536; c++)
        out.set(c, v instanceof PdfNumber ? v.value : 0);
      i += 3;
    }
  }
  return out;
}

/** Two-byte codes, as Identity-H/V and most predefined CJK CMaps use (§9.7.5.2). */
const TWO_BYTES: readonly CodespaceRange[] = [{ bytes: 2, lo: [0, 0], hi: [255, 255] }];

/**
 * A Type0 font (§9.7): codes split by the encoding CMap's codespace ranges (Identity-H/V: two
 * bytes, CID = code; an embedded CMap stream: its ranges and cidchar/cidrange; a predefined CMap
 * name: the ToUnicode CMap's ranges, widths then from /DW since its CIDs are unknown), text from
 * the ToUnicode CMap by code, widths from /W by CID.
 */
function type0Font(doc: PdfDocument, font: PdfDict): FontMetrics {
  const cidFont = doc.resolveDict(doc.resolveArray(font.get("DescendantFonts"))?.items[0]) ?? font;
  const widths = cidWidths(doc, cidFont);
  const dw = cidFont.getNumber("DW") ?? 1000;
  const tu = doc.resolve(font.get("ToUnicode"));
  const toUnicode: ParsedCMap | undefined = tu instanceof PdfStream ? parseCMap(decodeStream(tu)) : undefined;
  const encoding = doc.resolve(font.get("Encoding"));
  const embedded = encoding instanceof PdfStream ? parseCMap(decodeStream(encoding)) : undefined;
  const identity =
    encoding instanceof PdfName
      ? encoding.value === "Identity-H" || encoding.value === "Identity-V"
      : !embedded;
  const codespace =
    embedded && embedded.codespace.length > 0
      ? embedded.codespace
      : !identity && toUnicode && toUnicode.codespace.length > 0
        ? toUnicode.codespace
        : TWO_BYTES;
  const cidOf = (key: string): number | undefined =>
    embedded ? embedded.cids.get(key) : identity ? Number.parseInt(key, 16) : undefined;
  return {
    ...verticalMetrics(doc, font, cidFont),
    decode: (bytes) =>
      splitCodes(bytes, codespace).map((key) => {
        const cid = cidOf(key);
        return {
          code: Number.parseInt(key, 16),
          text: toUnicode?.unicode.get(key) ?? "",
          width: cid === undefined ? dw : (widths.get(cid) ?? dw),
          // Word spacing applies to the single-byte code 32 only (§9.3.3).
          isSpace: key === "20",
        };
      }),
  };
}

/**
 * Builds the metrics of a font dictionary: simple fonts (Widths, standard 14), Type3 fonts
 * (glyph space through /FontMatrix, §9.6.4) and Type0 fonts with Identity, embedded or
 * predefined CMaps (§9.6–9.7).
 */
export function fontMetrics(doc: PdfDocument, font: PdfDict): FontMetrics {
  return font.getName("Subtype") === "Type0" ? type0Font(doc, font) : simpleFont(doc, font);
}
