import { resolveVisibleSignature } from "../appearance/visible-signature";
import type { IncrementalUpdate } from "../pdf/incremental-update";
import { createIncrementalUpdate } from "../pdf/incremental-update";
import { PdfArray, PdfDict, PdfName, PdfRef, PdfString } from "../pdf/objects";
import { openPdf } from "../pdf/open-pdf";
import {
  byteRangePlaceholder,
  digestByteRange,
  embedContents,
  locatePlaceholders,
  patchByteRange,
} from "../sign/byte-range";
import { measureContentsSize } from "../sign/contents-size";
import { createCms } from "../sign/create-cms";
import { pdfDate } from "../sign/pdf-date";
import type { SignPdfOptions } from "../sign/sign-pdf";
import { attachSignatureField } from "../sign/signature-field";
import {
  type DocMdpPermission,
  type FieldLock,
  assertSignatureAllowed,
  docMdpReference,
  fieldLockDictionary,
  fieldMdpReference,
} from "./docmdp";
import { LtvError } from "./errors";

/** Options of {@link signWithMdp}: a one-call signature that certifies and/or locks fields. */
export interface SignWithMdpOptions extends SignPdfOptions {
  /** Make this a certification signature with this DocMDP permission (first signature only). */
  readonly certify?: DocMdpPermission;
  /** Lock fields once signed (FieldMDP + the field's /Lock). */
  readonly lock?: FieldLock;
}

/** The signature dictionary with placeholders and the `/Reference` transforms (ISO 32000-2 §12.8.1 Table 255). */
function signatureDictionary(options: SignWithMdpOptions, capacity: number, when: Date): PdfDict {
  const subFilter = options.subFilter ?? "ETSI.CAdES.detached";
  const refs: PdfDict[] = [];
  if (options.certify !== undefined) refs.push(docMdpReference(options.certify));
  if (options.lock !== undefined) refs.push(fieldMdpReference(options.lock));
  const d = new PdfDict([
    ["Type", new PdfName("Sig")],
    ["Filter", new PdfName("Adobe.PPKLite")],
    ["SubFilter", new PdfName(subFilter)],
    ["ByteRange", new PdfArray(byteRangePlaceholder())],
    ["Contents", new PdfString(new Uint8Array(capacity), true)],
    ["M", PdfString.fromText(pdfDate(when))],
    ["Reference", new PdfArray(refs)],
  ]);
  const text: [string, string | undefined][] = [
    ["Name", options.name],
    ["Reason", options.reason],
    ["Location", options.location],
    ["ContactInfo", options.contactInfo],
  ];
  for (const [key, value] of text)
    if (value !== undefined && value !== "") d.set(key, PdfString.fromText(value));
  return d;
}

/** Adds catalog `/Perms /DocMDP` (§12.8.4.2), on top of any catalog change already in `up`. */
function addPerms(up: IncrementalUpdate, sigRef: PdfRef): void {
  const root = up.doc.trailer.get("Root");
  if (!(root instanceof PdfRef)) throw new LtvError("LTV_BAD_PDF", "trailer /Root is not a reference");
  const pending = up.objects.get(root.num);
  const catalog = pending instanceof PdfDict ? pending.clone() : up.doc.catalog.clone();
  const perms = up.doc.resolveDict(catalog.get("Perms"))?.clone() ?? new PdfDict();
  up.set(root, catalog.set("Perms", perms.set("DocMDP", sigRef)));
}

/** Puts `/Lock` on the field whose `/V` is the new signature (§12.7.5.5). */
function addLock(up: IncrementalUpdate, sigRef: PdfRef, lock: FieldLock): void {
  for (const [num, obj] of up.objects) {
    const v = obj instanceof PdfDict ? obj.get("V") : undefined;
    if (obj instanceof PdfDict && v instanceof PdfRef && v.equals(sigRef)) {
      up.set(new PdfRef(num, 0), obj.clone().set("Lock", fieldLockDictionary(lock)));
      return;
    }
  }
  throw new LtvError("LTV_BAD_PDF", "signature field not found in the update");
}

/**
 * Signs with a certification (DocMDP, ISO 32000-2 §12.8.2.2) and/or field-locking (FieldMDP,
 * §12.8.2.4) signature: the same incremental update `signPdf` writes, plus `/Reference`
 * transforms, catalog `/Perms` and the field `/Lock`. Refuses (typed) a certification that is
 * not the first signature and any signature on a P = 1 document.
 *
 * @example
 * const certified = await signWithMdp(pdf, { signer, certify: 2 });
 */
export async function signWithMdp(pdf: Uint8Array, options: SignWithMdpOptions): Promise<Uint8Array> {
  const crypto = options.crypto ?? globalThis.crypto;
  const digest = options.digest ?? "SHA-256";
  const subFilter = options.subFilter ?? "ETSI.CAdES.detached";
  const when = options.signingTime ?? new Date();
  const doc = await openPdf(pdf);
  if (doc.encrypted) throw new LtvError("LTV_BAD_PDF", "encrypted PDFs cannot be signed here");
  assertSignatureAllowed(doc, { certify: options.certify !== undefined });
  const capacity =
    options.contentsSize ??
    (await measureContentsSize(options.signer, {
      digest,
      signingTime: subFilter === "adbe.pkcs7.detached" ? when : undefined,
      reserve: options.contentsReserve,
      crypto,
    }));
  const up = createIncrementalUpdate(doc);
  const sigRef = up.allocate();
  up.set(sigRef, signatureDictionary(options, capacity, when));
  const placement = options.visible
    ? await resolveVisibleSignature(doc, up, options.visible, { name: options.name, signingTime: when })
    : undefined;
  attachSignatureField(doc, up, { signature: sigRef, fieldName: options.fieldName, placement });
  if (options.certify !== undefined) addPerms(up, sigRef);
  if (options.lock !== undefined) addLock(up, sigRef, options.lock);
  const written = up.writeSync();
  const out = new Uint8Array(pdf.length + written.bytes.length);
  out.set(pdf);
  out.set(written.bytes, pdf.length);
  const positions = locatePlaceholders(out, written.offsets.get(sigRef.num) ?? pdf.length, capacity);
  const range = [
    0,
    positions.contentsStart,
    positions.contentsEnd,
    out.length - positions.contentsEnd,
  ] as const;
  patchByteRange(out, positions.byteRangeAt, range);
  const documentDigest = await digestByteRange(out, positions, digest, crypto);
  let cms = await createCms(options.signer, { documentDigest, digest, subFilter, signingTime: when, crypto });
  if (options.augmentCms) cms = await options.augmentCms(cms);
  embedContents(out, positions, cms);
  return out;
}
