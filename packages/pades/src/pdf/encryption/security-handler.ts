import { PdfError } from "../errors";
import type { PdfDict, PdfObject } from "../objects";

/** The state of an opened standard security handler (ISO 32000-2 §7.6.4). */
export interface PdfSecurity {
  /** The crypt method for strings and streams. */
  readonly method: "RC4" | "AESV2" | "AESV3";
  /** Revision /R of the handler. */
  readonly revision: number;
  /** The file encryption key. */
  readonly fileKey: Uint8Array;
  /** Encrypts the strings and streams of a new object for `num gen` (§7.6.3). */
  encryptObject(num: number, gen: number, value: PdfObject): Promise<PdfObject>;
}

/** Opens the standard security handler; not yet supported. */
export async function openSecurity(_encrypt: PdfDict, _id: Uint8Array | undefined): Promise<PdfSecurity> {
  throw new PdfError("PDF_UNSUPPORTED_ENCRYPTION", "encrypted files are not supported yet");
}
