/** Bounds that keep reading damaged or hostile files finite (no hang, no unbounded allocation). */
export interface PdfLimits {
  /** Maximum nesting depth of arrays/dictionaries and of tree walks (default 256). */
  readonly maxDepth: number;
  /** Maximum number of objects (xref entries, object-stream members, pages, fields; default 10 000 000). */
  readonly maxObjects: number;
  /** Maximum decoded size of one stream in bytes (default 256 MiB). */
  readonly maxDecodedSize: number;
  /** Maximum number of cross-reference sections followed through /Prev (default 10 000). */
  readonly maxSections: number;
}

/** The default limits. */
export const defaultPdfLimits: PdfLimits = {
  maxDepth: 256,
  maxObjects: 10_000_000,
  maxDecodedSize: 256 * 1024 * 1024,
  maxSections: 10_000,
};
