import type { RevisionView } from "./pdf-scan/document";
import { decodeStream } from "./pdf-scan/filters";
import { dictGet, type PdfValue } from "./pdf-scan/objects";

/** The contents of a Document Security Store (ETSI EN 319 142-1 §5.4.2). */
export interface DssData {
  readonly certs: readonly Uint8Array[];
  readonly ocsps: readonly Uint8Array[];
  readonly crls: readonly Uint8Array[];
}

function streams(view: RevisionView, arr: PdfValue | undefined): Uint8Array[] {
  const out: Uint8Array[] = [];
  const a = view.resolve(arr);
  if (a === null || typeof a !== "object" || a?.kind !== "array") return out;
  for (const item of a.items.slice(0, 10_000)) {
    const s = view.resolve(item);
    if (s === null || typeof s !== "object" || s?.kind !== "stream") continue;
    try {
      out.push(decodeStream(view.bytes, s));
    } catch {
      /* an unreadable stream proves nothing; skip it */
    }
  }
  return out;
}

/** Reads `/DSS` of a revision's catalog; empty when absent. */
export function readDss(view: RevisionView): DssData {
  const dss = view.resolve(dictGet(view.catalog(), "DSS"));
  return {
    certs: streams(view, dictGet(dss, "Certs")),
    ocsps: streams(view, dictGet(dss, "OCSPs")),
    crls: streams(view, dictGet(dss, "CRLs")),
  };
}
