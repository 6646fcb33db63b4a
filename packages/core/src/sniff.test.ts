import { describe, expect, it } from "vitest";
import { hasPdfEof, sniffFileType } from "./sniff";

const ascii = (s: string) => new TextEncoder().encode(s);
/** `%PDF-1.7` at `offset` in a buffer of `size` spaces. */
const headerAt = (offset: number, size = 2048) => {
  const b = new Uint8Array(size).fill(0x20);
  b.set(ascii("%PDF-1.7"), offset);
  return b;
};
/** `%%EOF` starting `fromEnd` bytes before the end of a 4096-byte buffer. */
const eofAt = (fromEnd: number) => {
  const b = new Uint8Array(4096).fill(0x0a);
  b.set(ascii("%%EOF"), 4096 - fromEnd);
  return b;
};

describe("PDF windows (ISO 32000-2 §7.5.2, §7.5.5)", () => {
  it.each([
    [0, "application/pdf"],
    [1019, "application/pdf"],
    [1020, undefined],
    [1500, undefined],
  ])("a header at offset %i sniffs as %s", (offset, type) => {
    expect(sniffFileType(headerAt(offset))).toBe(type);
  });
  it.each([
    [5, true],
    [1024, true],
    [1025, false],
  ])("%%EOF starting %i bytes before the end is found: %s", (fromEnd, found) => {
    expect(hasPdfEof(eofAt(fromEnd))).toBe(found);
  });
  it("prefers image magic at offset 0 and refuses short or empty input", () => {
    const jpegWithPdfInside = new Uint8Array([0xff, 0xd8, 0xff, ...ascii("%PDF-1.7")]);
    expect(sniffFileType(jpegWithPdfInside)).toBe("image/jpeg");
    expect(sniffFileType(new Uint8Array([0xff, 0xd8]))).toBeUndefined();
    expect(sniffFileType(new Uint8Array())).toBeUndefined();
    expect(hasPdfEof(ascii("%%EO"))).toBe(false);
  });
});
