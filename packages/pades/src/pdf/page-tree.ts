import type { PdfDocument } from "./document";
import { PdfError } from "./errors";
import { PdfArray, type PdfDict, PdfNumber, type PdfObject, PdfRef } from "./objects";

/** A page with its inheritable attributes resolved (ISO 32000-2 §7.7.3.3-4). */
export interface PdfPage {
  /** Zero-based page index. */
  readonly index: number;
  /** The page object's reference (undefined for a page written directly inside /Kids). */
  readonly ref: PdfRef | undefined;
  readonly dict: PdfDict;
  /** /MediaBox as [llx, lly, urx, ury] (inherited; US Letter when absent everywhere). */
  readonly mediaBox: readonly number[];
  /** /CropBox (inherited), defaulting to the media box. */
  readonly cropBox: readonly number[];
  /** /Resources (inherited), resolved. */
  readonly resources: PdfDict | undefined;
  /** /Rotate (inherited), normalised to 0, 90, 180 or 270. */
  readonly rotate: number;
}

interface Inherited {
  readonly mediaBox: PdfObject | undefined;
  readonly cropBox: PdfObject | undefined;
  readonly resources: PdfObject | undefined;
  readonly rotate: PdfObject | undefined;
}

const letter = [0, 0, 612, 792] as const;

/** Walks the page tree from the catalog's /Pages; throws PDF_LOOP on a cycle, PDF_OBJECT_MISSING without a tree. */
export function collectPages(doc: PdfDocument): PdfPage[] {
  const root = doc.catalog.get("Pages");
  const rootDict = doc.resolveDict(root);
  if (!rootDict) throw new PdfError("PDF_OBJECT_MISSING", "page tree root");
  const pages: PdfPage[] = [];
  const onPath = new Set<number>();
  const visited = new Set<number>();
  const none: Inherited = {
    mediaBox: undefined,
    cropBox: undefined,
    resources: undefined,
    rotate: undefined,
  };
  walk(doc, root instanceof PdfRef ? root : undefined, rootDict, none, 0, { pages, onPath, visited });
  return pages;
}

interface WalkState {
  readonly pages: PdfPage[];
  readonly onPath: Set<number>;
  readonly visited: Set<number>;
}

function walk(
  doc: PdfDocument,
  ref: PdfRef | undefined,
  node: PdfDict,
  parent: Inherited,
  depth: number,
  st: WalkState,
): void {
  if (depth > doc.limits.maxDepth) throw new PdfError("PDF_LIMIT", "page tree too deep");
  if (ref) {
    if (st.onPath.has(ref.num) || st.visited.has(ref.num))
      throw new PdfError("PDF_LOOP", `page tree node ${ref.num}`);
    st.onPath.add(ref.num);
    st.visited.add(ref.num);
  }
  const inh: Inherited = {
    mediaBox: node.get("MediaBox") ?? parent.mediaBox,
    cropBox: node.get("CropBox") ?? parent.cropBox,
    resources: node.get("Resources") ?? parent.resources,
    rotate: node.get("Rotate") ?? parent.rotate,
  };
  const kids = doc.resolveArray(node.get("Kids"));
  if (node.getName("Type") === "Pages" || (node.getName("Type") !== "Page" && kids)) {
    for (const kid of kids?.items ?? []) {
      const d = doc.resolveDict(kid);
      if (d) walk(doc, kid instanceof PdfRef ? kid : undefined, d, inh, depth + 1, st);
    }
  } else {
    if (st.pages.length >= doc.limits.maxObjects) throw new PdfError("PDF_LIMIT", "too many pages");
    st.pages.push(makePage(doc, st.pages.length, ref, node, inh));
  }
  if (ref) st.onPath.delete(ref.num);
}

/**
 * The page at 0-based `index` found by descending the tree with each node's /Count (§7.7.3.2)
 * instead of walking every page: only the nodes on the path and their earlier siblings are read.
 * Returns undefined when the index is out of range; falls back to the full walk when a /Count on
 * the path is missing or disagrees with its kids, or the tree loops.
 */
export function findPage(doc: PdfDocument, index: number): PdfPage | undefined {
  if (!Number.isInteger(index) || index < 0) return undefined;
  const root = doc.catalog.get("Pages");
  const rootDict = doc.resolveDict(root);
  if (!rootDict) throw new PdfError("PDF_OBJECT_MISSING", "page tree root");
  const count = countOf(rootDict);
  if (count !== undefined && index >= count) return undefined;
  const found = descend(doc, root instanceof PdfRef ? root : undefined, rootDict, index);
  return found ?? collectPages(doc)[index];
}

/** A node's /Count when it is a non-negative integer. */
function countOf(node: PdfDict): number | undefined {
  const c = node.getNumber("Count");
  return c !== undefined && Number.isInteger(c) && c >= 0 ? c : undefined;
}

function isLeaf(node: PdfDict, doc: PdfDocument): boolean {
  const type = node.getName("Type");
  return type === "Page" || (type !== "Pages" && doc.resolveArray(node.get("Kids")) === undefined);
}

function descend(
  doc: PdfDocument,
  rootRef: PdfRef | undefined,
  rootDict: PdfDict,
  wanted: number,
): PdfPage | undefined {
  let node = rootDict;
  let ref = rootRef;
  let rest = wanted;
  let inh: Inherited = { mediaBox: undefined, cropBox: undefined, resources: undefined, rotate: undefined };
  const seen = new Set<number>();
  for (let depth = 0; depth <= doc.limits.maxDepth; depth++) {
    if (ref) {
      if (seen.has(ref.num)) return undefined;
      seen.add(ref.num);
    }
    inh = {
      mediaBox: node.get("MediaBox") ?? inh.mediaBox,
      cropBox: node.get("CropBox") ?? inh.cropBox,
      resources: node.get("Resources") ?? inh.resources,
      rotate: node.get("Rotate") ?? inh.rotate,
    };
    if (isLeaf(node, doc)) return rest === 0 ? makePage(doc, wanted, ref, node, inh) : undefined;
    const total = countOf(node);
    let sum = 0;
    let next: { ref: PdfRef | undefined; dict: PdfDict } | undefined;
    for (const kid of doc.resolveArray(node.get("Kids"))?.items ?? []) {
      const d = doc.resolveDict(kid);
      if (!d) continue;
      const n = isLeaf(d, doc) ? 1 : countOf(d);
      if (n === undefined) return undefined;
      if (next === undefined && rest < sum + n) {
        next = { ref: kid instanceof PdfRef ? kid : undefined, dict: d };
        rest -= sum;
        // The kids after the one we need are not read; the sum up to here must not exceed /Count.
        if (total === undefined || sum + n > total) return undefined;
        break;
      }
      sum += n;
    }
    if (!next) return undefined;
    node = next.dict;
    ref = next.ref;
  }
  return undefined;
}

function makePage(
  doc: PdfDocument,
  index: number,
  ref: PdfRef | undefined,
  dict: PdfDict,
  inh: Inherited,
): PdfPage {
  const mediaBox = box(doc, inh.mediaBox) ?? [...letter];
  const rot = doc.resolve(inh.rotate);
  const r = rot instanceof PdfNumber ? (((Math.round(rot.value / 90) * 90) % 360) + 360) % 360 : 0;
  return {
    index,
    ref,
    dict,
    mediaBox,
    cropBox: box(doc, inh.cropBox) ?? mediaBox,
    resources: doc.resolveDict(inh.resources),
    rotate: r,
  };
}

function box(doc: PdfDocument, o: PdfObject | undefined): number[] | undefined {
  const a = doc.resolveArray(o);
  if (!(a instanceof PdfArray) || a.length !== 4) return undefined;
  const v = a.items.map((x) => doc.resolve(x));
  if (!v.every((x) => x instanceof PdfNumber)) return undefined;
  const [x1, y1, x2, y2] = v.map((x) => (x as PdfNumber).value) as [number, number, number, number];
  return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
}
