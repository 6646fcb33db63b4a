import type { PdfDocument } from "../pdf/document";
import { PadesSignError } from "../sign/errors";
import { findSingleAnchor } from "../text/find-anchor";
import type { Box } from "../text/extract-glyphs";

/** A page by 1-based number, or the first / last page (BSrE `halaman=pertama|terakhir`). */
export type PageSelector = number | "first" | "last";

/** A fixed rectangle `[x, y, width, height]` in PDF points, bottom-left origin (DOMAIN.md §4). */
export interface RectPlacement {
  readonly page: PageSelector;
  readonly rect: readonly [number, number, number, number];
}

/**
 * A placement relative to an anchor text (`tag_koordinat`, default `^`): the stamp of `size`
 * `[width, height]` is centred on the anchor's glyph box (or has its lower-left corner on the
 * box's lower-left with `align: "lower-left"`), then moved by `offset` `[dx, dy]`.
 */
export interface AnchorPlacement {
  readonly anchor?: string;
  readonly size: readonly [number, number];
  readonly offset?: readonly [number, number];
  readonly align?: "center" | "lower-left";
  /** Restrict the search to one page; default: every page (the anchor must occur once). */
  readonly page?: PageSelector;
}

/** Where a visible signature goes. */
export type Placement = RectPlacement | AnchorPlacement;

/** A resolved placement: 0-based page index and `/Rect` `[x1, y1, x2, y2]`. */
export interface ResolvedPlacement {
  readonly pageIndex: number;
  readonly rect: readonly [number, number, number, number];
  /** The anchor's glyph box, for anchored placements. */
  readonly anchorBox?: Box;
}

/** Turns a page selector into a 0-based index, checking it exists. */
export function pageIndexOf(selector: PageSelector, pageCount: number): number {
  const index = selector === "first" ? 0 : selector === "last" ? pageCount - 1 : selector - 1;
  if (!Number.isInteger(index) || index < 0 || index >= pageCount) {
    throw new PadesSignError("PADES_SIGN_PAGE_NOT_FOUND", `${selector} of ${pageCount}`);
  }
  return index;
}

function checkSize(w: number, h: number): void {
  if (!(w > 0 && h > 0 && Number.isFinite(w) && Number.isFinite(h))) {
    throw new PadesSignError("PADES_SIGN_INVALID_OPTIONS", "stamp width and height must be positive");
  }
}

/**
 * The 0-based index of a selected page of `doc`, reading only the page tree nodes on the way
 * (`doc.page`), not every page; PADES_SIGN_PAGE_NOT_FOUND when absent.
 */
export function selectPage(doc: PdfDocument, selector: PageSelector): number {
  const index =
    selector === "first"
      ? 0
      : selector === "last"
        ? doc.pageCount - 1
        : Number.isInteger(selector)
          ? selector - 1
          : -1;
  if (index < 0 || doc.page(index) === undefined) {
    throw new PadesSignError("PADES_SIGN_PAGE_NOT_FOUND", `${selector} of ${doc.pageCount}`);
  }
  return index;
}

/** Resolves a placement against the document (anchor search for anchored placements). */
export function resolvePlacement(doc: PdfDocument, placement: Placement): ResolvedPlacement {
  if ("rect" in placement) {
    const [x, y, w, h] = placement.rect;
    checkSize(w, h);
    return { pageIndex: selectPage(doc, placement.page), rect: [x, y, x + w, y + h] };
  }
  const [w, h] = placement.size;
  checkSize(w, h);
  const pages = placement.page === undefined ? undefined : [selectPage(doc, placement.page)];
  const match = findSingleAnchor(doc, placement.anchor ?? "^", pages);
  const [dx, dy] = placement.offset ?? [0, 0];
  const b = match.box;
  const x = placement.align === "lower-left" ? b.x0 : (b.x0 + b.x1) / 2 - w / 2;
  const y = placement.align === "lower-left" ? b.y0 : (b.y0 + b.y1) / 2 - h / 2;
  return { pageIndex: match.pageIndex, rect: [x + dx, y + dy, x + dx + w, y + dy + h], anchorBox: b };
}
