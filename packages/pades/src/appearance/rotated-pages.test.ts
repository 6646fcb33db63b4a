import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  changedBox,
  corpusSigner,
  fixture,
  rgbaPng,
  tempDir,
  tool,
  validateExternally,
  writeTemp,
} from "../../test/fixtures/sign/tools";
import { createIncrementalUpdate } from "../pdf/incremental-update";
import { PdfArray, PdfNumber } from "../pdf/objects";
import { openPdf } from "../pdf/open-pdf";
import { concatBytes } from "../pdf/serialize";
import { signPdf } from "../sign/sign-pdf";
import { findSingleAnchor } from "../text/find-anchor";
import { userBoxToDisplay } from "./placement";

const when = new Date("2026-11-25T10:00:00Z");
/** An asymmetric specimen: a dark bar on the left, a thin stroke to the right. */
const specimen = rgbaPng(120, 60, (x, y) =>
  x < 20 || Math.abs(y - 15) < 3 ? [10, 10, 10, 255] : [255, 255, 255, 0],
);
const stamp = { image: specimen, lines: ["Ahmad Fauzi", "NIP 196608011988031001"], border: true };

/** gs-letter with page 1 given `rotate` and optionally a crop box that does not start at 0 0. */
async function variant(rotate: number, cropBox?: readonly number[]): Promise<Uint8Array> {
  const doc = await openPdf(fixture("gs-letter.pdf"));
  const page = doc.pages()[0]!;
  const up = createIncrementalUpdate(doc);
  const dict = page.dict.clone().set("Rotate", new PdfNumber(rotate));
  if (cropBox) dict.set("CropBox", new PdfArray(cropBox.map((n) => new PdfNumber(n))));
  up.set(page.ref!, dict);
  return concatBytes([doc.bytes, up.writeSync().bytes]);
}

/** Renders page 1's crop box as viewers show it (rotation applied), 1 px = 1 pt, grey. */
function render(pdf: Uint8Array) {
  const path = writeTemp("r.pdf", pdf, tempDir());
  const r = spawnSync("pdftoppm", ["-gray", "-r", "72", "-cropbox", "-f", "1", "-l", "1", path], {
    maxBuffer: 64 << 20,
  });
  const buf = r.stdout as Buffer;
  const head = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.subarray(0, 40).toString("latin1"));
  if (!head) throw new Error(`pdftoppm: ${r.stderr}`);
  return {
    width: Number(head[1]),
    height: Number(head[2]),
    data: new Uint8Array(buf.subarray(head[0].length)),
  };
}
type Render = ReturnType<typeof render>;

/** The grey pixels of a display rectangle (bottom-left origin), row by row from the top. */
function crop(r: Render, x: number, y: number, w: number, h: number, turn180 = false): number[] {
  const out: number[] = [];
  for (let row = 0; row < h; row++)
    for (let col = 0; col < w; col++) {
      const px = x + col;
      const py = r.height - (y + h) + row;
      out.push(r.data[py * r.width + px] ?? 0);
    }
  return turn180 ? out.reverse() : out;
}

const meanDiff = (a: number[], b: number[]) =>
  a.reduce((s, v, i) => s + Math.abs(v - (b[i] ?? 0)), 0) / a.length;

const rect = [100, 120, 200, 60] as const;

describe("visible stamps on rotated pages and offset crop boxes (the rectangle is what the viewer shows)", () => {
  let upright: number[] = [];
  const cases: [string, number, (readonly number[])?][] = [
    ["no rotation", 0],
    ["/Rotate 90", 90],
    ["/Rotate 180", 180],
    ["/Rotate 270", 270],
    ["/Rotate 90 with CropBox [40 50 560 800]", 90, [40, 50, 560, 800]],
    ["no rotation with CropBox [40 50 560 800]", 0, [40, 50, 560, 800]],
  ];
  for (const [label, rotate, cropBox] of cases) {
    it(`${label}: pdftoppm draws the stamp at the requested rectangle, upright`, async () => {
      const input = await variant(rotate, cropBox);
      const signed = await signPdf(input, {
        signer: await corpusSigner(),
        signingTime: when,
        visible: { placement: { page: 1, rect }, stamp },
      });
      const v = validateExternally(signed);
      expect(v.pdfsigValid, v.pdfsig).toBe(1);
      expect(v.qpdf.code, v.qpdf.out).toBe(0);
      const before = render(input);
      const after = render(signed);
      const box = changedBox(before, after);
      expect(Math.abs(box.x0 - rect[0]), JSON.stringify(box)).toBeLessThanOrEqual(1);
      expect(Math.abs(box.y0 - rect[1]), JSON.stringify(box)).toBeLessThanOrEqual(1);
      expect(Math.abs(box.x1 - (rect[0] + rect[2])), JSON.stringify(box)).toBeLessThanOrEqual(1);
      expect(Math.abs(box.y1 - (rect[1] + rect[3])), JSON.stringify(box)).toBeLessThanOrEqual(1);
      // Upright: the stamp's pixels match the unrotated page's stamp, not its half-turn.
      const pixels = crop(after, rect[0] + 2, rect[1] + 2, rect[2] - 4, rect[3] - 4);
      if (rotate === 0 && !cropBox) upright = pixels;
      else {
        expect(upright.length).toBe(pixels.length);
        const same = meanDiff(pixels, upright);
        const turned = meanDiff(
          crop(after, rect[0] + 2, rect[1] + 2, rect[2] - 4, rect[3] - 4, true),
          upright,
        );
        expect(same).toBeLessThan(8);
        expect(turned).toBeGreaterThan(same * 3);
      }
      // Viewers that regenerate widget appearances turn them by /MK /R (§12.5.6.19).
      if (rotate !== 0) {
        const doc = await openPdf(signed);
        const field = doc.fields().find((f) => f.type === "Sig")!;
        expect(doc.resolveDict(field.dict.get("MK"))?.getNumber("R")).toBe(rotate);
      }
    });
  }
});

/** The `^` box pdftotext -bbox reports: display coordinates, top-left origin, page size unrotated. */
function popplerDisplayBox(pdf: Uint8Array, rotate: number) {
  const xml = tool("pdftotext", ["-bbox", writeTemp("a.pdf", pdf), "-"]).out;
  const m =
    /<page width="([\d.]+)" height="([\d.]+)">[\s\S]*?xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">\^</.exec(
      xml,
    );
  if (!m) throw new Error("^ not found by pdftotext");
  const [w, h, x0, yMin, x1, yMax] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // The reported page size is the unrotated one; the display height is the width on 90/270 pages.
  const displayHeight = rotate === 90 || rotate === 270 ? w : h;
  return { x0, y0: displayHeight - yMax, x1, y1: displayHeight - yMin };
}

describe("anchors on rotated pages", () => {
  for (const rotate of [90, 180, 270]) {
    it(`/Rotate ${rotate}: the ^ box as shown is within 2 pt of pdftotext -bbox; a stamp 'above' it is above on screen`, async () => {
      const input = await variant(rotate);
      const doc = await openPdf(input);
      const match = findSingleAnchor(doc);
      const shown = userBoxToDisplay(doc.page(0)!, match.box);
      const oracle = popplerDisplayBox(input, rotate);
      for (const k of ["x0", "y0", "x1", "y1"] as const)
        expect(Math.abs(shown[k] - oracle[k]), k).toBeLessThan(2);
      const signed = await signPdf(input, {
        signer: await corpusSigner(),
        signingTime: when,
        visible: { placement: { anchor: "^", size: [120, 40], offset: [0, 40] }, stamp },
      });
      const box = changedBox(render(input), render(signed));
      const cx = (oracle.x0 + oracle.x1) / 2;
      const cy = (oracle.y0 + oracle.y1) / 2;
      expect(Math.abs((box.x0 + box.x1) / 2 - cx)).toBeLessThanOrEqual(2);
      expect(Math.abs((box.y0 + box.y1) / 2 - (cy + 40))).toBeLessThanOrEqual(2);
      expect(Math.abs(box.x1 - box.x0 - 120)).toBeLessThanOrEqual(1);
      expect(Math.abs(box.y1 - box.y0 - 40)).toBeLessThanOrEqual(1);
    });
  }
});
