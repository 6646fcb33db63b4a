import type { PdfDocument } from "../pdf/document";
import { PdfArray, PdfDict, PdfNumber, type PdfRef, PdfString } from "../pdf/objects";

/** A signature (or document time-stamp) found in a PDF's form fields (ISO 32000-2 §12.7.5.5, §12.8.1). */
export interface ExistingSignature {
  readonly fieldName: string;
  readonly fieldRef: PdfRef | undefined;
  /** The signature dictionary's reference, when indirect. */
  readonly valueRef: PdfRef | undefined;
  readonly value: PdfDict;
  readonly subFilter: string | undefined;
  /** True for `/Type /DocTimeStamp` (ETSI.RFC3161). */
  readonly isDocTimestamp: boolean;
  /** The `/Contents` bytes (CMS or TimeStampToken, possibly zero-padded). */
  readonly contents: Uint8Array;
  /** `/ByteRange` as four integers; `[1]..[2]` is the `/Contents` hex string with its delimiters. */
  readonly byteRange: readonly number[];
}

/** The signature dictionary under a field's /V, with its reference when indirect. */
function signatureValueOf(
  doc: PdfDocument,
  v: unknown,
): { dict: PdfDict; ref: PdfRef | undefined } | undefined {
  const dict = doc.resolveDict(v as PdfDict);
  if (dict === undefined) return undefined;
  return { dict, ref: v instanceof PdfDict ? undefined : (v as PdfRef) };
}

/** Lists the signed signature fields of a document, in the order of their byte ranges' ends. */
export function existingSignatures(doc: PdfDocument): ExistingSignature[] {
  const out: ExistingSignature[] = [];
  for (const field of doc.fields()) {
    if (field.type !== "Sig" || field.value === undefined) continue;
    const v = signatureValueOf(doc, field.value);
    const contents = v === undefined ? undefined : doc.resolve(v.dict.get("Contents"));
    const range = v === undefined ? undefined : doc.resolveArray(v.dict.get("ByteRange"));
    if (v === undefined || !(contents instanceof PdfString) || !(range instanceof PdfArray)) continue;
    const byteRange = range.items.map((n) => (n instanceof PdfNumber ? n.value : Number.NaN));
    if (byteRange.length !== 4 || byteRange.some((n) => !Number.isInteger(n))) continue;
    out.push({
      fieldName: field.fullName,
      fieldRef: field.ref,
      valueRef: v.ref,
      value: v.dict,
      subFilter: v.dict.getName("SubFilter"),
      isDocTimestamp: v.dict.getName("Type") === "DocTimeStamp",
      contents: contents.bytes,
      byteRange,
    });
  }
  return out.sort(
    (a, b) => (a.byteRange[2] ?? 0) + (a.byteRange[3] ?? 0) - ((b.byteRange[2] ?? 0) + (b.byteRange[3] ?? 0)),
  );
}
