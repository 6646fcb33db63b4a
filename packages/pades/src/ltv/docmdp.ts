import type { PdfDocument } from "../pdf/document";
import { PdfArray, PdfDict, PdfName, PdfNumber, type PdfObject, PdfString } from "../pdf/objects";
import { LtvError } from "./errors";
import { existingSignatures } from "./existing-signatures";

/** DocMDP permission levels (ISO 32000-2 §12.8.2.2.2 Table 257): 1 no changes, 2 forms + signing, 3 = 2 + annotations. */
export type DocMdpPermission = 1 | 2 | 3;

/** A FieldMDP lock (ISO 32000-2 §12.7.5.5 Table 236 /Lock, §12.8.2.4 FieldMDP): which fields the signature locks. */
export interface FieldLock {
  readonly action: "All" | "Include" | "Exclude";
  /** Fully qualified field names (required for Include and Exclude). */
  readonly fields?: readonly string[];
}

/** The `/Reference` signature reference dictionary for a certification signature (§12.8.1 Table 255). */
export function docMdpReference(permission: DocMdpPermission): PdfDict {
  return new PdfDict([
    ["Type", new PdfName("SigRef")],
    ["TransformMethod", new PdfName("DocMDP")],
    [
      "TransformParams",
      new PdfDict([
        ["Type", new PdfName("TransformParams")],
        ["P", new PdfNumber(permission)],
        ["V", new PdfName("1.2")],
      ]),
    ],
  ]);
}

/** Action + Fields entries shared by the FieldMDP transform parameters and the field's /Lock. */
function lockEntries(lock: FieldLock): [string, PdfObject][] {
  const entries: [string, PdfObject][] = [["Action", new PdfName(lock.action)]];
  if (lock.action !== "All") {
    if (lock.fields === undefined || lock.fields.length === 0) {
      throw new LtvError("LTV_BAD_LEVEL", `FieldMDP ${lock.action} needs field names`);
    }
    entries.push(["Fields", new PdfArray(lock.fields.map((f) => PdfString.fromText(f)))]);
  }
  return entries;
}

/** The `/Reference` entry of an approval signature that locks fields (§12.8.2.4 FieldMDP). */
export function fieldMdpReference(lock: FieldLock): PdfDict {
  return new PdfDict([
    ["Type", new PdfName("SigRef")],
    ["TransformMethod", new PdfName("FieldMDP")],
    [
      "TransformParams",
      new PdfDict([
        ["Type", new PdfName("TransformParams")],
        ...lockEntries(lock),
        ["V", new PdfName("1.2")],
      ]),
    ],
  ]);
}

/** The signature field lock dictionary (§12.7.5.5 Table 236, `/Type /SigFieldLock`). */
export function fieldLockDictionary(lock: FieldLock): PdfDict {
  return new PdfDict([["Type", new PdfName("SigFieldLock")], ...lockEntries(lock)]);
}

/**
 * The document's DocMDP permission (ISO 32000-2 §12.8.2.2): from catalog `/Perms /DocMDP`'s
 * signature `/Reference` with `/TransformMethod /DocMDP`; `/P` defaults to 2. Undefined when
 * the document is not certified.
 */
export function docMdpPermission(doc: PdfDocument): DocMdpPermission | undefined {
  const perms = doc.resolveDict(doc.catalog.get("Perms"));
  const sig = doc.resolveDict(perms?.get("DocMDP"));
  if (sig === undefined) return undefined;
  for (const item of doc.resolveArray(sig.get("Reference"))?.items ?? []) {
    const ref = doc.resolveDict(item);
    if (ref?.getName("TransformMethod") !== "DocMDP") continue;
    const p = doc.resolveDict(ref.get("TransformParams"))?.getNumber("P") ?? 2;
    return p === 1 || p === 3 ? p : 2;
  }
  return 2;
}

/**
 * Refuses what the document's state forbids before a signature is added (typed errors):
 * a certification signature when any signature exists (LTV_CERTIFY_NOT_FIRST, §12.8.2.2:
 * only the first), and any new approval signature on a document certified with P = 1
 * (LTV_DOCMDP_FORBIDS). DSS updates and document time-stamps stay allowed (ETSI EN 319 142-1 §5.4).
 */
export function assertSignatureAllowed(doc: PdfDocument, options: { readonly certify?: boolean } = {}): void {
  const signatures = existingSignatures(doc);
  if (options.certify === true && signatures.length > 0) throw new LtvError("LTV_CERTIFY_NOT_FIRST");
  if (docMdpPermission(doc) === 1) throw new LtvError("LTV_DOCMDP_FORBIDS", "P = 1: no changes allowed");
}
