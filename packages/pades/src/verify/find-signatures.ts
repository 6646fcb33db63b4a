import type { RevisionView, ScannedPdf } from "./pdf-scan/document";
import { asName, decodeTextString, dictGet, type PdfDict, type PdfValue } from "./pdf-scan/objects";
import { indexOf } from "./pdf-scan/parser";

/** A signature dictionary found in the file, with the field that holds it (if any). */
export interface FoundSignature {
  readonly fieldName: string | null;
  readonly fieldObject: number | null;
  readonly sigObject: number | null;
  readonly dict: PdfDict;
  readonly type: "Sig" | "DocTimeStamp" | null;
  readonly lock: PdfValue | undefined;
}

const MAX_FIELDS = 100_000;

/** Walks the AcroForm field tree (ISO 32000-2 §12.7.4) and yields signature fields with a value. */
function signatureFields(view: RevisionView): FoundSignature[] {
  const out: FoundSignature[] = [];
  const acro = view.resolve(dictGet(view.catalog(), "AcroForm"));
  const fields = view.resolve(dictGet(acro, "Fields"));
  if (fields === null || typeof fields !== "object" || fields?.kind !== "array") return out;
  const seen = new Set<number>();
  let visited = 0;
  const walk = (ref: PdfValue, parentName: string | null, inheritedFt: string | undefined): void => {
    if (++visited > MAX_FIELDS) return;
    if (ref !== null && typeof ref === "object" && ref.kind === "ref") {
      if (seen.has(ref.num)) return;
      seen.add(ref.num);
    }
    const field = view.resolve(ref);
    if (field === null || typeof field !== "object" || field?.kind !== "dict") return;
    const t = dictGet(field, "T");
    const partial =
      t !== null && typeof t === "object" && t?.kind === "string" ? decodeTextString(t.bytes) : null;
    const name = partial === null ? parentName : parentName === null ? partial : `${parentName}.${partial}`;
    const ft = asName(dictGet(field, "FT")) ?? inheritedFt;
    const kids = view.resolve(dictGet(field, "Kids"));
    if (kids !== null && typeof kids === "object" && kids?.kind === "array") {
      for (const k of kids.items) walk(k, name, ft);
    }
    if (ft !== "Sig") return;
    const v = dictGet(field, "V");
    const sig = view.resolve(v);
    if (sig === null || typeof sig !== "object" || sig?.kind !== "dict") return;
    const type = asName(dictGet(sig, "Type"));
    out.push({
      fieldName: name,
      fieldObject: ref !== null && typeof ref === "object" && ref.kind === "ref" ? ref.num : null,
      sigObject: v !== null && typeof v === "object" && v?.kind === "ref" ? v.num : null,
      dict: sig,
      type: type === "Sig" || type === "DocTimeStamp" ? type : null,
      lock: view.resolve(dictGet(field, "Lock")),
    });
  };
  for (const f of fields.items) walk(f, null, undefined);
  return out;
}

/**
 * Signature dictionaries that no field points to ("orphans"): found by searching the bytes
 * for `/ByteRange` and parsing the object around each hit, so none can hide from the report.
 */
function orphanSignatures(pdf: ScannedPdf, view: RevisionView, known: ReadonlySet<number>): FoundSignature[] {
  const offsets: [number, number][] = [];
  for (const [num, e] of view.entries) if (e.type === "offset") offsets.push([e.offset, num]);
  offsets.sort((a, b) => a[0] - b[0]);
  const found = new Set<number>();
  const out: FoundSignature[] = [];
  for (let at = indexOf(pdf.bytes, "/ByteRange"); at >= 0; at = indexOf(pdf.bytes, "/ByteRange", at + 10)) {
    let lo = 0;
    let hi = offsets.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid]![0] <= at) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const num = offsets[best]?.[1];
    if (num === undefined || known.has(num) || found.has(num)) continue;
    found.add(num);
    let value: PdfValue;
    try {
      value = view.object(num);
    } catch {
      continue;
    }
    if (
      value === null ||
      typeof value !== "object" ||
      value.kind !== "dict" ||
      !value.entries.has("ByteRange")
    )
      continue;
    const type = asName(dictGet(value, "Type"));
    out.push({
      fieldName: null,
      fieldObject: null,
      sigObject: num,
      dict: value,
      type: type === "Sig" || type === "DocTimeStamp" ? type : null,
      lock: undefined,
    });
  }
  return out;
}

/** Every signature and document time-stamp dictionary of the document's last revision. */
export function findSignatures(pdf: ScannedPdf): { fields: FoundSignature[]; orphans: FoundSignature[] } {
  const view = pdf.view(pdf.revisions.length - 1);
  const fields = signatureFields(view);
  const known = new Set<number>();
  for (const f of fields) if (f.sigObject !== null) known.add(f.sigObject);
  return { fields, orphans: orphanSignatures(pdf, view, known) };
}
