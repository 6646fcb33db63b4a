import { describe, expect, it } from "vitest";
import { fixture, fixturePath, tool } from "../../test/fixtures/sign/tools";
import { openPdf } from "../pdf/open-pdf";
import { findAnchors, findSingleAnchor } from "./find-anchor";

/** The `^` box `pdftotext -bbox` reports, converted to a bottom-left origin. */
function popplerBox(file: string, word: string) {
  const xml = tool("pdftotext", ["-bbox", fixturePath(file), "-"]).out;
  const height = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(xml)?.[1]);
  const m = new RegExp(
    `xMin="([\\d.]+)" yMin="([\\d.]+)" xMax="([\\d.]+)" yMax="([\\d.]+)">${word.replace("^", "\\^")}<`,
  ).exec(xml);
  if (!m) throw new Error("word not found by pdftotext");
  const [x0, yMin, x1, yMax] = m.slice(1).map(Number) as [number, number, number, number];
  return { x0, y0: height - yMax, x1, y1: height - yMin };
}

describe("findSingleAnchor (text extraction, ISO 32000-2 §9.4)", () => {
  for (const file of ["gs-letter.pdf", "objstm-letter.pdf", "chromium-letter.pdf"]) {
    it(`finds ^ in ${file} within 2 pt of pdftotext -bbox`, async () => {
      const doc = await openPdf(fixture(file));
      const match = findSingleAnchor(doc);
      const oracle = popplerBox(file, "^");
      expect(match.pageIndex).toBe(0);
      for (const k of ["x0", "y0", "x1", "y1"] as const)
        expect(Math.abs(match.box[k] - oracle[k])).toBeLessThan(2);
    });
  }

  it("puts the gs-letter anchor at x=400 on the baseline y=200 (12 pt Helvetica)", async () => {
    const match = findSingleAnchor(await openPdf(fixture("gs-letter.pdf")));
    expect(match.box.x0).toBeCloseTo(400, 1);
    expect(match.box.y0).toBeLessThan(200);
    expect(match.box.y1).toBeGreaterThan(200);
  });

  it("finds multi-character text across a CID font (chromium letter)", async () => {
    const doc = await openPdf(fixture("chromium-letter.pdf"));
    expect(findAnchors(doc, "Kantor")).toHaveLength(1);
    expect(findAnchors(doc, "NIP")).toHaveLength(1);
  });

  it("raises PADES_SIGN_ANCHOR_NOT_FOUND and PADES_SIGN_ANCHOR_AMBIGUOUS", async () => {
    const doc = await openPdf(fixture("gs-letter.pdf"));
    expect(() => findSingleAnchor(doc, "#")).toThrowError(
      expect.objectContaining({ code: "PADES_SIGN_ANCHOR_NOT_FOUND" }),
    );
    expect(() => findSingleAnchor(doc, "a")).toThrowError(
      expect.objectContaining({ code: "PADES_SIGN_ANCHOR_AMBIGUOUS" }),
    );
  });
});
