import { beforeAll, describe, expect, it } from "vitest";
import { type SigningKit, createSigningKit, makeLetter } from "../test/support/make-pdfs";
import { locateSignatureWidgets } from "./locate-widgets";

describe("locateSignatureWidgets", () => {
  let kit: SigningKit;
  beforeAll(async () => {
    kit = await createSigningKit();
  }, 120_000);

  it("finds a visible signature's page and rectangle (x, y, width, height -> /Rect)", async () => {
    const pdf = await kit.sign(makeLetter(), "Tanda-Tangan-1", { page: 1, rect: [330, 90, 200, 70] });
    expect(await locateSignatureWidgets(pdf)).toEqual([
      { fieldName: "Tanda-Tangan-1", page: 0, rect: [330, 90, 530, 160] },
    ]);
  });

  it("leaves out invisible signatures and finds the visible one next to them", async () => {
    const once = await kit.sign(makeLetter(), "Tak-Terlihat");
    expect(await locateSignatureWidgets(once)).toEqual([]);
    const twice = await kit.sign(once, "Terlihat", { page: 1, rect: [40, 700, 120, 50] });
    expect(await locateSignatureWidgets(twice)).toEqual([
      { fieldName: "Terlihat", page: 0, rect: [40, 700, 160, 750] },
    ]);
  });

  it("finds nothing in an unsigned letter and throws on a non-PDF", async () => {
    expect(await locateSignatureWidgets(makeLetter())).toEqual([]);
    await expect(locateSignatureWidgets(new TextEncoder().encode("bukan pdf"))).rejects.toThrow();
  });
});
