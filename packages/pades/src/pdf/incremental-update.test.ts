import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { PdfDocument } from "./document";
import { createIncrementalUpdate } from "./incremental-update";
import { PdfDict, PdfNumber, type PdfRef, PdfString, latin1String, pdfDict, pdfName } from "./objects";
import { openPdf } from "./open-pdf";
import { concatBytes, serializeObject } from "./serialize";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), "pades-pdf-"));

/** Runs `qpdf --check` and returns its exit code and output (exit 0 = no errors or warnings). */
function qpdfCheck(bytes: Uint8Array, name: string): { code: number; out: string; warnings: string[] } {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const r = spawnSync("qpdf", ["--check", path], { encoding: "utf8" });
  if (r.error) throw r.error;
  const out = r.stdout + r.stderr;
  const warnings = out
    .split("\n")
    .filter((l) => l.includes("WARNING"))
    .map((l) => l.slice(l.indexOf("(")));
  return { code: r.status ?? -1, out, warnings };
}

/** Adds one new object and changes the catalog (a marker key pointing at the new object). */
async function updateOnce(doc: PdfDocument, label: string): Promise<{ bytes: Uint8Array; marker: PdfRef }> {
  const up = createIncrementalUpdate(doc);
  const marker = up.allocate();
  up.set(marker, pdfDict({ Type: pdfName("TekenTest"), Label: PdfString.fromText(label) }));
  const catalog = doc.catalog.clone().set("TekenMarker", marker);
  up.set(doc.trailer.get("Root") as PdfRef, catalog);
  const result = await up.write();
  expect(result.totalLength).toBe(doc.bytes.length + result.bytes.length);
  const bytes = concatBytes([doc.bytes, result.bytes]);
  const at = result.offsets.get(marker.num)!;
  expect(latin1String(bytes.subarray(at, at + 12))).toMatch(new RegExp(`^${marker.num} 0 obj`));
  return { bytes, marker };
}

const shapes = [
  ["minimal.pdf", "table"],
  ["minimal-xref.pdf", "stream"],
  ["minimal-hybrid-xref.pdf", "hybrid"],
  ["minimal-hybrid-xref-mswordstyle.pdf", "hybrid"],
  ["uncompressed-objstream-sample.pdf", "stream"],
  ["gs-letter.pdf", "table"],
  ["objstm-letter.pdf", "stream"],
  ["linearized-letter.pdf", "table"],
  ["qdf-letter.pdf", "table"],
  ["chromium-letter.pdf", "table"],
  ["safedocs_CompactedPDFSyntaxTest.pdf", "table"],
  ["minimal-signed-twice-both-created.pdf", "stream"],
] as const;

describe("createIncrementalUpdate", () => {
  it.each(shapes)("%s (%s): three successive updates pass qpdf --check and read back", async (name, kind) => {
    const original = fixture(name);
    let bytes: Uint8Array = original;
    const before = qpdfCheck(original, `orig-${name}`);
    for (let round = 1; round <= 3; round++) {
      const doc = await openPdf(bytes);
      const pagesBefore = doc.pages().length;
      const { bytes: next, marker } = await updateOnce(doc, `round ${round}`);
      expect(next.subarray(0, bytes.length)).toEqual(bytes);
      const check = qpdfCheck(next, `r${round}-${name}`);
      // Same verdict as on the input: no new errors or warnings (a few inputs carry old warnings).
      expect(check.out).not.toMatch(/ERROR/);
      expect(check.code).toBe(before.code);
      expect(check.warnings).toEqual(before.warnings);
      const reread = await openPdf(next);
      expect(reread.repaired).toBe(false);
      expect(reread.xrefKind).toBe(kind === "table" ? "table" : "stream");
      expect(reread.revisions).toHaveLength(doc.revisions.length + 1);
      expect(reread.pages()).toHaveLength(pagesBefore);
      const m = reread.resolveDict(reread.catalog.get("TekenMarker"));
      expect((m!.get("Label") as PdfString).text()).toBe(`round ${round}`);
      expect(reread.getObject(marker)).toBeInstanceOf(PdfDict);
      bytes = next;
    }
    // An independent reader (MuPDF) sees the last update too.
    const path = join(dir, `mutool-${name}`);
    writeFileSync(path, bytes);
    expect(
      execFileSync("mutool", ["show", path, "trailer/Root/TekenMarker/Label"], { encoding: "utf8" }),
    ).toContain("round 3");
  });

  it("keeps /ID, /Info and sets /Prev and /Size in a table update", async () => {
    const doc = await openPdf(fixture("gs-letter.pdf"));
    const { bytes } = await updateOnce(doc, "x");
    const reread = await openPdf(bytes);
    const newest = reread.xrefSections.at(-1)!;
    expect(newest.kind).toBe("table");
    expect(newest.trailer.getNumber("Prev")).toBe(doc.startxref);
    expect(newest.trailer.getNumber("Size")).toBe(doc.size + 1);
    expect(doc.trailer.get("ID")).toBeDefined();
    expect(serializeObject(reread.trailer.get("ID")!)).toEqual(serializeObject(doc.trailer.get("ID")!));
    expect(reread.trailer.get("Info")).toEqual(doc.trailer.get("Info"));
  });

  it("starts with a newline when the input does not end with one", async () => {
    const src = fixture("minimal.pdf");
    const trimmed = src.subarray(0, src.length - 1);
    expect(trimmed.at(-1)).not.toBe(0x0a);
    const doc = await openPdf(trimmed);
    const up = createIncrementalUpdate(doc);
    up.set(up.allocate(), new PdfNumber(42));
    const r = up.writeSync();
    expect(r.bytes[0]).toBe(0x0a);
    expect(qpdfCheck(concatBytes([trimmed, r.bytes]), "trimmed.pdf").code).toBe(0);
  });

  it("restates every object when the input's xref was unusable, making it valid again", async () => {
    const doc = await openPdf(fixture("minimal-startxref-hopeless.pdf"));
    expect(doc.repaired).toBe(true);
    const { bytes } = await updateOnce(doc, "fixed");
    expect(qpdfCheck(bytes, "hopeless-fixed.pdf").code).toBe(0);
    const reread = await openPdf(bytes);
    expect(reread.repaired).toBe(false);
  });

  it("frees an object", async () => {
    const doc = await openPdf(fixture("gs-letter.pdf"));
    const up = createIncrementalUpdate(doc);
    const info = doc.trailer.get("Info") as PdfRef;
    up.free(info);
    const r = up.writeSync();
    const reread = await openPdf(concatBytes([doc.bytes, r.bytes]));
    expect(reread.getObject(info)).toBeNull();
    expect(reread.xrefSections.at(-1)!.entries.get(info.num)?.type).toBe("free");
  });

  it.each([
    ["poppler-signed-once.pdf", 1],
    ["poppler-signed-twice.pdf", 2],
    ["minimal-signed-twice-both-created.pdf", 2],
    ["minimal-two-fields-signed-twice.pdf", 2],
  ] as const)("%s: its %i signature(s) stay valid for pdfsig after two updates", async (name, count) => {
    const first = await updateOnce(await openPdf(fixture(name)), "after signing");
    const { bytes } = await updateOnce(await openPdf(first.bytes), "again");
    const path = join(dir, `upd-${name}`);
    writeFileSync(path, bytes);
    const out = execFileSync("pdfsig", [path], { encoding: "utf8" });
    expect(out.match(/Signature is Valid/g) ?? []).toHaveLength(count);
    expect(out).not.toContain("Total document signed");
  });
});
