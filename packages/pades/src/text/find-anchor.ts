import type { PdfDocument } from "../pdf/document";
import { PadesSignError } from "../sign/errors";
import { type Box, type PositionedGlyph, extractGlyphs } from "./extract-glyphs";

/** Where an anchor text was found: page index (0-based) and the union of its glyph boxes. */
export interface AnchorMatch {
  readonly pageIndex: number;
  readonly box: Box;
}

function union(glyphs: readonly PositionedGlyph[]): Box {
  return {
    x0: Math.min(...glyphs.map((g) => g.box.x0)),
    y0: Math.min(...glyphs.map((g) => g.box.y0)),
    x1: Math.max(...glyphs.map((g) => g.box.x1)),
    y1: Math.max(...glyphs.map((g) => g.box.y1)),
  };
}

/** Every occurrence of `anchor` in the glyph sequence of the given pages (whitespace-exact match). */
export function findAnchors(
  doc: PdfDocument,
  anchor: string,
  pageIndexes?: readonly number[],
): AnchorMatch[] {
  const pages = doc.pages();
  const out: AnchorMatch[] = [];
  for (const index of pageIndexes ?? pages.map((p) => p.index)) {
    const page = pages[index];
    if (!page) continue;
    const glyphs = extractGlyphs(doc, page).filter((g) => g.text !== "");
    const text = glyphs.map((g) => g.text).join("");
    // Map string offsets back to glyphs (a glyph may decode to several characters).
    const owner: number[] = [];
    glyphs.forEach((g, i) => {
      for (let k = 0; k < g.text.length; k++) owner.push(i);
    });
    for (let at = text.indexOf(anchor); at >= 0; at = text.indexOf(anchor, at + anchor.length)) {
      const first = owner[at] ?? 0;
      const last = owner[at + anchor.length - 1] ?? first;
      out.push({ pageIndex: index, box: union(glyphs.slice(first, last + 1)) });
    }
  }
  return out;
}

/**
 * Finds exactly one occurrence of the anchor text (`tag_koordinat`, default `^`): absent is
 * PADES_SIGN_ANCHOR_NOT_FOUND, more than one is PADES_SIGN_ANCHOR_AMBIGUOUS.
 */
export function findSingleAnchor(
  doc: PdfDocument,
  anchor = "^",
  pageIndexes?: readonly number[],
): AnchorMatch {
  if (anchor === "") throw new PadesSignError("PADES_SIGN_INVALID_OPTIONS", "empty anchor");
  const matches = findAnchors(doc, anchor, pageIndexes);
  if (matches.length === 0) throw new PadesSignError("PADES_SIGN_ANCHOR_NOT_FOUND", JSON.stringify(anchor));
  if (matches.length > 1) {
    const where = matches.map((m) => `p${m.pageIndex + 1}`).join(", ");
    throw new PadesSignError(
      "PADES_SIGN_ANCHOR_AMBIGUOUS",
      `${JSON.stringify(anchor)} ×${matches.length} (${where})`,
    );
  }
  return matches[0] as AnchorMatch;
}
