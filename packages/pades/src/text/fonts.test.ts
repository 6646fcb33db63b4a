import { describe, expect, it } from "vitest";
import { tool, writeTemp } from "../../test/fixtures/sign/tools";
import { openPdf } from "../pdf/open-pdf";
import { findAnchors, findSingleAnchor } from "./find-anchor";
import { fontsFixturePdf } from "./fonts-fixture";
import { parseCMap, splitCodes } from "./to-unicode";

/** Every word box pdftotext -bbox reports, bottom-left origin (the page is not rotated). */
function popplerWords(pdf: Uint8Array) {
  const xml = tool("pdftotext", ["-bbox", writeTemp("fonts.pdf", pdf), "-"]).out;
  const height = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(xml)?.[1]);
  return [...xml.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)].map(
    (m) => ({
      word: m[5] ?? "",
      x0: Number(m[1]),
      y0: height - Number(m[4]),
      x1: Number(m[3]),
      y1: height - Number(m[2]),
    }),
  );
}

describe("anchors in more fonts (ISO 32000-2 §9.6-9.7, §9.10)", () => {
  const pdf = fontsFixturePdf();
  const words = popplerWords(pdf);
  const oracle = (w: string) => {
    const found = words.find((x) => x.word === w);
    if (!found) throw new Error(`pdftotext did not report ${w}`);
    return found;
  };

  it("splits variable-length codes by codespace ranges", () => {
    const cmap = parseCMap(
      new TextEncoder().encode("2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange"),
    );
    expect(splitCodes(new Uint8Array([0x48, 0x81, 0x40, 0x49, 0x81, 0x41]), cmap.codespace)).toEqual([
      "48",
      "8140",
      "49",
      "8141",
    ]);
  });

  it("Type0 font with an embedded non-Identity CMap (1- and 2-byte codes) + ToUnicode: ^ within 2 pt of pdftotext", async () => {
    const doc = await openPdf(pdf);
    const match = findSingleAnchor(doc, "^");
    const o = oracle("^");
    for (const k of ["x0", "y0", "x1", "y1"] as const)
      expect(Math.abs(match.box[k] - o[k]), k).toBeLessThan(2);
    // Text through the ToUnicode CMap, 2-byte codes included.
    expect(findAnchors(doc, "H國I")).toHaveLength(1);
    const cjk = findSingleAnchor(doc, "J家");
    const oj = oracle("J家");
    for (const k of ["x0", "x1"] as const) expect(Math.abs(cjk.box[k] - oj[k]), k).toBeLessThan(2);
  });

  it("Type3 font (FontMatrix 0.01): @ has pdftotext's horizontal extent and the glyph box height", async () => {
    const doc = await openPdf(pdf);
    const match = findSingleAnchor(doc, "@");
    const o = oracle("@");
    expect(Math.abs(match.box.x0 - o.x0)).toBeLessThan(2);
    expect(Math.abs(match.box.x1 - o.x1)).toBeLessThan(2);
    // Vertically: /FontBBox [0 -20 60 90] x 0.01 x 24 pt around the baseline y = 120. (pdftotext
    // guesses a Type3 font's size from the width of a letter, so its height is not an oracle here.)
    expect(match.box.y0).toBeCloseTo(120 - 4.8, 1);
    expect(match.box.y1).toBeCloseTo(120 + 21.6, 1);
  });

  it("text in a form XObject with /Matrix, drawn under a page cm: ~ within 2 pt of pdftotext", async () => {
    const doc = await openPdf(pdf);
    const match = findSingleAnchor(doc, "~");
    const o = oracle("~");
    for (const k of ["x0", "y0", "x1", "y1"] as const)
      expect(Math.abs(match.box[k] - o[k]), k).toBeLessThan(2);
  });
});
