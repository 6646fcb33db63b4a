import type { DigestAlgorithm, SignatureScheme } from "../cms/algorithms";
import type { SubFilter } from "./create-cms";
import type { Signer } from "./ports";

/** A signer known only by its certificate — for two-phase signing where the key signs later, elsewhere. */
export interface SignerIdentity {
  readonly kind: "identity";
  readonly certificate: Uint8Array;
  readonly chain?: readonly Uint8Array[];
  readonly scheme: SignatureScheme;
}

/** Where a visible signature goes and what it shows; resolved by `resolveVisibleSignature`. */
export interface VisibleSignatureOptions {
  /** Page and rectangle `[x, y, width, height]` in PDF points from the bottom-left, or a text anchor. */
  readonly placement: import("../appearance/placement").Placement;
  /** What the stamp draws (image, QR, text lines); default: the signer's name and the date. */
  readonly stamp?: import("../appearance/stamp").StampContent;
}

/** Options of `prepare` and `signPdf` (ISO 32000-2 §12.8.1 signature dictionary entries). */
export interface SignOptions {
  readonly signer: Signer | SignerIdentity;
  /** Default SHA-256. */
  readonly digest?: DigestAlgorithm;
  /** Default `ETSI.CAdES.detached` (PAdES); `adbe.pkcs7.detached` for old verifiers. */
  readonly subFilter?: SubFilter;
  readonly reason?: string;
  readonly location?: string;
  readonly contactInfo?: string;
  /** The signer's name (/Name). */
  readonly name?: string;
  /** The claimed signing time (/M); default now. */
  readonly signingTime?: Date;
  /** Sign this existing empty field, or create a field with this name. */
  readonly fieldName?: string;
  /** A visible signature; absent = invisible. */
  readonly visible?: VisibleSignatureOptions;
  /** Exact `/Contents` capacity in bytes (default: measured by a dry run). */
  readonly contentsSize?: number;
  /** Extra `/Contents` bytes on top of the measured size (e.g. ~8 KiB for a signature time-stamp). */
  readonly contentsReserve?: number;
  /** Password of an encrypted input; the update is encrypted with the file's own key. */
  readonly password?: string;
  /** Web Crypto implementation (default `globalThis.crypto`). */
  readonly crypto?: Crypto;
  /** An incremental hasher for the byte ranges (default: Web Crypto over the document in place). */
  readonly digester?: import("./byte-range").Digester;
  /**
   * Adds to the signing update before it is written: e.g. `/Reference` transforms, catalog
   * `/Perms` or a field `/Lock` for certification and field-locking signatures (ISO 32000-2 §12.8.2).
   */
  readonly amendUpdate?: (context: SigningUpdateContext) => void | Promise<void>;
}

/** What {@link SignOptions.amendUpdate} may change: the update, with the new signature's dictionary. */
export interface SigningUpdateContext {
  readonly doc: import("../pdf/document").PdfDocument;
  readonly update: import("../pdf/incremental-update").IncrementalUpdate;
  /** The signature dictionary's reference and the dictionary itself (already set in the update). */
  readonly signature: import("../pdf/objects").PdfRef;
  readonly dictionary: import("../pdf/objects").PdfDict;
}
