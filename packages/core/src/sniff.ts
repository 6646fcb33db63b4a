/** A file type @teken/core recognises from the bytes. */
export type FileType = "application/pdf" | "image/png" | "image/jpeg";

/** The PNG signature (PNG spec, ISO/IEC 15948 §5.2). */
const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
/** `%PDF-` (ISO 32000-2 §7.5.2) and `%%EOF` (§7.5.5). */
const pdfHeader = [0x25, 0x50, 0x44, 0x46, 0x2d] as const;
const pdfEof = [0x25, 0x25, 0x45, 0x4f, 0x46] as const;

/** How far from the start `%PDF-` may sit: the 1024 bytes of junk readers tolerate before it. */
export const pdfHeaderWindow = 1024;
/** How far from the end `%%EOF` may sit: the 1024 bytes of trailing junk readers tolerate after it. */
export const pdfEofWindow = 1024;

/** True when `pattern` occurs in `bytes` at `offset`. */
function matchesAt(bytes: Uint8Array, pattern: readonly number[], offset: number): boolean {
  return pattern.every((b, i) => bytes[offset + i] === b);
}

/** The first offset in [from, to) where `pattern` starts, or -1. */
function indexOf(bytes: Uint8Array, pattern: readonly number[], from: number, to: number): number {
  const end = Math.min(to, bytes.length) - pattern.length;
  for (let i = Math.max(0, from); i <= end; i++) if (matchesAt(bytes, pattern, i)) return i;
  return -1;
}

/**
 * Decides the type from magic numbers alone: PNG signature or JPEG SOI + marker (ITU-T T.81
 * §B.1.1.3) at offset 0, else `%PDF-` within the first 1024 bytes; undefined otherwise.
 */
export function sniffFileType(bytes: Uint8Array): FileType | undefined {
  if (matchesAt(bytes, pngSignature, 0)) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (indexOf(bytes, pdfHeader, 0, pdfHeaderWindow) >= 0) return "application/pdf";
  return undefined;
}

/** True when `%%EOF` occurs within the last 1024 bytes (trailing newlines or junk tolerated). */
export function hasPdfEof(bytes: Uint8Array): boolean {
  return indexOf(bytes, pdfEof, bytes.length - pdfEofWindow, bytes.length) >= 0;
}
