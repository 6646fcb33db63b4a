import type { PdfDocument } from "../pdf/document";
import type { IncrementalUpdate } from "../pdf/incremental-update";
import { PdfArray, PdfDict, PdfName, PdfNumber, type PdfObject, PdfRef, PdfString } from "../pdf/objects";
import type { PdfPage } from "../pdf/page-tree";
import { PadesSignError } from "./errors";

/** A widget placement in default user space: page index and `[x1, y1, x2, y2]` (ISO 32000-2 §12.5.2 /Rect). */
export interface WidgetPlacement {
  readonly pageIndex: number;
  readonly rect: readonly [number, number, number, number];
  /** The normal appearance stream's reference (§12.5.5), for visible signatures. */
  readonly appearance?: PdfRef;
  /** The page's /Rotate the appearance is turned by; written as the widget's /MK /R (§12.5.6.19). */
  readonly rotate?: number;
}

/** What `attachSignatureField` needs. */
export interface AttachFieldOptions {
  readonly signature: PdfRef;
  readonly fieldName?: string;
  /** Where the widget goes; absent = invisible (zero rectangle on the first page). */
  readonly placement?: WidgetPlacement;
}

const num = (n: number) => new PdfNumber(n);

/** A field name not used yet: `Signature1`, `Signature2`, ... */
function freshName(doc: PdfDocument): string {
  const used = new Set(doc.fields().map((f) => f.fullName));
  for (let i = 1; ; i++) if (!used.has(`Signature${i}`)) return `Signature${i}`;
}

/** Adds `item` to an array held in `owner[key]`, rewriting whichever object holds the array. */
function appendToArray(
  doc: PdfDocument,
  up: IncrementalUpdate,
  owner: { ref: PdfRef; dict: PdfDict },
  key: string,
  item: PdfObject,
): void {
  const current = owner.dict.get(key);
  if (current instanceof PdfRef) {
    const arr = doc.resolveArray(current);
    up.set(current, new PdfArray([...(arr?.items ?? []), item]));
    return;
  }
  const items = current instanceof PdfArray ? current.items : [];
  up.set(owner.ref, owner.dict.clone().set(key, new PdfArray([...items, item])));
}

/** Registers the field in /AcroForm /Fields with /SigFlags 3 (§12.7.3), creating the AcroForm if absent. */
function registerField(doc: PdfDocument, up: IncrementalUpdate, field: PdfRef): void {
  const rootRef = doc.trailer.get("Root");
  if (!(rootRef instanceof PdfRef))
    throw new PadesSignError("PADES_SIGN_INVALID_OPTIONS", "trailer /Root is not a reference");
  const catalog = doc.catalog;
  const acroObj = catalog.get("AcroForm");
  if (acroObj === undefined || doc.resolveDict(acroObj) === undefined) {
    const acroRef = up.allocate();
    up.set(
      acroRef,
      new PdfDict([
        ["Fields", new PdfArray([field])],
        ["SigFlags", num(3)],
      ]),
    );
    up.set(rootRef, catalog.clone().set("AcroForm", acroRef));
    return;
  }
  const acro = doc.resolveDict(acroObj) as PdfDict;
  const fieldsObj = acro.get("Fields");
  const newAcro = acro.clone().set("SigFlags", num(3));
  if (fieldsObj instanceof PdfRef) {
    const arr = doc.resolveArray(fieldsObj);
    up.set(fieldsObj, new PdfArray([...(arr?.items ?? []), field]));
  } else {
    newAcro.set("Fields", new PdfArray([...(fieldsObj instanceof PdfArray ? fieldsObj.items : []), field]));
  }
  if (acroObj instanceof PdfRef) up.set(acroObj, newAcro);
  else up.set(rootRef, catalog.clone().set("AcroForm", newAcro));
}

function pageAt(doc: PdfDocument, index: number): PdfPage & { ref: PdfRef } {
  const page = doc.page(index);
  if (!page) throw new PadesSignError("PADES_SIGN_PAGE_NOT_FOUND", String(index + 1));
  if (!page.ref) throw new PadesSignError("PADES_SIGN_INVALID_OPTIONS", "page is not an indirect object");
  return page as PdfPage & { ref: PdfRef };
}

function widgetEntries(page: PdfRef, placement: WidgetPlacement | undefined): [string, PdfObject][] {
  const rect = placement?.rect ?? [0, 0, 0, 0];
  const entries: [string, PdfObject][] = [
    ["Type", new PdfName("Annot")],
    ["Subtype", new PdfName("Widget")],
    ["F", num(132)], // Print + Locked (§12.5.3)
    ["Rect", new PdfArray(rect.map(num))],
    ["P", page],
  ];
  if (placement?.appearance) entries.push(["AP", new PdfDict([["N", placement.appearance]])]);
  if (placement?.rotate) entries.push(["MK", new PdfDict([["R", num(placement.rotate)]])]);
  return entries;
}

/**
 * Points a signature field at the signature dictionary (ISO 32000-2 §12.7.5.5): fills an
 * existing empty field of that name, or creates a field merged with its widget, adds the widget
 * to the page's /Annots (direct or indirect array) and the field to /AcroForm /Fields.
 * Returns the field's full name.
 */
export function attachSignatureField(
  doc: PdfDocument,
  up: IncrementalUpdate,
  options: AttachFieldOptions,
): string {
  const existing = options.fieldName ? doc.fields().find((f) => f.fullName === options.fieldName) : undefined;
  if (existing) return fillExistingField(doc, up, existing, options);
  const page = pageAt(doc, options.placement?.pageIndex ?? 0);
  const name = options.fieldName ?? freshName(doc);
  const fieldRef = up.allocate();
  up.set(
    fieldRef,
    new PdfDict([
      ["FT", new PdfName("Sig")],
      ["T", PdfString.fromText(name)],
      ["V", options.signature],
      ...widgetEntries(page.ref, options.placement),
    ]),
  );
  appendToArray(doc, up, { ref: page.ref, dict: page.dict }, "Annots", fieldRef);
  registerField(doc, up, fieldRef);
  return name;
}

function fillExistingField(
  doc: PdfDocument,
  up: IncrementalUpdate,
  field: ReturnType<PdfDocument["fields"]>[number],
  options: AttachFieldOptions,
): string {
  if (field.type !== "Sig")
    throw new PadesSignError("PADES_SIGN_FIELD_NOT_FOUND", `${field.fullName} is not a signature field`);
  if (field.value !== undefined && field.value !== null)
    throw new PadesSignError("PADES_SIGN_FIELD_ALREADY_SIGNED", field.fullName);
  if (!field.ref) throw new PadesSignError("PADES_SIGN_INVALID_OPTIONS", "field is not an indirect object");
  const dict = field.dict.clone().set("V", options.signature);
  const widget = field.widgets[0];
  const appearance = options.placement?.appearance;
  if (widget && appearance) {
    if (widget.ref === undefined || widget.ref.equals(field.ref)) {
      dict.set("AP", new PdfDict([["N", appearance]]));
    } else {
      up.set(widget.ref, widget.dict.clone().set("AP", new PdfDict([["N", appearance]])));
    }
  }
  up.set(field.ref, dict);
  const acro = doc.resolveDict(doc.catalog.get("AcroForm"));
  if (acro && acro.getNumber("SigFlags") !== 3) {
    const acroObj = doc.catalog.get("AcroForm");
    const rootRef = doc.trailer.get("Root") as PdfRef;
    if (acroObj instanceof PdfRef) up.set(acroObj, acro.clone().set("SigFlags", num(3)));
    else up.set(rootRef, doc.catalog.clone().set("AcroForm", acro.clone().set("SigFlags", num(3))));
  }
  return field.fullName;
}
