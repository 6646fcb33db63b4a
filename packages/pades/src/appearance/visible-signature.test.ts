import { describe, expect, it } from "vitest";
import {
  changedBox,
  corpusSigner,
  fixture,
  popplerWordBox,
  renderGray,
  rgbaPng,
  tempDir,
  tool,
  validateExternally,
  writeTemp,
} from "../../test/fixtures/sign/tools";
import { PdfDict, type PdfStream } from "../pdf/objects";
import { openPdf } from "../pdf/open-pdf";
import { signPdf } from "../sign/sign-pdf";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const when = new Date("2026-11-25T10:00:00Z");
/** A blue signature stroke on a transparent background. */
const specimen = rgbaPng(120, 60, (x, y) =>
  Math.abs(y - 30 - 20 * Math.sin(x / 12)) < 3 ? [20, 40, 160, 255] : [255, 255, 255, 0],
);
const lines = ["Ahmad Fauzi", "NIP 196608011988031001", "Kepala Kantor — Bagian Umum", "25-11-2026"];

async function appearanceOf(pdf: Uint8Array) {
  const doc = await openPdf(pdf);
  const field = doc
    .fields()
    .filter((f) => f.type === "Sig")
    .at(-1)!;
  const ap = doc.resolveDict(field.dict.get("AP"))!;
  const form = doc.resolve(ap.get("N")) as PdfStream;
  return { doc, field, form, resources: doc.resolveDict(form.dict.get("Resources"))! };
}

describe("visible signatures", () => {
  it("draws QR + PNG specimen + text at a page/rect placement; the render changes exactly there", async () => {
    const input = fixture("gs-letter.pdf");
    const signed = await signPdf(input, {
      signer: await corpusSigner(),
      signingTime: when,
      name: "Ahmad Fauzi",
      visible: {
        placement: { page: "first", rect: [300, 90, 220, 70] },
        stamp: { qrUrl: "https://ttd.kemenag.go.id/v/ABC123", image: specimen, lines, border: true },
      },
    });
    const v = validateExternally(signed);
    expect(v.pdfsigValid, v.pdfsig).toBe(1);
    expect(v.qpdf.code, v.qpdf.out).toBe(0);
    const box = changedBox(renderGray(input), renderGray(signed));
    expect(Math.abs(box.x0 - 300)).toBeLessThanOrEqual(1);
    expect(Math.abs(box.y0 - 90)).toBeLessThanOrEqual(1);
    expect(Math.abs(box.x1 - 520)).toBeLessThanOrEqual(1);
    expect(Math.abs(box.y1 - 160)).toBeLessThanOrEqual(1);
    const { doc, field, resources } = await appearanceOf(signed);
    expect(
      doc.resolveArray(field.dict.get("Rect"))!.items.map((n) => (n as { value: number }).value),
    ).toEqual([300, 90, 520, 160]);
    const images = [...doc.resolveDict(resources.get("XObject"))!.entries()].map(
      ([, r]) => doc.resolve(r) as PdfStream,
    );
    expect(images.some((s) => s.dict.has("SMask"))).toBe(true);
    const fonts = [...doc.resolveDict(resources.get("Font"))!.entries()].map(([, r]) => doc.resolveDict(r)!);
    const cid = doc.resolveDict(doc.resolveArray(fonts[0]!.get("DescendantFonts"))!.items[0])!;
    expect(doc.resolveDict(cid.get("FontDescriptor"))!.has("FontFile2")).toBe(true);
    expect(fonts[0]!.has("ToUnicode")).toBe(true);
  });

  it("places a stamp on the ^ anchor of the Chromium letter, centred within 2 pt of pdftotext's box", async () => {
    const input = fixture("chromium-letter.pdf");
    const signed = await signPdf(input, {
      signer: await corpusSigner(),
      signingTime: when,
      visible: { placement: { anchor: "^", size: [140, 40] }, stamp: { lines, border: true } },
    });
    expect(validateExternally(signed).pdfsigValid).toBe(1);
    const oracle = popplerWordBox(input, "^");
    const box = changedBox(renderGray(input), renderGray(signed));
    expect(Math.abs((box.x0 + box.x1) / 2 - (oracle.x0 + oracle.x1) / 2)).toBeLessThanOrEqual(2);
    expect(Math.abs((box.y0 + box.y1) / 2 - (oracle.y0 + oracle.y1) / 2)).toBeLessThanOrEqual(2);
    expect(Math.abs(box.x1 - box.x0 - 140)).toBeLessThanOrEqual(1.5);
  });

  it("anchors with lower-left alignment on gs-letter: the stamp starts at the ^ glyph box (x=400)", async () => {
    const input = fixture("gs-letter.pdf");
    const signed = await signPdf(input, {
      signer: await corpusSigner(),
      signingTime: when,
      visible: {
        placement: { anchor: "^", size: [100, 30], align: "lower-left" },
        stamp: { lines: ["Ahmad Fauzi"], border: true },
      },
    });
    const oracle = popplerWordBox(input, "^");
    const box = changedBox(renderGray(input), renderGray(signed));
    expect(Math.abs(box.x0 - oracle.x0)).toBeLessThanOrEqual(2);
    expect(Math.abs(box.y0 - oracle.y0)).toBeLessThanOrEqual(2);
  });

  it("embeds a JPEG specimen as DCTDecode on the last page", async () => {
    const dir = tempDir();
    tool("pdftoppm", [
      "-jpeg",
      "-r",
      "20",
      "-f",
      "1",
      "-l",
      "1",
      writeTemp("in.pdf", fixture("gs-letter.pdf"), dir),
      join(dir, "p"),
    ]);
    const jpeg = new Uint8Array(readFileSync(join(dir, "p-1.jpg")));
    const signed = await signPdf(fixture("gs-letter.pdf"), {
      signer: await corpusSigner(),
      signingTime: when,
      visible: { placement: { page: "last", rect: [50, 50, 60, 80] }, stamp: { image: jpeg } },
    });
    const { doc, resources, field } = await appearanceOf(signed);
    const image = [...doc.resolveDict(resources.get("XObject"))!.entries()].map(
      ([, r]) => doc.resolve(r) as PdfStream,
    )[0]!;
    expect(image.dict.getName("Filter")).toBe("DCTDecode");
    const page = doc.resolveDict(field.dict.get("P"));
    expect(page).toBe(doc.pages()[1]!.dict);
    expect(validateExternally(signed).pdfsigValid).toBe(1);
  });

  it("uses the default stamp (name + date) and refuses unsupported images and missing anchors", async () => {
    const signer = await corpusSigner();
    const signed = await signPdf(fixture("gs-letter.pdf"), {
      signer,
      name: "Ahmad Fauzi",
      signingTime: when,
      visible: { placement: { page: 1, rect: [72, 72, 160, 40] } },
    });
    expect((await appearanceOf(signed)).form.dict).toBeInstanceOf(PdfDict);
    await expect(
      signPdf(fixture("gs-letter.pdf"), {
        signer,
        visible: {
          placement: { page: 1, rect: [0, 0, 10, 10] },
          stamp: { image: new Uint8Array([1, 2, 3]) },
        },
      }),
    ).rejects.toMatchObject({ code: "PADES_SIGN_IMAGE_UNSUPPORTED" });
    await expect(
      signPdf(fixture("gs-letter.pdf"), { signer, visible: { placement: { anchor: "@@", size: [10, 10] } } }),
    ).rejects.toMatchObject({ code: "PADES_SIGN_ANCHOR_NOT_FOUND" });
  });
});
