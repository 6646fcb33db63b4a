import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PdfError } from "./errors";
import { latin1Bytes, latin1String } from "./objects";
import { openPdf } from "./open-pdf";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url)));

/** A small deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Opens and walks a document; returns "ok" or the PdfError code; anything else fails the test. */
async function exercise(bytes: Uint8Array, password?: string): Promise<string> {
  try {
    const doc = await openPdf(bytes, password === undefined ? {} : { password });
    doc.pages();
    doc.fields();
    for (const n of doc.objectNumbers().slice(0, 200)) doc.getObject(n);
    return "ok";
  } catch (e) {
    if (e instanceof PdfError) return e.code;
    throw e;
  }
}

describe("damaged inputs", () => {
  it.each([
    ["minimal-xref.pdf", 200],
    ["minimal-hybrid-xref.pdf", 200],
    ["gs-letter.pdf", 200],
    ["minimal-two-fields-signed-twice.pdf", 60],
  ] as const)("%s: %i truncations and byte flips open or fail with a PdfError", async (name, runs) => {
    const src = fixture(name);
    const rand = rng(name.length * 7919);
    const outcomes = new Set<string>();
    for (let i = 0; i < runs; i++) {
      const b = src.slice(0, i % 3 === 0 ? Math.floor(rand() * src.length) : src.length);
      for (let k = 0; k < 1 + Math.floor(rand() * 4) && i % 3 !== 0; k++) {
        b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      }
      outcomes.add(await exercise(b));
    }
    expect(outcomes.has("ok")).toBe(true);
  });

  it.each([
    ["minimal-aes256.pdf", 20],
    ["minimal-rc4.pdf", 100],
  ] as const)("%s: %i byte flips open or fail with a PdfError", async (name, runs) => {
    const src = fixture(name);
    const rand = rng(name.length * 104729);
    const outcomes = new Set<string>();
    for (let i = 0; i < runs; i++) {
      const b = src.slice();
      for (let k = 0; k < 1 + Math.floor(rand() * 3); k++)
        b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      outcomes.add(await exercise(b, "usersecret"));
    }
    expect(outcomes.has("ok")).toBe(true);
  });

  it("reads through stale object offsets by scanning, and flags the file as repaired", async () => {
    const src = latin1String(fixture("minimal.pdf"));
    const xref = src.lastIndexOf("\nxref\n") + 1;
    // Shift every object by 40 bytes but keep the xref table (and startxref) pointing where it was.
    const shifted = src.replace("%PDF-1.7\n", `%PDF-1.7\n%${"x".repeat(39)}\n`);
    const doc = await openPdf(latin1Bytes(shifted));
    expect(doc.pages()).toHaveLength(1);
    expect(doc.repaired).toBe(true);
    expect(xref).toBeGreaterThan(0);
  });

  it("corrects a startxref that is a few bytes off", async () => {
    const src = latin1String(fixture("minimal.pdf"));
    const xref = src.lastIndexOf("\nxref\n") + 1;
    const off = src.replace(`startxref\n${xref}`, `startxref\n${xref - 3}`);
    const doc = await openPdf(latin1Bytes(off));
    expect(doc.startxref).toBe(xref);
    expect(doc.repaired).toBe(true);
    expect(doc.xrefSections).toHaveLength(1);
  });

  it("cuts a /Prev loop between two sections and flags the file as repaired", async () => {
    const src = latin1String(fixture("minimal.pdf"));
    const xref = src.lastIndexOf("\nxref\n") + 1;
    const looped = src.replace("/Size 5", `/Size 5 /Prev ${xref}`);
    const doc = await openPdf(latin1Bytes(looped));
    expect(doc.repaired).toBe(true);
    expect(doc.pages()).toHaveLength(1);
  });

  it("refuses an xref stream claiming more entries than the limit with PDF_LIMIT", async () => {
    await expect(openPdf(fixture("minimal-xref.pdf"), { limits: { maxObjects: 3 } })).rejects.toMatchObject({
      code: "PDF_LIMIT",
    });
  });

  it("refuses a stream that inflates beyond the size limit with PDF_LIMIT", async () => {
    await expect(
      openPdf(fixture("objstm-letter.pdf"), { limits: { maxDecodedSize: 64 } }),
    ).rejects.toMatchObject({
      code: "PDF_LIMIT",
    });
  });

  it("returns null for a reference to an object that does not exist", async () => {
    const doc = await openPdf(fixture("minimal-with-nonexistent-refs.pdf"));
    expect(doc.getObject(9999)).toBeNull();
  });
});
