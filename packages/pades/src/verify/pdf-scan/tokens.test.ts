import { describe, expect, it } from "vitest";
import { PdfSyntaxError, type PdfValue } from "./objects";
import { PdfParser } from "./parser";

const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const value = (s: string): PdfValue => new PdfParser(enc(s)).readValue();
const error = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof PdfSyntaxError) return e.message;
    throw e;
  }
  return "no error";
};

describe("numbers, references and keywords (short-integer fast path)", () => {
  it("reads integers, references and non-integers exactly", () => {
    expect(value("12")).toBe(12);
    expect(value("0012 ")).toBe(12);
    expect(value("999999999999999")).toBe(999_999_999_999_999);
    expect(value("1234567890123456789")).toBe(Number("1234567890123456789")); // over 15 digits: the regex path
    expect(value("12.5")).toBe(12.5);
    expect(value("12.")).toBe(12);
    expect(value("+7")).toBe(7);
    expect(value("-7")).toBe(-7);
    expect(value("12 0 R")).toEqual({ kind: "ref", num: 12, gen: 0 });
    expect(value("12 0 R/")).toEqual({ kind: "ref", num: 12, gen: 0 });
    expect(value("12\n65535\rR")).toEqual({ kind: "ref", num: 12, gen: 65535 });
    expect(value("12 0000000000000001 R")).toEqual({ kind: "ref", num: 12, gen: 1 });
    expect(value("12 0 Rx")).toBe(12);
    expect(value("12 0.5 R")).toBe(12);
    expect(value("12 0 obj")).toBe(12);
    expect(value("[1 2 R 3]")).toEqual({ kind: "array", items: [{ kind: "ref", num: 1, gen: 2 }, 3] });
    expect(value("[1 2]")).toEqual({ kind: "array", items: [1, 2] });
    expect(error(() => value("12a"))).toBe('unexpected token "12a" at byte 0');
    expect(error(() => value("1.2.3"))).toBe('unexpected token "1.2.3" at byte 0');
  });

  it("readInt takes 1 to 15 digits and nothing else", () => {
    expect(new PdfParser(enc("  42 ")).readInt()).toBe(42);
    expect(new PdfParser(enc("123456789012345")).readInt()).toBe(123_456_789_012_345);
    expect(error(() => new PdfParser(enc("1234567890123456")).readInt())).toBe(
      "expected an integer at byte 0",
    );
    expect(error(() => new PdfParser(enc(" 4a")).readInt())).toBe("expected an integer at byte 1");
    expect(error(() => new PdfParser(enc("-4")).readInt())).toBe("expected an integer at byte 0");
    expect(error(() => new PdfParser(enc("4.0")).readInt())).toBe("expected an integer at byte 0");
    const p = new PdfParser(enc("7 0 obj"));
    expect([p.readInt(), p.readInt()]).toEqual([7, 0]);
    p.expectKeyword("obj");
    expect(p.pos).toBe(7);
  });

  it("expectKeyword matches whole tokens only", () => {
    const ok = new PdfParser(enc(" obj<<"));
    ok.expectKeyword("obj");
    expect(ok.pos).toBe(4);
    expect(error(() => new PdfParser(enc("objx")).expectKeyword("obj"))).toBe(
      'expected "obj", found "objx" at byte 0',
    );
    expect(error(() => new PdfParser(enc("ob")).expectKeyword("obj"))).toBe(
      'expected "obj", found "ob" at byte 0',
    );
    expect(error(() => new PdfParser(enc("<<")).expectKeyword("<<"))).toBe(
      'expected "<<", found "" at byte 0',
    );
  });

  it("decodes #xx escapes in names", () => {
    expect(value("/A#20B")).toEqual({ kind: "name", value: "A B" });
    expect(value("/ByteRange")).toEqual({ kind: "name", value: "ByteRange" });
  });
});
