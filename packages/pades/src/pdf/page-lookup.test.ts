import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixture } from "../../test/fixtures/sign/tools";
import { PdfArray, PdfDict, PdfName, PdfNumber, type PdfRef } from "./objects";
import { openPdf } from "./open-pdf";
import { createIncrementalUpdate } from "./incremental-update";
import { concatBytes } from "./serialize";

const fixtures = new URL("../../test/fixtures/", import.meta.url).pathname;
const pdfs = readdirSync(fixtures).filter((f) => f.endsWith(".pdf"));

describe("doc.page(i) and doc.pageCount (page tree descent by /Count, ISO 32000-2 §7.7.3.2)", () => {
  it("finds the same page as the full walk for every page of every fixture", async () => {
    expect(pdfs.length).toBeGreaterThan(3);
    for (const name of pdfs) {
      const password = /aes|rc4/.test(name) ? { password: "usersecret" } : {};
      const doc = await openPdf(fixture(name), password);
      let all: ReturnType<typeof doc.pages>;
      try {
        all = (await openPdf(fixture(name), password)).pages();
      } catch (e) {
        // A broken page tree (missing, looping) fails the same way when the count is asked for;
        // a page before the damage may still be found by the descent.
        expect(() => doc.pageCount, name).toThrowError(
          expect.objectContaining({ code: (e as { code: string }).code }),
        );
        continue;
      }
      expect(doc.pageCount, name).toBe(all.length);
      for (const p of all) {
        const one = doc.page(p.index);
        expect(one?.ref?.num, name).toBe(p.ref?.num);
        expect(one?.mediaBox, name).toEqual(p.mediaBox);
        expect(one?.rotate, name).toBe(p.rotate);
      }
      expect(doc.page(all.length)).toBeUndefined();
      expect(doc.page(-1)).toBeUndefined();
    }
  });

  it("descends a two-level tree and falls back to the walk when a /Count lies", async () => {
    const base = await openPdf(fixture("gs-letter.pdf"));
    const up = createIncrementalUpdate(base);
    const first = base.pages()[0]!;
    const pagesRef = base.catalog.get("Pages") as PdfRef;
    // Root -> [A (Count 1: the letter's page), B (Count 2: two new pages)]
    const a = up.allocate();
    const b = up.allocate();
    const p2 = up.allocate();
    const p3 = up.allocate();
    const page = (parent: PdfRef) =>
      new PdfDict([
        ["Type", new PdfName("Page")],
        ["Parent", parent],
        ["MediaBox", new PdfArray([0, 0, 300, 400].map((n) => new PdfNumber(n)))],
      ]);
    up.set(p2, page(b));
    up.set(p3, page(b).set("Rotate", new PdfNumber(90)));
    const node = (kids: PdfRef[], count: number) =>
      new PdfDict([
        ["Type", new PdfName("Pages")],
        ["Parent", pagesRef],
        ["Kids", new PdfArray(kids)],
        ["Count", new PdfNumber(count)],
      ]);
    up.set(a, node([first.ref!], 1));
    up.set(b, node([p2, p3], 2));
    up.set(first.ref!, first.dict.clone().set("Parent", a));
    const root = (countB: number) =>
      base
        .resolveDict(pagesRef)!
        .clone()
        .set("Kids", new PdfArray([a, b]))
        .set("Count", new PdfNumber(1 + countB));
    up.set(pagesRef, root(2));
    const good = await openPdf(concatBytes([base.bytes, up.writeSync().bytes]));
    expect(good.pageCount).toBe(3);
    expect(good.page(2)?.ref?.num).toBe(p3.num);
    expect(good.page(2)?.rotate).toBe(90);
    expect(good.page(0)?.ref?.num).toBe(first.ref!.num);
    // B claims one page: the descent sees the disagreement and the walk answers.
    up.set(b, node([p2, p3], 1));
    up.set(pagesRef, root(1));
    const lying = await openPdf(concatBytes([base.bytes, up.writeSync().bytes]));
    expect(lying.page(1)?.ref?.num).toBe(lying.pages()[1]?.ref?.num);
  });
});
