import { describe, expect, it } from "vitest";
import { checkByteRange } from "./check-byte-range";
import type { ScannedPdf } from "./pdf-scan/document";
import type { PdfDict, PdfString, PdfValue } from "./pdf-scan/objects";
import { isHexStringOf, PdfParser } from "./pdf-scan/parser";

const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const pad = (n: number): string => String(n).padStart(10, "0");

/** The bytes ISO 32000-2 §7.3.4.3 allows inside a hex string, defined independently of the code. */
const allowedInHex = (x: number): boolean =>
  /^[0-9A-Fa-f]$/.test(String.fromCharCode(x)) || [0x20, 0x0a, 0x0d, 0x09, 0x0c, 0x00].includes(x);

/**
 * A one-object "file": `<</Type /Sig /ByteRange [0 l1 b l2] /Contents GAP>>` then `%%EOF`,
 * with the byte range excluding exactly GAP. Returns the bytes and where things are.
 */
function build(gap: string): { bytes: Uint8Array; dictAt: number; l1: number; b: number } {
  const head = "%PDF-1.7\n1 0 obj\n";
  const dictAt = head.length;
  const before = `${head}<</Type /Sig /ByteRange [0 ${pad(0)} ${pad(0)} ${pad(0)}] /Contents `;
  const after = ">>\nendobj\n%%EOF";
  const l1 = before.length;
  const b = l1 + gap.length;
  const total = b + after.length;
  const text = before.replace(
    `[0 ${pad(0)} ${pad(0)} ${pad(0)}]`,
    `[0 ${pad(l1)} ${pad(b)} ${pad(total - b)}]`,
  );
  return { bytes: enc(text + gap + after), dictAt, l1, b };
}

/** The parts of ScannedPdf that checkByteRange reads: the bytes and the revisions' %%EOF. */
function scanned(bytes: Uint8Array): ScannedPdf {
  return {
    bytes,
    sections: [],
    revisions: [{ lastSection: 0, eofEnd: bytes.length, eofEndWithEol: bytes.length }],
    view: () => {
      throw new Error("not used");
    },
    trailingFrom: null,
    objectsByOffset: new Map(),
  };
}

const dictOf = (src: Uint8Array, at: number): PdfDict => new PdfParser(src, at).readDict();
const codes = (pdf: Uint8Array, d: PdfDict): string[] =>
  checkByteRange(scanned(pdf), d).reasons.map((r) => r.code);

describe("checkByteRange: the gap is exactly the /Contents hex string", () => {
  it("accepts a well-formed gap read from the file itself", () => {
    const f = build("<3000 \n>");
    const d = dictOf(f.bytes, f.dictAt);
    const contents = d.entries.get("Contents") as PdfString;
    expect(isHexStringOf(contents, f.bytes)).toBe(true);
    const r = checkByteRange(scanned(f.bytes), d);
    expect(r.reasons).toEqual([]);
    expect(r.ranges).toEqual([
      [0, f.l1],
      [f.b, f.bytes.length],
    ]);
    expect([...r.contents!]).toEqual([0x30, 0x00]);
    expect(r.coverage.coversWholeFile).toBe(true);
  });

  it("accepts the same gap when /Contents was read from other bytes (the byte-by-byte path)", () => {
    const f = build("<3000 \n>");
    const d = dictOf(f.bytes.slice(), f.dictAt);
    expect(isHexStringOf(d.entries.get("Contents") as PdfString, f.bytes)).toBe(false);
    expect(codes(f.bytes, d)).toEqual([]);
  });

  it("vouches for a hex string only with the array and span it was read from", () => {
    const f = build("<3000>");
    const copy = f.bytes.slice();
    const s = dictOf(copy, f.dictAt).entries.get("Contents") as PdfString;
    expect(isHexStringOf(s, copy)).toBe(true);
    expect(isHexStringOf(s, f.bytes)).toBe(false);
    expect(isHexStringOf({ ...s }, copy)).toBe(false);
    expect(isHexStringOf({ ...s, end: s.end + 1 }, copy)).toBe(false);
  });

  // /Contents read from an object stream (or any other bytes) has offsets that may equal the
  // file's gap by coincidence: the file's gap must still be lexed. A test per bad gap kind.
  const wrapped: [string, string][] = [
    ["a non-hex byte", "<30g0>"],
    ["a `>` early", "<3>00>"],
    ["a `<` inside", "<30<0>"],
    ["a `(` inside", "<30(0>"],
  ];
  for (const [name, gap] of wrapped) {
    it(`rejects a gap with ${name} when /Contents came from other bytes`, () => {
      const good = build("<3000>");
      const bad = build(gap);
      const d = dictOf(good.bytes, good.dictAt); // same offsets, different bytes
      expect(bad.l1).toBe(good.l1);
      expect(bad.b).toBe(good.b);
      const r = checkByteRange(scanned(bad.bytes), d);
      expect(r.reasons.map((x) => x.code)).toEqual(["BYTE_RANGE_GAP_NOT_CONTENTS"]);
      expect(r.reasons[0]!.detail).toBe(
        `non-hex byte in the gap at ${bad.l1 + 1 + gap.slice(1).search(/[g><(]/)}`,
      );
      expect(r.ranges).toBeNull();
    });
  }

  it("rejects a gap with a non-hex byte behind a hand-built /Contents string", () => {
    const f = build("<30g0>");
    const forged: PdfString = {
      kind: "string",
      bytes: Uint8Array.of(0x30, 0x00),
      hex: true,
      start: f.l1,
      end: f.b,
    };
    const entries = new Map<string, PdfValue>(dictOf(build("<3000>").bytes, f.dictAt).entries);
    entries.set("Contents", forged);
    const d: PdfDict = { kind: "dict", entries, start: f.dictAt, end: f.bytes.length - 13 };
    expect(codes(f.bytes, d)).toEqual(["BYTE_RANGE_GAP_NOT_CONTENTS"]);
  });

  it("rejects a literal string `(...)` where the gap should be a hex string", () => {
    const f = build("(0000)");
    expect(codes(f.bytes, dictOf(f.bytes, f.dictAt))).toEqual(["BYTE_RANGE_GAP_NOT_CONTENTS"]);
  });

  it("the PDF parser refuses to read a /Contents hex string with a bad byte from the file", () => {
    for (const gap of ["<30g0>", "<30(0>", "<30<0>"]) {
      const f = build(gap);
      expect(() => dictOf(f.bytes, f.dictAt)).toThrow(/bad byte in hex string/);
    }
    // A `>` early ends the string there: it no longer spans the gap.
    const f = build("<3>00>");
    expect(() => dictOf(f.bytes, f.dictAt)).toThrow();
  });

  it("both paths accept exactly hex digits and PDF white-space, byte value by byte value", () => {
    const good = build("<3000>");
    const dFromCopy = dictOf(good.bytes.slice(), good.dictAt);
    let accepted = 0;
    for (let x = 0; x < 256; x++) {
      const bytes = good.bytes.slice();
      bytes[good.l1 + 3] = x; // <30x0>
      // Byte-by-byte path: /Contents from other bytes.
      const slow = codes(bytes, dFromCopy).length === 0;
      // Parser path: /Contents read from these bytes (a throw is a refusal).
      let fast: boolean;
      try {
        fast = codes(bytes, dictOf(bytes, good.dictAt)).length === 0;
      } catch {
        fast = false;
      }
      const want = allowedInHex(x);
      if (slow !== want || fast !== want)
        throw new Error(`byte 0x${x.toString(16)}: byte-by-byte ${slow}, parser ${fast}, want ${want}`);
      if (want) accepted++;
    }
    expect(accepted).toBe(22 + 6);
  });

  it("warns about any non-zero byte after the DER in /Contents, wherever it is", () => {
    const der = "3003010203"; // SEQUENCE of 3 bytes: 5 bytes of DER
    const size = 101; // odd, so the last bytes fall outside whole 8-byte steps
    const clean = build(`<${der}${"00".repeat(size - 5)}>`);
    const warns = (bytes: Uint8Array): string[] =>
      checkByteRange(scanned(bytes), dictOf(bytes, clean.dictAt)).warnings.map((w) => w.code);
    expect(warns(clean.bytes)).toEqual([]);
    const r = checkByteRange(scanned(clean.bytes), dictOf(clean.bytes, clean.dictAt));
    expect([...r.contents!]).toEqual([0x30, 0x03, 0x01, 0x02, 0x03]);
    for (let at = 5; at < size; at++) {
      const bytes = clean.bytes.slice();
      bytes[clean.l1 + 1 + 2 * at + 1] = 0x31; // byte `at` becomes 0x01
      if (warns(bytes).join() !== "CONTENTS_HAS_TRAILING_BYTES") throw new Error(`no warning for byte ${at}`);
    }
  });
});
