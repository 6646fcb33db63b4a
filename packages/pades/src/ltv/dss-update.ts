import { zlibSync } from "fflate";
import type { PdfDocument } from "../pdf/document";
import { decodeStream } from "../pdf/filters";
import type { IncrementalUpdate } from "../pdf/incremental-update";
import { PdfArray, PdfDict, PdfName, type PdfObject, PdfRef, PdfStream } from "../pdf/objects";
import { toHex } from "./bytes";
import { LtvError } from "./errors";
import type { ValidationData } from "./validation-data";

/** The DSS keys holding stream arrays (ISO 32000-2 §12.8.4.3 Table 261) and the data each takes. */
const KINDS = [
  ["Certs", "certs"],
  ["OCSPs", "ocsps"],
  ["CRLs", "crls"],
] as const;

/** A Flate-compressed stream holding DER bytes. */
function derStream(der: Uint8Array): PdfStream {
  return new PdfStream(new PdfDict([["Filter", new PdfName("FlateDecode")]]), zlibSync(der));
}

/** Hex keys of the DER already in one DSS array, to avoid writing duplicates. */
function existingKeys(doc: PdfDocument, array: PdfArray | undefined): Set<string> {
  const keys = new Set<string>();
  for (const item of array?.items ?? []) {
    const stream = doc.resolve(item);
    if (!(stream instanceof PdfStream)) continue;
    try {
      keys.add(toHex(decodeStream(stream)));
    } catch {
      // An unreadable existing entry is kept as is; the new data is simply not deduplicated against it.
    }
  }
  return keys;
}

/**
 * Adds `data` to the document security store inside `update` (ISO 32000-2 §12.8.4.3; ETSI EN
 * 319 142-1 §5.4.2): one stream per new item and a DSS dictionary extending the existing one's
 * arrays (same object number when it was indirect, else a new object plus a new catalog version
 * pointing at it). `/VRI` is kept, never added. Returns how many streams were added (0: no change).
 */
export function addDssToUpdate(update: IncrementalUpdate, data: ValidationData): number {
  const doc = update.doc;
  const rawDss = doc.catalog.get("DSS");
  const oldDss = doc.resolveDict(rawDss);
  const dss = oldDss?.clone() ?? new PdfDict([["Type", new PdfName("DSS")]]);
  let added = 0;
  for (const [key, field] of KINDS) {
    const old = doc.resolveArray(oldDss?.get(key));
    const seen = existingKeys(doc, old);
    const items: PdfObject[] = [...(old?.items ?? [])];
    for (const der of data[field]) {
      const hex = toHex(der);
      if (seen.has(hex)) continue;
      seen.add(hex);
      const ref = update.allocate();
      update.set(ref, derStream(der));
      items.push(ref);
      added++;
    }
    if (items.length > 0) dss.set(key, new PdfArray(items));
  }
  if (added === 0) return 0;
  if (rawDss instanceof PdfRef) {
    update.set(rawDss, dss);
    return added;
  }
  const dssRef = update.allocate();
  update.set(dssRef, dss);
  const catalogRef = doc.trailer.get("Root");
  if (!(catalogRef instanceof PdfRef)) throw new LtvError("LTV_BAD_PDF", "trailer /Root is not a reference");
  update.set(catalogRef, doc.catalog.clone().set("DSS", dssRef));
  return added;
}
