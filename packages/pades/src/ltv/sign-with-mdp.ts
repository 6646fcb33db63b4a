import type { IncrementalUpdate } from "../pdf/incremental-update";
import { PdfArray, PdfDict, PdfRef } from "../pdf/objects";
import { openPdf } from "../pdf/open-pdf";
import type { SigningUpdateContext } from "../sign/options";
import { type SignPdfOptions, signPdf } from "../sign/sign-pdf";
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

/** The `amendUpdate` step: `/Reference` transforms on the signature (§12.8.1 Table 255), `/Perms`, `/Lock`. */
function mdpAmendment(options: SignWithMdpOptions) {
  return async (context: SigningUpdateContext): Promise<void> => {
    const { update, signature, dictionary } = context;
    const refs: PdfDict[] = [];
    if (options.certify !== undefined) refs.push(docMdpReference(options.certify));
    if (options.lock !== undefined) refs.push(fieldMdpReference(options.lock));
    update.set(signature, dictionary.clone().set("Reference", new PdfArray(refs)));
    if (options.certify !== undefined) addPerms(update, signature);
    if (options.lock !== undefined) addLock(update, signature, options.lock);
    await options.amendUpdate?.(context);
  };
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
  const doc = await openPdf(pdf, { password: options.password, crypto: options.crypto });
  assertSignatureAllowed(doc, { certify: options.certify !== undefined });
  return signPdf(pdf, { ...options, amendUpdate: mdpAmendment(options) });
}
