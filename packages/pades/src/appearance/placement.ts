import type { PdfDocument } from "../pdf/document";
import { PadesSignError } from "../sign/errors";
import { findSingleAnchor } from "../text/find-anchor";
import type { Box } from "../text/extract-glyphs";

/** A page by 1-based number, or the first / last page (BSrE `halaman=pertama|terakhir`). */
export type PageSelector = number | "first" | "last";

/**
 * A fixed rectangle `[x, y, width, height]` in PDF points (DOMAIN.md §4) on the page **as a viewer
 * shows it**: origin at the bottom-left corner of the visible page (its crop box, after the
 * page's /Rotate), x to the right, y upwards. On an unrotated page whose crop box starts at 0 0
 * these are plain default user-space coordinates.
 */
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
  /** The widget's `/Rect` in default user space (ISO 32000-2 §12.5.2). */
  readonly rect: readonly [number, number, number, number];
  /** The stamp's `[width, height]` as the viewer shows it (swapped against `rect` on 90°/270° pages). */
  readonly size: readonly [number, number];
  /** The page's /Rotate: the appearance is turned by it so it stands upright in viewers. */
  readonly rotate: 0 | 90 | 180 | 270;
  /** The anchor's glyph box in default user space, for anchored placements. */
  readonly anchorBox?: Box;
}

/** How a page is shown: its crop box in default user space and its clockwise /Rotate (§7.7.3.3). */
export interface PageFrame {
  readonly cropBox: readonly number[];
  readonly rotate: number;
}

type Rect = readonly [number, number, number, number];

/** A display point (origin bottom-left of the shown page) in default user space. */
export function displayToUser(frame: PageFrame, x: number, y: number): [number, number] {
  const [cx0 = 0, cy0 = 0, cx1 = 0, cy1 = 0] = frame.cropBox;
  switch (frame.rotate) {
    case 90:
      return [cx1 - y, cy0 + x];
    case 180:
      return [cx1 - x, cy1 - y];
    case 270:
      return [cx0 + y, cy1 - x];
    default:
      return [cx0 + x, cy0 + y];
  }
}

/** A default user-space point as the viewer shows it (inverse of `displayToUser`). */
export function userToDisplay(frame: PageFrame, x: number, y: number): [number, number] {
  const [cx0 = 0, cy0 = 0, cx1 = 0, cy1 = 0] = frame.cropBox;
  switch (frame.rotate) {
    case 90:
      return [y - cy0, cx1 - x];
    case 180:
      return [cx1 - x, cy1 - y];
    case 270:
      return [cy1 - y, x - cx0];
    default:
      return [x - cx0, y - cy0];
  }
}

/** The axis-aligned image `[x1, y1, x2, y2]` of a rectangle under a point mapping. */
function mapRect(map: (x: number, y: number) => [number, number], r: Rect): Rect {
  const a = map(r[0], r[1]);
  const b = map(r[2], r[3]);
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
}

/** A display rectangle `[x1, y1, x2, y2]` in default user space. */
export function displayRectToUser(frame: PageFrame, r: Rect): Rect {
  return mapRect((x, y) => displayToUser(frame, x, y), r);
}

/** A default user-space box as the viewer shows it. */
export function userBoxToDisplay(frame: PageFrame, b: Box): Box {
  const [x0, y0, x1, y1] = mapRect((x, y) => userToDisplay(frame, x, y), [b.x0, b.y0, b.x1, b.y1]);
  return { x0, y0, x1, y1 };
}

const rotationOf = (r: number): 0 | 90 | 180 | 270 => (r === 90 || r === 180 || r === 270 ? r : 0);

/** `[a b c d]` of the matrices turning content counter-clockwise by a page's /Rotate. */
const UPRIGHT = {
  0: [1, 0, 0, 1],
  90: [0, 1, -1, 0],
  180: [-1, 0, 0, -1],
  270: [0, -1, 1, 0],
} as const;

/**
 * The linear part `[a b c d]` of the matrix that turns content counter-clockwise by the page's
 * /Rotate, which the viewer turns back clockwise so it reads upright (§7.7.3.3); the identity
 * for any other /Rotate.
 */
export function uprightMatrix(rotate: number): readonly [number, number, number, number] {
  return UPRIGHT[rotationOf(rotate)];
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

/**
 * Resolves a placement against the document (anchor search for anchored placements). Sizes,
 * rectangles and offsets are meant as the viewer shows the page (crop box origin, /Rotate); the
 * result's `rect` is the widget's /Rect in default user space.
 */
export function resolvePlacement(doc: PdfDocument, placement: Placement): ResolvedPlacement {
  if ("rect" in placement) {
    const [x, y, w, h] = placement.rect;
    checkSize(w, h);
    const pageIndex = selectPage(doc, placement.page);
    const frame = doc.page(pageIndex) as PageFrame;
    return {
      pageIndex,
      rect: displayRectToUser(frame, [x, y, x + w, y + h]),
      size: [w, h],
      rotate: rotationOf(frame.rotate),
    };
  }
  const [w, h] = placement.size;
  checkSize(w, h);
  const pages = placement.page === undefined ? undefined : [selectPage(doc, placement.page)];
  const match = findSingleAnchor(doc, placement.anchor ?? "^", pages);
  const frame = doc.page(match.pageIndex) as PageFrame;
  const [dx, dy] = placement.offset ?? [0, 0];
  // The anchor's box as shown, so that "above" and "to the right" mean what the reader sees.
  const b = userBoxToDisplay(frame, match.box);
  const x = placement.align === "lower-left" ? b.x0 : (b.x0 + b.x1) / 2 - w / 2;
  const y = placement.align === "lower-left" ? b.y0 : (b.y0 + b.y1) / 2 - h / 2;
  return {
    pageIndex: match.pageIndex,
    rect: displayRectToUser(frame, [x + dx, y + dy, x + dx + w, y + dy + h]),
    size: [w, h],
    rotate: rotationOf(frame.rotate),
    anchorBox: match.box,
  };
}
