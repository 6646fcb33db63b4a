import type { ScannedPdf } from "./pdf-scan/document";
import { asName, dictGet, type PdfDict } from "./pdf-scan/objects";
import { isHexStringOf, isWhite } from "./pdf-scan/parser";
import type { Coverage, Finding, ReasonCode, WarningCode } from "./report";

/** The outcome of the byte-range check: coverage, the signed bytes, the CMS bytes, findings. */
export interface ByteRangeResult {
  readonly coverage: Coverage;
  readonly ranges: readonly (readonly [number, number])[] | null;
  readonly contents: Uint8Array | null;
  readonly reasons: readonly Finding<ReasonCode>[];
  readonly warnings: readonly Finding<WarningCode>[];
}

/** 1 for the bytes a hex string may hold: hex digits and PDF white-space (ISO 32000-2 §7.3.4.3). */
const HEX_OR_WHITE = (() => {
  const t = new Uint8Array(256);
  for (let b = 0; b < 256; b++)
    t[b] =
      (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66) || isWhite(b) ? 1 : 0;
  return t;
})();

/** Reads `/ByteRange` as exactly four non-negative safe integers. */
function readByteRange(dict: PdfDict): number[] | null {
  const br = dictGet(dict, "ByteRange");
  if (br === null || typeof br !== "object" || br?.kind !== "array") return null;
  const nums = br.items.map((x) => (typeof x === "number" && Number.isSafeInteger(x) && x >= 0 ? x : -1));
  return nums;
}

/** Trims `/Contents` to its DER length: signers pad the reserved space with zeros. */
function trimDer(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0x30 || bytes.length < 2) return bytes;
  const l = bytes[1]!;
  if (l < 0x80) return bytes.subarray(0, Math.min(bytes.length, 2 + l));
  const n = l & 0x7f;
  if (n === 0 || n > 4) return bytes;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + (bytes[2 + i] ?? 0);
  return bytes.subarray(0, Math.min(bytes.length, 2 + n + len));
}

/** True when every byte of `bytes` from `from` on is 0 (the padding after the DER); 8 bytes per step. */
function allZero(bytes: Uint8Array, from: number): boolean {
  let i = from;
  const n = bytes.length;
  if (n - i >= 64) {
    const words = new DataView(bytes.buffer, bytes.byteOffset, n);
    for (; i + 8 <= n; i += 8) if ((words.getUint32(i) | words.getUint32(i + 4)) !== 0) return false;
  }
  for (; i < n; i++) if (bytes[i] !== 0) return false;
  return true;
}

/**
 * Checks the signature dictionary's own entries (ISO 32000-2 §12.8.1 Table 255, ETSI EN 319
 * 142-1 §5.3 / §6.3), like pyHanko's `validate_pdf_signature` / `validate_pdf_timestamp`:
 * `/Type`, when present, is the name `/Sig` or `/DocTimeStamp`; a `/DocTimeStamp` carries the
 * `ETSI.RFC3161` SubFilter and an `ETSI.RFC3161` SubFilter needs `/Type /DocTimeStamp` (Table
 * 255: required for document time-stamps), so a signature is never judged as a time-stamp or
 * the other way round (SIG_DICT_TYPE_MISMATCH). `/Filter` is required by the spec but its value
 * only names the handler a viewer prefers: a missing one warns (when there is a SubFilter), any name passes, a value of
 * another type (including an indirect reference) is SIG_DICT_INVALID. A missing or unknown
 * SubFilter is left to the SubFilter check (SUBFILTER_UNSUPPORTED).
 */
export function checkSigDict(dict: PdfDict): {
  reasons: Finding<ReasonCode>[];
  warnings: Finding<WarningCode>[];
} {
  const reasons: Finding<ReasonCode>[] = [];
  const warnings: Finding<WarningCode>[] = [];
  const typeValue = dictGet(dict, "Type");
  const type = asName(typeValue);
  if (typeValue !== undefined && type === undefined)
    reasons.push({ code: "SIG_DICT_INVALID", detail: "/Type is not a name" });
  else if (type !== undefined && type !== "Sig" && type !== "DocTimeStamp")
    reasons.push({ code: "SIG_DICT_INVALID", detail: `/Type /${type} is neither /Sig nor /DocTimeStamp` });
  const subFilter = asName(dictGet(dict, "SubFilter"));
  if (type === "DocTimeStamp" && subFilter !== undefined && subFilter !== "ETSI.RFC3161")
    reasons.push({
      code: "SIG_DICT_TYPE_MISMATCH",
      detail: `/Type /DocTimeStamp with /SubFilter /${subFilter}`,
    });
  if (subFilter === "ETSI.RFC3161" && type !== "DocTimeStamp")
    reasons.push({
      code: "SIG_DICT_TYPE_MISMATCH",
      detail: `/SubFilter /ETSI.RFC3161 with ${type === undefined ? "no /Type" : `/Type /${type}`}`,
    });
  const filterValue = dictGet(dict, "Filter");
  // Without a /SubFilter the dictionary already fails (SUBFILTER_UNSUPPORTED): no warning on top.
  if (filterValue === undefined) {
    if (subFilter !== undefined) warnings.push({ code: "SIG_DICT_FILTER_MISSING" });
  } else if (asName(filterValue) === undefined)
    reasons.push({ code: "SIG_DICT_INVALID", detail: "/Filter is not a name" });
  return { reasons, warnings };
}

/**
 * Checks the signature dictionary's entries (`checkSigDict`), then `/ByteRange` and `/Contents` (ISO 32000-2 §12.8.1; ETSI EN 319 142-1 §5.1): two
 * ranges, starting at 0, in order, the gap exactly the `/Contents` hex string with its
 * delimiters, ending at a revision's `%%EOF` (one trailing end-of-line tolerated).
 */
export function checkByteRange(pdf: ScannedPdf, dict: PdfDict): ByteRangeResult {
  const size = pdf.bytes.length;
  const { reasons, warnings } = checkSigDict(dict);
  const contentsValue = dictGet(dict, "Contents");
  const contents =
    contentsValue !== null && typeof contentsValue === "object" && contentsValue?.kind === "string"
      ? contentsValue
      : null;
  const br = readByteRange(dict);
  const fail = (code: ReasonCode, detail: string): ByteRangeResult => ({
    coverage: { byteRange: br, revision: null, coversWholeFile: false, fileSize: size },
    ranges: null,
    contents: contents === null ? null : trimDer(contents.bytes),
    reasons: [...reasons, { code, detail }],
    warnings,
  });
  if (contents === null || contents.bytes.length === 0)
    return fail("CONTENTS_MISSING", "no /Contents string");
  if (br === null) return fail("BYTE_RANGE_MISSING", "no /ByteRange array");
  if (br.length !== 4 || br.some((x) => x < 0))
    return fail("BYTE_RANGE_INVALID", `expected 4 non-negative integers, got [${br.join(" ")}]`);
  const [a, l1, b, l2] = br as [number, number, number, number];
  if (a !== 0) return fail("BYTE_RANGE_INVALID", "first range does not start at 0");
  if (b < l1 || b + l2 > size || l1 === 0 || l2 === 0)
    return fail("BYTE_RANGE_INVALID", "ranges out of order or outside the file");
  if (!contents.hex || l1 !== contents.start || b !== contents.end) {
    return fail(
      "BYTE_RANGE_GAP_NOT_CONTENTS",
      `gap [${l1}, ${b}) is not /Contents [${contents.start}, ${contents.end})`,
    );
  }
  // Lex the gap itself: it must be one hex string and nothing else.
  if (pdf.bytes[l1] !== 0x3c || pdf.bytes[b - 1] !== 0x3e)
    return fail("BYTE_RANGE_GAP_NOT_CONTENTS", "gap is not delimited by < >");
  // The gap is [contents.start, contents.end) (checked above). When the PDF parser read
  // /Contents from these very bytes at that span, it has already rejected every byte there
  // but hex digits and white-space and ended the string at the first `>` (`readHex`, vouched
  // for by `isHexStringOf`; the HEX_OR_WHITE table accepts exactly the bytes `readHex` does).
  // Otherwise (a dictionary read from an object stream, whose offsets are not file offsets,
  // or a string built elsewhere) the gap is lexed here byte by byte. check-byte-range.test.ts
  // checks both paths against every byte value and fails if either stops refusing a bad gap.
  if (!isHexStringOf(contents, pdf.bytes)) {
    const bytes = pdf.bytes;
    for (let i = l1 + 1; i < b - 1; i++) {
      if (HEX_OR_WHITE[bytes[i]!] === 0)
        return fail("BYTE_RANGE_GAP_NOT_CONTENTS", `non-hex byte in the gap at ${i}`);
    }
  }
  if (dict.start >= l1 || dict.end <= b)
    return fail("SIG_DICT_INVALID", "the signature dictionary does not enclose the gap");
  const end = b + l2;
  if (dict.end > end)
    return fail("SIG_DICT_INVALID", "the signature dictionary lies outside the signed bytes");
  const revision = pdf.revisions.findIndex((r) => r.eofEnd === end || r.eofEndWithEol === end);
  if (revision < 0)
    return fail("BYTE_RANGE_NOT_AT_REVISION_END", `signed bytes end at ${end}, not at a revision's %%EOF`);
  // Ending one end-of-line after %%EOF is what Acrobat, pyHanko and our signer write: the EOL
  // is part of the revision (ISO 32000-2 §7.5.5), so it is not worth a warning on every file.
  let tail = end;
  while (tail < size && isWhite(pdf.bytes[tail])) tail++;
  const coversWholeFile = tail === size && revision === pdf.revisions.length - 1;
  if (!coversWholeFile)
    warnings.push({ code: "NOT_WHOLE_FILE", detail: `covers bytes up to ${end} of ${size}` });
  const der = trimDer(contents.bytes);
  if (!allZero(contents.bytes, der.length)) warnings.push({ code: "CONTENTS_HAS_TRAILING_BYTES" });
  return {
    coverage: { byteRange: br, revision, coversWholeFile, fileSize: size },
    ranges: [
      [0, l1],
      [b, end],
    ],
    contents: der,
    reasons,
    warnings,
  };
}
