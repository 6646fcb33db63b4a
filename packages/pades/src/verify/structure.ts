import type { RevisionView } from "./pdf-scan/document";
import { asName, decodeTextString, dictGet, type PdfValue } from "./pdf-scan/objects";

/** Where fields and pages of one revision live, by object number. */
export interface Structure {
  readonly catalog: number | null;
  readonly acroForm: number | null;
  readonly fieldsArray: number | null;
  readonly dss: number | null;
  readonly info: number | null;
  readonly metadata: number | null;
  readonly pages: ReadonlyMap<number, number>;
  readonly pageTreeNodes: ReadonlySet<number>;
  readonly annotsArrays: ReadonlyMap<number, number>;
  readonly contentStreams: ReadonlyMap<number, number>;
  readonly fields: ReadonlyMap<number, { readonly name: string; readonly ft: string | undefined }>;
}

const LIMIT = 200_000;

function refNum(v: PdfValue | undefined): number | null {
  return v !== null && typeof v === "object" && v?.kind === "ref" ? v.num : null;
}

function walkPages(
  view: RevisionView,
  root: PdfValue | undefined,
  pages: Map<number, number>,
  nodes: Set<number>,
  annots: Map<number, number>,
  contents: Map<number, number>,
): void {
  const stack: PdfValue[] = [root ?? null];
  let steps = 0;
  while (stack.length > 0 && steps++ < LIMIT) {
    const ref = stack.pop()!;
    const num = refNum(ref);
    if (num === null || nodes.has(num) || pages.has(num)) continue;
    const node = view.resolve(ref);
    const type = asName(dictGet(node, "Type"));
    const kids = view.resolve(dictGet(node, "Kids"));
    if (
      type === "Pages" ||
      (type === undefined && kids !== null && typeof kids === "object" && kids?.kind === "array")
    ) {
      nodes.add(num);
      if (kids !== null && typeof kids === "object" && kids?.kind === "array")
        for (let i = kids.items.length - 1; i >= 0; i--) stack.push(kids.items[i]!);
      continue;
    }
    const index = pages.size;
    pages.set(num, index);
    const a = refNum(dictGet(node, "Annots"));
    if (a !== null) annots.set(a, index);
    const c = dictGet(node, "Contents");
    const cn = refNum(c);
    if (cn !== null) contents.set(cn, index);
    const carr = view.resolve(c);
    if (carr !== null && typeof carr === "object" && carr?.kind === "array")
      for (const item of carr.items) {
        const n = refNum(item);
        if (n !== null) contents.set(n, index);
      }
  }
}

function walkFields(
  view: RevisionView,
  fieldsValue: PdfValue | undefined,
  out: Map<number, { name: string; ft: string | undefined }>,
): void {
  const arr = view.resolve(fieldsValue);
  if (arr === null || typeof arr !== "object" || arr?.kind !== "array") return;
  const stack: { ref: PdfValue; parent: string | null; ft: string | undefined }[] = arr.items.map((ref) => ({
    ref,
    parent: null,
    ft: undefined,
  }));
  let steps = 0;
  while (stack.length > 0 && steps++ < LIMIT) {
    const { ref, parent, ft: inherited } = stack.pop()!;
    const num = refNum(ref);
    if (num === null || out.has(num)) continue;
    const field = view.resolve(ref);
    const t = dictGet(field, "T");
    const partial =
      t !== null && typeof t === "object" && t?.kind === "string" ? decodeTextString(t.bytes) : null;
    const name =
      partial === null ? (parent ?? "") : parent === null || parent === "" ? partial : `${parent}.${partial}`;
    const ft = asName(dictGet(field, "FT")) ?? inherited;
    out.set(num, { name, ft });
    const kids = view.resolve(dictGet(field, "Kids"));
    if (kids !== null && typeof kids === "object" && kids?.kind === "array")
      for (const k of kids.items) stack.push({ ref: k, parent: name, ft });
  }
}

const cache = new WeakMap<RevisionView, Structure>();

/** Maps the pages, fields and special dictionaries of a revision to object numbers (cached per view). */
export function structureOf(view: RevisionView): Structure {
  let s = cache.get(view);
  if (s === undefined) {
    s = computeStructure(view);
    cache.set(view, s);
  }
  return s;
}

function computeStructure(view: RevisionView): Structure {
  const catalogRef = view.trailer.entries.get("Root");
  const catalog = view.resolve(catalogRef);
  const pages = new Map<number, number>();
  const nodes = new Set<number>();
  const annots = new Map<number, number>();
  const contents = new Map<number, number>();
  walkPages(view, dictGet(catalog, "Pages"), pages, nodes, annots, contents);
  const acroRef = dictGet(catalog, "AcroForm");
  const fields = new Map<number, { name: string; ft: string | undefined }>();
  walkFields(view, dictGet(view.resolve(acroRef), "Fields"), fields);
  return {
    catalog: refNum(catalogRef),
    acroForm: refNum(acroRef),
    fieldsArray: refNum(dictGet(view.resolve(acroRef), "Fields")),
    dss: refNum(dictGet(catalog, "DSS")),
    info: refNum(view.trailer.entries.get("Info")),
    metadata: refNum(dictGet(catalog, "Metadata")),
    pages,
    pageTreeNodes: nodes,
    annotsArrays: annots,
    contentStreams: contents,
    fields,
  };
}
