import type { PdfDocument } from "../pdf/document";
import { createIncrementalUpdate, type IncrementalUpdate } from "../pdf/incremental-update";
import { PdfArray, PdfDict, PdfName, PdfNumber, PdfRef, PdfString } from "../pdf/objects";
import { openPdf } from "../pdf/open-pdf";
import { byteRangeDigest, fillByteRange, fillContents, findSignatureHoles } from "./byte-range";
import { concatBytes } from "./bytes";
import { LtvError } from "./errors";
import type { HashAlgorithm, TimestampAuthority } from "./ports";

/** Options of {@link addDocumentTimestamp}. */
export interface DocumentTimestampOptions {
  readonly tsa: TimestampAuthority;
  /** Hash of the byte range (default SHA-256). */
  readonly hashAlg?: HashAlgorithm;
  readonly crypto?: Crypto;
  /** Name of the new signature field (default `DocTimeStamp<n>`). */
  readonly fieldName?: string;
  /** Bytes reserved for the token in `/Contents` (default 12 000; retried once larger if too small). */
  readonly reservedBytes?: number;
  /** User or owner password of an encrypted input; the update is encrypted the same way, `/Contents` in clear (§7.6.2). */
  readonly password?: string;
}

const PLACEHOLDER = 9_999_999_999;

/** A field name not yet used in the document. */
function freshFieldName(doc: PdfDocument, wanted: string | undefined): string {
  const names = new Set(doc.fields().map((f) => f.fullName));
  if (wanted !== undefined) return wanted;
  let n = 1;
  while (names.has(`DocTimeStamp${n}`)) n++;
  return `DocTimeStamp${n}`;
}

/** Adds `field` to /AcroForm /Fields (creating the form if needed) with /SigFlags 3 (§12.7.3). */
function registerField(update: IncrementalUpdate, field: PdfRef): void {
  const doc = update.doc;
  const rawAcro = doc.catalog.get("AcroForm");
  const acro = doc.resolveDict(rawAcro)?.clone() ?? new PdfDict();
  const rawFields = acro.get("Fields");
  const fields = doc.resolveArray(rawFields)?.items ?? [];
  if (rawFields instanceof PdfRef) update.set(rawFields, new PdfArray([...fields, field]));
  else acro.set("Fields", new PdfArray([...fields, field]));
  acro.set("SigFlags", new PdfNumber(3));
  if (rawAcro instanceof PdfRef) {
    update.set(rawAcro, acro);
    return;
  }
  const root = doc.trailer.get("Root");
  if (!(root instanceof PdfRef)) throw new LtvError("LTV_BAD_PDF", "trailer /Root is not a reference");
  update.set(root, doc.catalog.clone().set("AcroForm", acro));
}

/** Adds the invisible widget to the first page's /Annots (§12.5.2). */
function attachWidget(update: IncrementalUpdate, widget: PdfRef): PdfRef {
  const page = update.doc.page(0);
  if (page?.ref === undefined) throw new LtvError("LTV_BAD_PDF", "no indirect first page");
  const raw = page.dict.get("Annots");
  const items = update.doc.resolveArray(raw)?.items ?? [];
  if (raw instanceof PdfRef) update.set(raw, new PdfArray([...items, widget]));
  else update.set(page.ref, page.dict.clone().set("Annots", new PdfArray([...items, widget])));
  return page.ref;
}

/** Writes the field, widget and placeholder /DocTimeStamp dictionary; returns the file and the dictionary's offset. */
async function writePlaceholder(
  doc: PdfDocument,
  name: string,
  reserved: number,
): Promise<{ bytes: Uint8Array; offset: number }> {
  const update = createIncrementalUpdate(doc);
  const sigRef = update.allocate();
  const fieldRef = update.allocate();
  update.set(
    sigRef,
    new PdfDict([
      ["Type", new PdfName("DocTimeStamp")],
      ["Filter", new PdfName("Adobe.PPKLite")],
      ["SubFilter", new PdfName("ETSI.RFC3161")],
      ["ByteRange", new PdfArray([0, PLACEHOLDER, PLACEHOLDER, PLACEHOLDER].map((n) => new PdfNumber(n)))],
      ["Contents", new PdfString(new Uint8Array(reserved), true)],
    ]),
  );
  const pageRef = attachWidget(update, fieldRef);
  update.set(
    fieldRef,
    new PdfDict([
      ["FT", new PdfName("Sig")],
      ["T", PdfString.fromText(name)],
      ["V", sigRef],
      ["Type", new PdfName("Annot")],
      ["Subtype", new PdfName("Widget")],
      ["Rect", new PdfArray([0, 0, 0, 0].map((n) => new PdfNumber(n)))],
      ["F", new PdfNumber(132)],
      ["P", pageRef],
    ]),
  );
  registerField(update, fieldRef);
  const written = await update.write();
  const offset = written.offsets.get(sigRef.num);
  if (offset === undefined) throw new LtvError("LTV_BAD_PDF", "signature dictionary not written");
  return { bytes: concatBytes([doc.bytes, written.bytes]), offset };
}

/**
 * Appends a document time-stamp (ISO 32000-2 §12.8.5; ETSI EN 319 142-1 §5.5, PAdES B-LTA): an
 * incremental update with a `/DocTimeStamp` signature whose `/Contents` is an RFC 3161 token
 * over the byte-range digest. Earlier bytes are never changed.
 *
 * @example
 * const lta = await addDocumentTimestamp(ltPdf, { tsa: httpTimestampAuthority({ endpoints: [url] }) });
 */
export async function addDocumentTimestamp(
  pdf: Uint8Array,
  options: DocumentTimestampOptions,
): Promise<Uint8Array> {
  const doc = await openPdf(pdf, {
    ...(options.password === undefined ? {} : { password: options.password }),
    ...(options.crypto === undefined ? {} : { crypto: options.crypto }),
  });
  const name = freshFieldName(doc, options.fieldName);
  const hashAlg = options.hashAlg ?? "SHA-256";
  const crypto = options.crypto ?? globalThis.crypto;
  let reserved = options.reservedBytes ?? 12_000;
  for (let attempt = 0; ; attempt++) {
    const { bytes, offset } = await writePlaceholder(doc, name, reserved);
    const holes = findSignatureHoles(bytes, offset);
    const range = fillByteRange(bytes, holes);
    const token = await options.tsa.timestamp(await byteRangeDigest(bytes, range, hashAlg, crypto), hashAlg);
    if (token.length <= reserved || attempt > 0) {
      fillContents(bytes, holes, token);
      return bytes;
    }
    reserved = token.length + 2048;
  }
}
