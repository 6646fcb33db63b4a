import { PdfArray, PdfNumber, PdfRef, openPdf } from "@teken/pades";
import type { WidgetLocation } from "./worker-protocol";

/** Annotation flags that keep a widget off the screen (ISO 32000-2 §12.5.3: Hidden, NoView). */
const HIDDEN = 2;
const NO_VIEW = 32;

/**
 * The visible widgets of the signed signature fields of a PDF (the latest revision, as a viewer
 * shows it): field name, 0-based page and `/Rect`. A widget is placed on the page whose
 * `/Annots` lists it (that is what viewers draw), else on its `/P` page; widgets with an empty
 * rectangle (invisible signatures), hidden flags or no page are left out.
 */
export async function locateSignatureWidgets(pdf: Uint8Array): Promise<WidgetLocation[]> {
  const doc = await openPdf(pdf);
  const pages = doc.pages();
  const pageOfAnnot = new Map<number, number>();
  for (const page of pages)
    for (const a of doc.annotations(page.dict)) if (a.ref) pageOfAnnot.set(a.ref.num, page.index);
  const pageOfRef = new Map<number, number>();
  for (const page of pages) if (page.ref) pageOfRef.set(page.ref.num, page.index);

  const out: WidgetLocation[] = [];
  for (const field of doc.fields()) {
    if (field.type !== "Sig" || field.value === undefined || !field.terminal) continue;
    if (doc.resolve(field.value) === undefined) continue;
    for (const w of field.widgets) {
      const flags = numberOf(doc.resolve(w.dict.get("F"))) ?? 0;
      if (flags & (HIDDEN | NO_VIEW)) continue;
      const rect = rectOf(doc.resolveArray(w.dict.get("Rect")));
      if (rect === null || rect[2] - rect[0] <= 0 || rect[3] - rect[1] <= 0) continue;
      const p = w.dict.get("P");
      const page =
        (w.ref && pageOfAnnot.get(w.ref.num)) ?? (p instanceof PdfRef ? pageOfRef.get(p.num) : undefined);
      if (page === undefined) continue;
      out.push({ fieldName: field.fullName, page, rect });
    }
  }
  return out;
}

function numberOf(v: unknown): number | undefined {
  return v instanceof PdfNumber ? v.value : undefined;
}

function rectOf(a: PdfArray | undefined): [number, number, number, number] | null {
  if (!(a instanceof PdfArray) || a.length !== 4) return null;
  const n = a.items.map(numberOf);
  if (n.some((x) => x === undefined || !Number.isFinite(x))) return null;
  const [x1, y1, x2, y2] = n as number[];
  return [Math.min(x1!, x2!), Math.min(y1!, y2!), Math.max(x1!, x2!), Math.max(y1!, y2!)];
}
