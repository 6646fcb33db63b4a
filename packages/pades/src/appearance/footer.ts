import fontkit from "@pdf-lib/fontkit";
import { type PDFFont, PDFDocument, rgb } from "pdf-lib";
import { dejaVuSansLatin } from "./fonts/dejavu-sans-latin";
import { drawQr } from "./stamp";

/** What the document-preparation footer shows (DOMAIN.md §3). */
export interface FooterContent {
  /** The agency's footer text; wrapped to the page width. */
  readonly text: string;
  /** The verification URL encoded in the QR code. */
  readonly qrUrl?: string;
  /** The document token printed after the text. */
  readonly token?: string;
  /** Font size in points (default 7). */
  readonly fontSize?: number;
  /** A TrueType font; default the bundled DejaVu Sans Latin subset. */
  readonly font?: Uint8Array;
}

/** The default footer text BSrE-signed letters carry (DOMAIN.md §3). */
export const DEFAULT_FOOTER_TEXT =
  "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), BSSN. Dokumen asli dapat diperoleh dengan memindai kode QR.";

/** Greedy word wrap by measured width. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Renders the footer band (`width` × `height` points) as a one-page scratch PDF with pdf-lib. */
export async function renderFooterPdf(
  content: FooterContent,
  width: number,
  height: number,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const page = doc.addPage([width, height]);
  const margin = 8;
  let x = margin;
  if (content.qrUrl) {
    const size = height - 4;
    drawQr(page, content.qrUrl, x, 2, size);
    x += size + 6;
  }
  const font = await doc.embedFont(content.font ?? dejaVuSansLatin(), { subset: true });
  const size = content.fontSize ?? 7;
  const lines = wrapText(content.text, font, size, width - x - margin);
  if (content.token) lines.push(`Token: ${content.token}`);
  const lineHeight = size * 1.25;
  const top = height / 2 + (lines.length * lineHeight) / 2;
  lines.forEach((line, i) => {
    page.drawText(line, { x, y: top - (i + 1) * lineHeight + size * 0.3, size, font, color: rgb(0, 0, 0) });
  });
  return doc.save({ useObjectStreams: false });
}
