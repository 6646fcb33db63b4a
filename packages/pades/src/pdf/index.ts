/** The PDF layer: object model, parser, serializer, lazy reader and incremental writer. */
export { PdfError, isPdfError } from "./errors";
export type { PdfErrorCode } from "./errors";
export {
  PdfArray,
  PdfDict,
  PdfName,
  PdfNumber,
  PdfRef,
  PdfStream,
  PdfString,
  latin1Bytes,
  latin1String,
  pdfArray,
  pdfDict,
  pdfName,
  pdfNumber,
} from "./objects";
export type { PdfObject } from "./objects";
export { parseObject, parseIndirectObject } from "./parser";
export type { ParseOptions, Parsed, ParsedIndirect } from "./parser";
export { serializeObject, concatBytes, formatNumber, formatName } from "./serialize";
export { decodeStream, inflate } from "./filters";
export type { DecodeOptions } from "./filters";
export { defaultPdfLimits } from "./limits";
export type { PdfLimits } from "./limits";
export type { XrefEntry, XrefSection } from "./xref";
export { PdfDocument } from "./document";
export type { PdfAnnotation, RevisionXref, XrefKind } from "./document";
export type { PdfPage } from "./page-tree";
export type { FormField } from "./form-fields";
export { openPdf } from "./open-pdf";
export type { OpenPdfOptions } from "./open-pdf";
export type { PdfSecurity } from "./encryption/security-handler";
export { IncrementalUpdate, createIncrementalUpdate } from "./incremental-update";
export type { IncrementalUpdateOptions, IncrementalWriteResult } from "./incremental-update";
export { openSecurity } from "./encryption/security-handler";
export type { CryptMethod, SecurityInput } from "./encryption/security-handler";
export { findRevisionMarkers } from "./revisions";
export type { RevisionMarker } from "./revisions";
