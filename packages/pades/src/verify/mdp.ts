import type { FieldLock } from "./analyse-changes";
import type { RevisionView } from "./pdf-scan/document";
import { asName, asNumber, decodeTextString, dictGet, type PdfValue } from "./pdf-scan/objects";

/** The DocMDP permission level of a certification signature (ISO 32000-2 §12.8.2.2), or null. */
export function docMdpLevel(
  view: RevisionView,
  sigDict: PdfValue,
  sigObject: number | null,
): 1 | 2 | 3 | null {
  const refs = view.resolve(dictGet(sigDict, "Reference"));
  if (refs !== null && typeof refs === "object" && refs?.kind === "array") {
    for (const r of refs.items) {
      const ref = view.resolve(r);
      if (asName(dictGet(ref, "TransformMethod")) === "DocMDP")
        return clamp(asNumber(dictGet(view.resolve(dictGet(ref, "TransformParams")), "P")));
    }
  }
  const perms = view.resolve(dictGet(view.catalog(), "Perms"));
  const docMdp = dictGet(perms, "DocMDP");
  if (
    sigObject !== null &&
    docMdp !== null &&
    typeof docMdp === "object" &&
    docMdp?.kind === "ref" &&
    docMdp.num === sigObject
  )
    return 2;
  return null;
}

function clamp(p: number | undefined): 1 | 2 | 3 {
  return p === 1 ? 1 : p === 3 ? 3 : 2;
}

function lockFrom(view: RevisionView, params: PdfValue | undefined): FieldLock | null {
  const p = view.resolve(params);
  const action = asName(dictGet(p, "Action"));
  if (action === undefined) return null;
  const arr = view.resolve(dictGet(p, "Fields"));
  const names = new Set<string>();
  if (arr !== null && typeof arr === "object" && arr?.kind === "array") {
    for (const f of arr.items) {
      const s = view.resolve(f);
      if (s !== null && typeof s === "object" && s?.kind === "string") names.add(decodeTextString(s.bytes));
    }
  }
  if (action === "All") return () => true;
  if (action === "Include") return (n) => names.has(n);
  if (action === "Exclude") return (n) => !names.has(n);
  return null;
}

/** The fields a signature locks: its FieldMDP transform and its field's /Lock (ISO 32000-2 §12.8.2.4, §12.7.5.5). */
export function fieldLock(view: RevisionView, sigDict: PdfValue, lockDict: PdfValue | undefined): FieldLock {
  const locks: FieldLock[] = [];
  const refs = view.resolve(dictGet(sigDict, "Reference"));
  if (refs !== null && typeof refs === "object" && refs?.kind === "array") {
    for (const r of refs.items) {
      const ref = view.resolve(r);
      if (asName(dictGet(ref, "TransformMethod")) === "FieldMDP") {
        const l = lockFrom(view, dictGet(ref, "TransformParams"));
        if (l !== null) locks.push(l);
      }
    }
  }
  if (lockDict !== undefined) {
    const l = lockFrom(view, lockDict);
    if (l !== null) locks.push(l);
  }
  return (name) => locks.some((l) => l(name));
}
