import type { ExistingSignature } from "./existing-signatures";
import { latin1 } from "./bytes";
import { LtvError } from "./errors";

/**
 * Rewrites a signature's `/Contents` in place with `cms` (zero padded to the same width). Only
 * sound for the document's newest signature: its own byte range excludes the hole and no later
 * signature covers it; the file length and every offset stay unchanged. LTV_CONTENTS_TOO_SMALL
 * when `cms` does not fit the reserved space.
 */
export function replaceContentsInPlace(
  pdf: Uint8Array,
  signature: ExistingSignature,
  cms: Uint8Array,
): Uint8Array {
  const [, start = 0, end = 0] = signature.byteRange;
  if (pdf[start] !== 0x3c || pdf[end - 1] !== 0x3e)
    throw new LtvError("LTV_BAD_PDF", "/Contents hole not found");
  const room = end - start - 2;
  if (cms.length * 2 > room) {
    throw new LtvError(
      "LTV_CONTENTS_TOO_SMALL",
      `${cms.length} bytes needed, ${Math.floor(room / 2)} reserved`,
    );
  }
  let hex = "";
  for (const b of cms) hex += b.toString(16).padStart(2, "0");
  const out = pdf.slice();
  out.set(latin1(hex.padEnd(room, "0")), start + 1);
  return out;
}
