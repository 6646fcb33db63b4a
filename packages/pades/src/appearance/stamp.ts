import fontkit from "@pdf-lib/fontkit";
import { type PDFFont, type PDFImage, type PDFPage, PDFDocument, PDFOperator, rgb } from "pdf-lib";
import { PadesSignError } from "../sign/errors";
import { dejaVuSansLatin } from "./fonts/dejavu-sans-latin";
import { qrRuns } from "./qr";

/** What a visible stamp shows; any combination, laid out left to right as QR | image | text. */
export interface StampContent {
  /** A signature specimen: PNG (transparency kept as an SMask) or JPEG (DCTDecode). */
  readonly image?: Uint8Array;
  /** A URL drawn as a vector QR code (e.g. the agency's verification page). */
  readonly qrUrl?: string;
  /** Text lines (name, NIP, position, date) in an embedded Unicode font. */
  readonly lines?: readonly string[];
  /** A TrueType/OpenType font for the lines; default the bundled DejaVu Sans Latin subset. */
  readonly font?: Uint8Array;
  /** Font size in points; default: the largest that fits (max 10). */
  readonly fontSize?: number;
  /** Draws a thin frame around the stamp. */
  readonly border?: boolean;
}

const PNG = [0x89, 0x50, 0x4e, 0x47];
const JPEG = [0xff, 0xd8, 0xff];
const startsWith = (b: Uint8Array, sig: readonly number[]) => sig.every((v, i) => b[i] === v);

async function embedImage(doc: PDFDocument, bytes: Uint8Array): Promise<PDFImage> {
  if (startsWith(bytes, PNG)) return doc.embedPng(bytes);
  if (startsWith(bytes, JPEG)) return doc.embedJpg(bytes);
  throw new PadesSignError("PADES_SIGN_IMAGE_UNSUPPORTED", "only PNG and JPEG");
}

/** Recently drawn QR codes by text (the same verification URL is often drawn many times). */
const qrCache = new Map<string, ReturnType<typeof qrRuns>>();

/** {@link qrRuns}, remembered for the last 64 texts. */
function cachedQrRuns(text: string): ReturnType<typeof qrRuns> {
  let hit = qrCache.get(text);
  if (hit === undefined) {
    hit = qrRuns(text);
    if (qrCache.size >= 64) qrCache.delete(qrCache.keys().next().value as string);
    qrCache.set(text, hit);
  }
  return hit;
}

/** A number for a content stream (ISO 32000-2 §7.3.3: no exponent), 4 decimals are plenty for points. */
const num = (n: number): string => String(Math.round(n * 10_000) / 10_000);

/**
 * Draws the QR code of `url` as one filled path of rectangles (one per run of dark modules),
 * 1-module quiet zone: `q 0 0 0 rg x y w h re ... f Q` (ISO 32000-2 §8.5.2.1, §8.5.3.1), a few
 * operators per run instead of pdf-lib's dozen per rectangle.
 */
export function drawQr(page: PDFPage, url: string, x: number, y: number, size: number): void {
  const { modules, runs } = cachedQrRuns(url);
  const m = size / (modules + 2);
  const ops: PDFOperator[] = [PDFOperator.of("q" as never), PDFOperator.of("rg" as never, ["0", "0", "0"])];
  for (const run of runs) {
    const rx = num(x + (run.col + 1) * m);
    const ry = num(y + size - (run.row + 2) * m);
    ops.push(PDFOperator.of("re" as never, [rx, ry, num(run.length * m), num(m)]));
  }
  ops.push(PDFOperator.of("f" as never), PDFOperator.of("Q" as never));
  page.pushOperators(...ops);
}

/** The bundled font's bytes, decoded once (the same object lets fontkit's parse be reused). */
let bundledFont: Uint8Array | undefined;

/** Parsed fonts by their bytes object: fontkit parses a font once, each document still gets its own subset. */
const parsedFonts = new WeakMap<Uint8Array, unknown>();

/** fontkit with `create` remembered per font bytes object (pdf-lib calls it on every embedFont). */
const cachingFontkit = {
  ...fontkit,
  create(data: Uint8Array, postscriptName?: string) {
    if (postscriptName !== undefined) return fontkit.create(data, postscriptName);
    let font = parsedFonts.get(data);
    if (font === undefined) {
      font = fontkit.create(data);
      parsedFonts.set(data, font);
    }
    return font;
  },
} as typeof fontkit;

function fitFontSize(
  font: PDFFont,
  lines: readonly string[],
  width: number,
  height: number,
  wanted?: number,
): number {
  if (wanted) return wanted;
  const byHeight = height / (lines.length * 1.2);
  const widest = Math.max(...lines.map((l) => font.widthOfTextAtSize(l, 1)), 1);
  return Math.max(3, Math.min(10, byHeight, (width - 2) / widest));
}

function drawLines(
  page: PDFPage,
  font: PDFFont,
  lines: readonly string[],
  box: { x: number; width: number; height: number },
  wanted?: number,
) {
  const size = fitFontSize(font, lines, box.width, box.height, wanted);
  const lineHeight = size * 1.2;
  const top = box.height / 2 + (lines.length * lineHeight) / 2;
  lines.forEach((line, i) => {
    page.drawText(line, {
      x: box.x + 1,
      y: top - (i + 1) * lineHeight + size * 0.25,
      size,
      font,
      color: rgb(0, 0, 0),
    });
  });
}

/**
 * Renders the stamp as a one-page scratch PDF of `width` × `height` points with pdf-lib (fonts
 * subset and embedded, images as XObjects); its page becomes the widget's appearance stream.
 */
export async function renderStampPdf(
  content: StampContent,
  width: number,
  height: number,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(cachingFontkit);
  const page = doc.addPage([width, height]);
  let x = 0;
  if (content.qrUrl) {
    const size = Math.min(height, width);
    drawQr(page, content.qrUrl, 0, (height - size) / 2, size);
    x += size + 2;
  }
  if (content.image) {
    const image = await embedImage(doc, content.image);
    const hasText = (content.lines?.length ?? 0) > 0;
    const maxW = hasText ? (width - x) / 2 : width - x;
    const scale = Math.min(maxW / image.width, height / image.height);
    const w = image.width * scale;
    const h = image.height * scale;
    page.drawImage(image, { x: hasText ? x : x + (maxW - w) / 2, y: (height - h) / 2, width: w, height: h });
    x += hasText ? w + 2 : maxW;
  }
  const lines = content.lines ?? [];
  if (lines.length > 0) {
    bundledFont ??= dejaVuSansLatin();
    const font = await doc.embedFont(content.font ?? bundledFont, { subset: true });
    drawLines(page, font, lines, { x, width: width - x, height }, content.fontSize);
  }
  if (content.border) {
    page.drawRectangle({
      x: 0.25,
      y: 0.25,
      width: width - 0.5,
      height: height - 0.5,
      borderWidth: 0.5,
      borderColor: rgb(0, 0, 0),
    });
  }
  return doc.save({ useObjectStreams: false });
}
