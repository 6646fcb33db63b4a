import type { PdfDocument } from "./document";
import { PdfError } from "./errors";
import { type PdfDict, PdfName, type PdfObject, PdfRef, PdfString } from "./objects";

/** A terminal or non-terminal AcroForm field (ISO 32000-2 §12.7.4). */
export interface FormField {
  /** The fully qualified name: partial names joined with "." (§12.7.4.2). */
  readonly fullName: string;
  /** The field's reference (undefined if written directly in a /Kids array). */
  readonly ref: PdfRef | undefined;
  readonly dict: PdfDict;
  /** The field type /FT (inherited): "Btn", "Tx", "Ch" or "Sig". */
  readonly type: string | undefined;
  /** The value /V (inherited), unresolved. */
  readonly value: PdfObject | undefined;
  /** The parent field's reference. */
  readonly parent: PdfRef | undefined;
  /** True for a field with no child fields (its kids, if any, are widgets only). */
  readonly terminal: boolean;
  /** The widget annotations of a terminal field (the field itself when merged with its widget). */
  readonly widgets: readonly { readonly ref: PdfRef | undefined; readonly dict: PdfDict }[];
}

/** Collects the field tree from /AcroForm /Fields, depth-first; cycles and repeats are skipped. */
export function collectFields(doc: PdfDocument): FormField[] {
  const acro = doc.resolveDict(doc.catalog.get("AcroForm"));
  const roots = doc.resolveArray(acro?.get("Fields"));
  const out: FormField[] = [];
  const seen = new Set<number>();
  for (const f of roots?.items ?? []) visit(doc, f, undefined, "", undefined, undefined, 0, seen, out);
  return out;
}

function visit(
  doc: PdfDocument,
  item: PdfObject,
  parent: PdfRef | undefined,
  prefix: string,
  ft: string | undefined,
  v: PdfObject | undefined,
  depth: number,
  seen: Set<number>,
  out: FormField[],
): void {
  if (depth > doc.limits.maxDepth) return;
  if (out.length >= doc.limits.maxObjects) throw new PdfError("PDF_LIMIT", "too many fields");
  const ref = item instanceof PdfRef ? item : undefined;
  if (ref) {
    if (seen.has(ref.num)) return;
    seen.add(ref.num);
  }
  const dict = doc.resolveDict(item);
  if (!dict) return;
  const t = doc.resolve(dict.get("T"));
  const partial = t instanceof PdfString ? t.text() : undefined;
  const fullName = partial === undefined ? prefix : prefix ? `${prefix}.${partial}` : partial;
  const ftHere = doc.resolve(dict.get("FT"));
  const type = ftHere instanceof PdfName ? ftHere.value : ft;
  const value = dict.get("V") ?? v;
  const kids = doc.resolveArray(dict.get("Kids"))?.items ?? [];
  const childFields = kids.filter((k) => isField(doc, k));
  const widgets = kids
    .filter((k) => !isField(doc, k))
    .map((k) => ({ ref: k instanceof PdfRef ? k : undefined, dict: doc.resolveDict(k) }))
    .filter((w): w is { ref: PdfRef | undefined; dict: PdfDict } => w.dict !== undefined);
  if (kids.length === 0 && dict.getName("Subtype") === "Widget") widgets.push({ ref, dict });
  out.push({ fullName, ref, dict, type, value, parent, terminal: childFields.length === 0, widgets });
  for (const k of childFields) visit(doc, k, ref, fullName, type, value, depth + 1, seen, out);
}

/** A kid is a field when it has a /T (partial name) or is not a widget (§12.7.4.1). */
function isField(doc: PdfDocument, kid: PdfObject): boolean {
  const d = doc.resolveDict(kid);
  if (!d) return false;
  return d.has("T") || (d.getName("Subtype") !== "Widget" && (d.has("Kids") || d.has("FT")));
}
