import { StandardFontEmbedder, StandardFonts } from "pdf-lib";
import { decodeStream } from "../pdf/filters";
import type { PdfDocument } from "../pdf/document";
import { PdfArray, type PdfDict, PdfName, PdfNumber, PdfStream } from "../pdf/objects";
import { parseToUnicode } from "./to-unicode";

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
  const widths = numbers(doc, font.get("Widths"));
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
    ...verticalMetrics(doc, font, font, std),
    decode: (bytes) =>
      [...bytes].map((code) => {
        const t = text(code);
        return { code, text: t, width: width(code, t), isSpace: code === 32 };
      }),
  };
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

function type0Font(doc: PdfDocument, font: PdfDict): FontMetrics {
  const cidFont = doc.resolveDict(doc.resolveArray(font.get("DescendantFonts"))?.items[0]) ?? font;
  const widths = cidWidths(doc, cidFont);
  const dw = cidFont.getNumber("DW") ?? 1000;
  const toUnicode = toUnicodeOf(doc, font);
  return {
    ...verticalMetrics(doc, font, cidFont),
    decode: (bytes) => {
      const out: DecodedGlyph[] = [];
      for (let i = 0; i + 1 < bytes.length; i += 2) {
        const code = ((bytes[i] as number) << 8) | (bytes[i + 1] as number);
        out.push({ code, text: toUnicode?.get(code) ?? "", width: widths.get(code) ?? dw, isSpace: false });
      }
      return out;
    },
  };
}

/** Builds the metrics of a font dictionary: simple fonts (Widths, standard 14) or Type0 with Identity CMaps (§9.6–9.7). */
export function fontMetrics(doc: PdfDocument, font: PdfDict): FontMetrics {
  return font.getName("Subtype") === "Type0" ? type0Font(doc, font) : simpleFont(doc, font);
}
