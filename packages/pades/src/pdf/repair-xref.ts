import { PdfError } from "./errors";
import type { PdfLimits } from "./limits";
import { ObjectStore } from "./object-store";
import { PdfDict, PdfRef, PdfStream } from "./objects";
import { parseObject } from "./parser";
import { scanObjectHeaders, scanTrailers } from "./repair";
import type { XrefEntry, XrefSection } from "./xref";
import type { XrefKind } from "./document";

/** Rebuilds cross-reference entries by scanning for object headers and trailers (bounded, one pass). */
export function repairXref(
  bytes: Uint8Array,
  limits: PdfLimits,
): {
  entries: Map<number, XrefEntry>;
  trailer: PdfDict;
  sections: readonly XrefSection[];
  kind: XrefKind;
  startxref: number;
  repaired: boolean;
} {
  const scanned = scanObjectHeaders(bytes, limits.maxObjects);
  const entries = new Map<number, XrefEntry>();
  for (const s of scanned.values())
    entries.set(s.num, { type: "offset", num: s.num, gen: s.gen, offset: s.offset });
  const store = new ObjectStore(bytes, entries, limits);
  addObjectStreamMembers(store, entries);
  const trailer = findTrailer(bytes, store) ?? catalogTrailer(store);
  if (!trailer) throw new PdfError("PDF_XREF_BROKEN", "no trailer or catalog found");
  const kind: XrefKind = scanTrailers(bytes).length > 0 ? "table" : "stream";
  return { entries, trailer, sections: [], kind, startxref: -1, repaired: true };
}

/** Adds the members of every readable object stream that no direct object overrides (§7.5.7). */
function addObjectStreamMembers(store: ObjectStore, entries: Map<number, XrefEntry>): void {
  for (const num of [...entries.keys()]) {
    const v = safeGet(store, num);
    if (!(v instanceof PdfStream) || v.dict.getName("Type") !== "ObjStm") continue;
    let members: readonly number[];
    try {
      members = store.objectStreamMembers(num);
    } catch {
      continue;
    }
    members.forEach((m, index) => {
      if (!entries.has(m)) entries.set(m, { type: "compressed", num: m, gen: 0, stream: num, index });
    });
  }
}

function findTrailer(bytes: Uint8Array, store: ObjectStore): PdfDict | undefined {
  const offsets = scanTrailers(bytes).reverse();
  for (const off of offsets) {
    try {
      const t = parseObject(bytes, off + 7).value;
      if (t instanceof PdfDict && t.get("Root") instanceof PdfRef && isDict(store, t.get("Root") as PdfRef))
        return t;
    } catch {
      // A damaged trailer: try the previous one.
    }
  }
  for (const num of [...store.entries.keys()].reverse()) {
    const v = safeGet(store, num);
    if (v instanceof PdfStream && v.dict.getName("Type") === "XRef" && v.dict.get("Root") instanceof PdfRef) {
      if (isDict(store, v.dict.get("Root") as PdfRef)) return v.dict;
    }
  }
  return undefined;
}

function catalogTrailer(store: ObjectStore): PdfDict | undefined {
  for (const [num, e] of store.entries) {
    const v = safeGet(store, num);
    if (v instanceof PdfDict && v.getName("Type") === "Catalog") {
      return new PdfDict([["Root", new PdfRef(num, e.gen)]]);
    }
  }
  return undefined;
}

function isDict(store: ObjectStore, ref: PdfRef): boolean {
  return safeGet(store, ref.num) instanceof PdfDict;
}

function safeGet(store: ObjectStore, num: number): ReturnType<ObjectStore["get"]> {
  try {
    return store.get(num);
  } catch {
    return null;
  }
}
