import type { PdfDocument } from "../pdf/document";
import type { IncrementalUpdate } from "../pdf/incremental-update";
import { PdfArray, PdfDict, type PdfObject, PdfRef, PdfStream } from "../pdf/objects";

/**
 * Deep-copies an object graph from another document (e.g. a pdf-lib scratch file) into an
 * incremental update, giving every indirect object a fresh number; `/Length` is recomputed.
 */
export function importObject(
  src: PdfDocument,
  obj: PdfObject,
  up: IncrementalUpdate,
  map: Map<number, PdfRef> = new Map(),
): PdfObject {
  if (obj instanceof PdfRef) {
    const known = map.get(obj.num);
    if (known) return known;
    const ref = up.allocate();
    map.set(obj.num, ref);
    up.set(ref, importObject(src, src.getObject(obj), up, map));
    return ref;
  }
  if (obj instanceof PdfArray) return new PdfArray(obj.items.map((i) => importObject(src, i, up, map)));
  if (obj instanceof PdfDict) return copyDict(src, obj, up, map);
  if (obj instanceof PdfStream) {
    const dict = copyDict(src, obj.dict, up, map);
    dict.delete("Length");
    return new PdfStream(dict, obj.raw);
  }
  return obj;
}

function copyDict(src: PdfDocument, dict: PdfDict, up: IncrementalUpdate, map: Map<number, PdfRef>): PdfDict {
  const out = new PdfDict();
  for (const [k, v] of dict.entries()) out.set(k, importObject(src, v, up, map));
  return out;
}
