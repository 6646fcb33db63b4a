import { PdfError } from "./errors";
import { indexOfAscii, keywordAt, lastIndexOfAscii, readUint, skipWhiteAndComments } from "./lexer";
import { PdfNumber } from "./objects";
import { type XrefLimits, type XrefSection, readXrefSection } from "./xref";

/** The result of following the cross-reference chain from the last `startxref`. */
export interface XrefChain {
  /** Sections newest first, as the `/Prev` chain visits them. */
  readonly sections: readonly XrefSection[];
  /** The offset the final `startxref` names (after any off-by-a-few correction). */
  readonly startxref: number;
  /** True when the chain needed a tolerated fix (offset off by a few bytes, a /Prev loop cut). */
  readonly corrected: boolean;
}

/** Reads the number after the last `startxref` keyword (§7.5.5); undefined when absent. */
export function findStartxref(b: Uint8Array): number | undefined {
  const k = lastIndexOfAscii(b, "startxref");
  if (k < 0) return undefined;
  return readUint(b, skipWhiteAndComments(b, k + 9))?.value;
}

/** Follows `startxref` and the `/Prev` chain (§7.5.6); throws PDF_XREF_BROKEN when the first hop fails. */
export function readXrefChain(
  b: Uint8Array,
  limits: XrefLimits & { readonly maxSections: number },
): XrefChain {
  const start = findStartxref(b);
  if (start === undefined) throw new PdfError("PDF_XREF_BROKEN", "no startxref");
  const first = readNear(b, start, limits);
  const sections: XrefSection[] = [first.section];
  const seen = new Set<number>([first.section.offset]);
  let corrected = first.corrected;
  let prev = first.section.trailer.get("Prev");
  while (prev instanceof PdfNumber) {
    if (sections.length >= limits.maxSections) throw new PdfError("PDF_LIMIT", "too many xref sections");
    let next: { section: XrefSection; corrected: boolean };
    try {
      next = readNear(b, prev.value, limits);
    } catch (e) {
      if (e instanceof PdfError && e.code === "PDF_LIMIT") throw e;
      corrected = true;
      break;
    }
    if (seen.has(next.section.offset)) {
      corrected = true;
      break;
    }
    seen.add(next.section.offset);
    corrected ||= next.corrected;
    sections.push(next.section);
    prev = next.section.trailer.get("Prev");
  }
  return { sections, startxref: first.section.offset, corrected };
}

/** Reads a section at `offset`, or within a few bytes of it (a common writer off-by-one). */
function readNear(
  b: Uint8Array,
  offset: number,
  limits: XrefLimits,
): { section: XrefSection; corrected: boolean } {
  try {
    return { section: readXrefSection(b, offset, limits), corrected: false };
  } catch (e) {
    if (e instanceof PdfError && e.code === "PDF_LIMIT") throw e;
    const x = indexOfAscii(b, "xref", Math.max(0, offset - 8), offset + 12);
    if (x >= 0 && keywordAt(b, x, "xref") && x !== offset) {
      return { section: readXrefSection(b, x, limits), corrected: true };
    }
    throw e;
  }
}
