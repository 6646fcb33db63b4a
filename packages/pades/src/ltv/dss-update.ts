import { zlibSync } from "fflate";
import type { PdfDocument } from "../pdf/document";
import { decodeStream } from "../pdf/filters";
import type { IncrementalUpdate } from "../pdf/incremental-update";
import { PdfArray, PdfDict, PdfName, type PdfObject, PdfRef, PdfStream } from "../pdf/objects";
import { toHex } from "./bytes";
import { LtvError } from "./errors";
import type { ValidationData } from "./validation-data";

/** The DSS keys holding stream arrays (ISO 32000-2 §12.8.4.3 Table 261), the data each takes, and the VRI key. */
const KINDS = [
  ["Certs", "certs", "Cert"],
  ["OCSPs", "ocsps", "OCSP"],
  ["CRLs", "crls", "CRL"],
] as const;

/** Validation data of one signature for its `/VRI` entry, keyed by the uppercase hex SHA-1 of its `/Contents`. */
export interface VriEntry {
  readonly key: string;
  readonly data: ValidationData;
}

/** Compressed DER by its hex (the same CA, TSA and OCSP certificates go into every B-LT DSS). */
const compressed = new Map<string, Uint8Array>();

/** A Flate-compressed stream holding DER bytes (items up to 16 KB compressed once per distinct DER, last 256 kept). */
function derStream(der: Uint8Array, hex: string): PdfStream {
  let packed = compressed.get(hex);
  if (packed === undefined) {
    packed = zlibSync(der);
    if (der.length <= 16_384) {
      if (compressed.size >= 256) compressed.delete(compressed.keys().next().value as string);
      compressed.set(hex, packed);
    }
  }
  // A copy per stream: the writer may encrypt stream data of an encrypted document.
  return new PdfStream(new PdfDict([["Filter", new PdfName("FlateDecode")]]), packed.slice());
}

/** The DER already in one DSS array (hex key -> the array item), to avoid writing duplicates. */
function existingItems(doc: PdfDocument, array: PdfArray | undefined): Map<string, PdfObject> {
  const items = new Map<string, PdfObject>();
  for (const item of array?.items ?? []) {
    const stream = doc.resolve(item);
    if (!(stream instanceof PdfStream)) continue;
    try {
      items.set(toHex(decodeStream(stream)), item);
    } catch {
      // An unreadable existing entry is kept as is; the new data is simply not deduplicated against it.
    }
  }
  return items;
}

/** Builds `/VRI` (ISO 32000-2 §12.8.4.4 Table 262), keeping existing entries, from refs by DER hex. */
function vriDictionary(
  doc: PdfDocument,
  old: PdfDict | undefined,
  entries: readonly VriEntry[],
  refs: Map<string, PdfObject>,
) {
  const vri = doc.resolveDict(old?.get("VRI"))?.clone() ?? new PdfDict();
  for (const entry of entries) {
    const dict = new PdfDict();
    for (const [, field, vriKey] of KINDS) {
      const items = entry.data[field].map((der) => refs.get(toHex(der))).filter((r) => r !== undefined);
      if (items.length > 0) dict.set(vriKey, new PdfArray(items));
    }
    vri.set(entry.key, dict);
  }
  return vri;
}

/**
 * Adds `data` to the document security store inside `update` (ISO 32000-2 §12.8.4.3; ETSI EN
 * 319 142-1 §5.4.2): one stream per new item and a DSS dictionary extending the existing one's
 * arrays (same object number when it was indirect, else a new object plus a new catalog version
 * pointing at it). An existing `/VRI` is kept; entries are added only when `vri` is given.
 * Returns how many streams were added (0: no change).
 */
export function addDssToUpdate(
  update: IncrementalUpdate,
  data: ValidationData,
  vri?: readonly VriEntry[],
): number {
  const doc = update.doc;
  const rawDss = doc.catalog.get("DSS");
  const oldDss = doc.resolveDict(rawDss);
  const dss = oldDss?.clone() ?? new PdfDict([["Type", new PdfName("DSS")]]);
  const refs = new Map<string, PdfObject>();
  let added = 0;
  for (const [key, field] of KINDS) {
    const old = doc.resolveArray(oldDss?.get(key));
    const existing = existingItems(doc, old);
    for (const [hex, item] of existing) refs.set(hex, item);
    const items: PdfObject[] = [...(old?.items ?? [])];
    for (const der of data[field]) {
      const hex = toHex(der);
      if (existing.has(hex) || refs.has(hex)) continue;
      const ref = update.allocate();
      update.set(ref, derStream(der, hex));
      refs.set(hex, ref);
      items.push(ref);
      added++;
    }
    if (items.length > 0) dss.set(key, new PdfArray(items));
  }
  if (added === 0 && (vri === undefined || vri.length === 0)) return 0;
  if (vri !== undefined && vri.length > 0) dss.set("VRI", vriDictionary(doc, oldDss, vri, refs));
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
