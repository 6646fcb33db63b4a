import { zlibSync } from "fflate";
import { describe, expect, it } from "vitest";
import { isPdfError } from "./errors";
import {
  type PdfArray,
  PdfDict,
  type PdfName,
  PdfNumber,
  PdfRef,
  PdfStream,
  PdfString,
  latin1Bytes,
} from "./objects";
import { parseIndirectObject, parseObject } from "./parser";
import { serializeObject } from "./serialize";

const bytes = (s: string) => latin1Bytes(s);
const text = (b: Uint8Array) => new TextDecoder("latin1").decode(b);

describe("parseObject", () => {
  it("reads compacted syntax with no white space between tokens", () => {
    const v = parseObject(bytes("<</Type/Page/Kids[1 0 R 2 0 R]/N -1.5/B true/S(a)/H<4142>>>")).value;
    expect(v).toBeInstanceOf(PdfDict);
    const d = v as PdfDict;
    expect(d.getName("Type")).toBe("Page");
    const kids = d.get("Kids") as PdfArray;
    expect(kids.items.map((k) => (k as PdfRef).toString())).toEqual(["1 0 R", "2 0 R"]);
    expect((d.get("N") as PdfNumber).value).toBe(-1.5);
    expect(d.get("B")).toBe(true);
    expect(text((d.get("S") as PdfString).bytes)).toBe("a");
    expect(text((d.get("H") as PdfString).bytes)).toBe("AB");
  });

  it("decodes literal-string escapes and nested parentheses (§7.3.4.2)", () => {
    const s = parseObject(bytes("(a\\(b\\)c (nested) \\101\\n\\\\ line\\\ncont)")).value as PdfString;
    expect(text(s.bytes)).toBe("a(b)c (nested) A\n\\ linecont");
  });

  it("decodes #xx escapes in names (§7.3.5)", () => {
    expect((parseObject(bytes("/A#20B")).value as PdfName).value).toBe("A B");
  });

  it("keeps numbers that are not references", () => {
    const a = parseObject(bytes("[1 2 3 0 R 4]")).value as PdfArray;
    expect(a.items.map((x) => (x instanceof PdfRef ? x.toString() : (x as PdfNumber).value))).toEqual([
      1,
      2,
      "3 0 R",
      4,
    ]);
  });

  it("refuses nesting deeper than the limit with PDF_LIMIT", () => {
    const deep = bytes(`${"[".repeat(300)}${"]".repeat(300)}`);
    let err: unknown;
    try {
      parseObject(deep);
    } catch (e) {
      err = e;
    }
    expect(isPdfError(err, "PDF_LIMIT")).toBe(true);
  });

  it("refuses garbage with PDF_SYNTAX", () => {
    expect(() => parseObject(bytes(")"))).toThrowError(/PDF_SYNTAX/);
    expect(() => parseObject(bytes("(unterminated"))).toThrowError(/PDF_SYNTAX/);
  });
});

describe("parseIndirectObject", () => {
  it("reads a stream using /Length", () => {
    const o = parseIndirectObject(bytes("7 0 obj<</Length 5>>stream\nhello\nendstream endobj"));
    expect(o.num).toBe(7);
    expect(text((o.value as PdfStream).raw)).toBe("hello");
  });

  it("decodes FlateDecode with a PNG Up predictor through stream.decode()", () => {
    // Two rows of 3 bytes, filter type 2 (Up): row 2 = row 1 + deltas.
    const rows = Uint8Array.from([2, 1, 2, 3, 2, 1, 1, 1]);
    const s = new PdfStream(
      parseObject(bytes("<</Filter/FlateDecode/DecodeParms<</Predictor 12/Columns 3>>>>")).value as PdfDict,
      zlibSync(rows),
    );
    expect([...s.decode()]).toEqual([1, 2, 3, 2, 3, 4]);
  });

  it("recovers a stream whose /Length is wrong by finding endstream", () => {
    const o = parseIndirectObject(bytes("7 0 obj<</Length 99>>stream\r\nhello\r\nendstream endobj"));
    expect(text((o.value as PdfStream).raw)).toBe("hello");
  });
});

describe("serializeObject", () => {
  it("round-trips objects, keeping the spelling of reals", () => {
    const src = "<</A [1 0 R 2.50 -3 /N#20x (p\\(q\\)) <00ff>] /B null /C false>>";
    const v = parseObject(bytes(src)).value;
    const out = text(serializeObject(v));
    expect(out).toBe("<</A [1 0 R 2.50 -3 /N#20x (p\\(q\\)) <00ff>]/B null/C false>>");
    expect(serializeObject(parseObject(serializeObject(v)).value)).toEqual(serializeObject(v));
  });

  it("writes a stream with a matching /Length", () => {
    const s = new PdfStream(new PdfDict([["Length", new PdfNumber(999)]]), bytes("abc"));
    expect(text(serializeObject(s))).toBe("<</Length 3>>\nstream\nabc\nendstream");
  });

  it("decodes PDFDocEncoding bytes that differ from Latin-1 (Annex D)", () => {
    expect(new PdfString(Uint8Array.from([0x84, 0x20, 0x92, 0xe9, 0xa0])).text()).toBe(
      "\u2014 \u2122\u00e9\u20ac",
    );
  });

  it("encodes non-ASCII text as UTF-16BE with BOM", () => {
    const s = PdfString.fromText("Tanda tangan é");
    expect(s.bytes[0]).toBe(0xfe);
    expect(s.text()).toBe("Tanda tangan é");
  });
});

describe("hostile sizes", () => {
  it("reads a 1 MB name without exhausting the call stack", () => {
    const v = parseObject(latin1Bytes(`/${"A".repeat(1_000_000)} `)).value as PdfName;
    expect(v.value.length).toBe(1_000_000);
  });
});
