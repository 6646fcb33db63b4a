import { describe, expect, it } from "vitest";
import { byteRangeDigest, fillByteRange, fillContents, findSignatureHoles } from "./byte-range";
import { hashFromOid, latin1, toHex } from "./bytes";
import type { ExistingSignature } from "./existing-signatures";
import { replaceContentsInPlace } from "./in-place-timestamp";
import { OID } from "./oids";

const dict =
  "1 0 obj\n<</Type/DocTimeStamp/ByteRange [0 9999999999 9999999999 9999999999]/Contents <00000000>>>\nendobj\ntail";

/** The error code a call throws. */
function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe("byte-range placeholders (ISO 32000-2 §12.8.1)", () => {
  it("fills /ByteRange to the placeholder width and /Contents as hex, digesting only the covered bytes", async () => {
    const bytes = latin1(dict);
    const holes = findSignatureHoles(bytes, 0);
    const range = fillByteRange(bytes, holes);
    expect(range).toEqual([0, holes.contentsStart, holes.contentsEnd, bytes.length - holes.contentsEnd]);
    expect(bytes.length).toBe(dict.length);
    fillContents(bytes, holes, new Uint8Array([0xab, 0xcd]));
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("<ABCD0000>");
    expect(text).toMatch(/\/ByteRange \[0 \d+ \d+ \d+ *\]/);
    const covered = text.slice(0, holes.contentsStart) + text.slice(holes.contentsEnd);
    const expected = new Uint8Array(await crypto.subtle.digest("SHA-256", latin1(covered).slice()));
    expect(toHex(await byteRangeDigest(bytes, range, "SHA-256", crypto))).toBe(toHex(expected));
  });

  it.each([
    [
      "LTV_CONTENTS_TOO_SMALL",
      () => fillContents(latin1(dict), findSignatureHoles(latin1(dict), 0), new Uint8Array(5)),
    ],
    ["LTV_BAD_PDF", () => findSignatureHoles(latin1("1 0 obj <<>> endobj"), 0)],
    [
      "LTV_BAD_PDF",
      () =>
        fillByteRange(
          latin1("/ByteRange [0 1 2 3]/Contents <00>"),
          findSignatureHoles(latin1("/ByteRange [0 1 2 3]/Contents <00>"), 0),
        ),
    ],
    ["LTV_UNSUPPORTED_HASH", () => hashFromOid(OID.sha1)],
    [
      "LTV_CONTENTS_TOO_SMALL",
      () => {
        const bytes = latin1("xx<0000>yy");
        const sig = { byteRange: [0, 2, 8, 2] } as unknown as ExistingSignature;
        return replaceContentsInPlace(bytes, sig, new Uint8Array(3));
      },
    ],
    [
      "LTV_BAD_PDF",
      () =>
        replaceContentsInPlace(
          latin1("xx(0000)yy"),
          { byteRange: [0, 2, 8, 2] } as unknown as ExistingSignature,
          new Uint8Array(1),
        ),
    ],
  ])("throws %s", (code, work) => {
    expect(codeOf(work)).toBe(code);
  });

  it("replaces /Contents in place, zero padded, same length", () => {
    const out = replaceContentsInPlace(
      latin1("xx<000000>yy"),
      { byteRange: [0, 2, 10, 2] } as unknown as ExistingSignature,
      new Uint8Array([0x1f]),
    );
    expect(new TextDecoder().decode(out)).toBe("xx<1f0000>yy");
  });
});
