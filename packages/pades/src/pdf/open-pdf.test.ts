import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isPdfError } from "./errors";
import { latin1Bytes, latin1String } from "./objects";
import { openPdf } from "./open-pdf";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url)));

/** Page counts as `qpdf --show-npages` and `pdfinfo` report them (circular-page-tree excepted: qpdf trusts /Count). */
const readable: ReadonlyArray<readonly [string, number, "table" | "stream" | "hybrid"]> = [
  ["certified-with-indirect-refs-in-dir.pdf", 1, "table"],
  ["chromium-letter.pdf", 1, "table"],
  ["coverage-anomalies_base.pdf", 1, "table"],
  ["coverage-anomalies_one-byterange.pdf", 1, "table"],
  ["coverage-anomalies_signature-gap-too-big.pdf", 1, "table"],
  ["coverage-anomalies_tail-uncovered.pdf", 1, "table"],
  ["coverage-anomalies_weird-byterange.pdf", 1, "table"],
  ["empty-a4.pdf", 1, "table"],
  ["form-tree-circular-ref-input.pdf", 1, "table"],
  ["gs-letter.pdf", 2, "table"],
  ["linearized-letter.pdf", 2, "table"],
  ["malformed-xref-space-padded.pdf", 1, "table"],
  ["minimal-badxref.pdf", 1, "table"],
  ["minimal-broken-xref-size.pdf", 1, "table"],
  ["minimal-hybrid-xref-mswordstyle.pdf", 1, "hybrid"],
  ["minimal-hybrid-xref.pdf", 1, "hybrid"],
  ["minimal-illegal-header.pdf", 1, "table"],
  ["minimal-one-field-indir-annots.pdf", 1, "table"],
  ["minimal-signed-twice-both-created.pdf", 1, "stream"],
  ["minimal-startxref-hopeless.pdf", 1, "table"],
  ["minimal-startxref-obo1.pdf", 1, "table"],
  ["minimal-startxref-obo3.pdf", 1, "stream"],
  ["minimal-startxref-same-line.pdf", 1, "table"],
  ["minimal-two-fields-signed-twice.pdf", 1, "stream"],
  ["minimal-two-fields.pdf", 1, "table"],
  ["minimal-two-pages.pdf", 2, "table"],
  ["minimal-with-field.pdf", 1, "table"],
  ["minimal-with-nonexistent-refs.pdf", 1, "table"],
  ["minimal-with-orphaned-xrefs.pdf", 1, "table"],
  ["minimal-with-simple-form.pdf", 1, "table"],
  ["minimal-xref.pdf", 1, "stream"],
  ["minimal.pdf", 1, "table"],
  ["no-mediabox.pdf", 1, "table"],
  ["objstm-letter.pdf", 2, "stream"],
  ["pades-lta-dss-indirect-arrs-test.pdf", 1, "table"],
  ["pades-with-old-style-signing-cert-attr.pdf", 1, "table"],
  ["page-tree-direct-kid.pdf", 2, "table"],
  ["pdf-sig-with-econtent.pdf", 1, "table"],
  ["poppler-signed-once.pdf", 2, "table"],
  ["poppler-signed-twice.pdf", 2, "table"],
  ["qdf-letter.pdf", 2, "table"],
  ["safedocs_CompactedPDFSyntaxTest.pdf", 1, "table"],
  ["separate-annots-kids-indir.pdf", 1, "table"],
  ["sig-no-signed-attrs.pdf", 1, "table"],
  ["sig-with-ski-sid.pdf", 1, "table"],
  ["struct-tree-circular-ref.pdf", 1, "stream"],
  ["uncompressed-objstream-sample.pdf", 1, "stream"],
];

const refused = ["broken-objstream1.pdf", "broken-objstream2.pdf", "circular-page-tree.pdf"];

describe("openPdf on the corpus", () => {
  it("covers every PDF fixture except the two encrypted ones (tested in encryption/)", () => {
    const dir = new URL("../../test/fixtures/", import.meta.url);
    const all = readdirSync(dir).filter((f) => f.endsWith(".pdf"));
    const listed = new Set([
      ...readable.map((r) => r[0]),
      ...refused,
      "minimal-aes256.pdf",
      "minimal-rc4.pdf",
    ]);
    expect(all.filter((f) => !listed.has(f))).toEqual([]);
  });

  it.each(readable)("%s opens with %i page(s), xref kind %s", async (name, pages, kind) => {
    const doc = await openPdf(fixture(name));
    expect(doc.pages()).toHaveLength(pages);
    expect(doc.xrefKind).toBe(kind);
    expect(doc.catalog.getName("Type")).toBe("Catalog");
    expect(doc.revisions.at(-1)).toBeLessThanOrEqual(doc.bytes.length);
  });

  it.each([
    ["broken-objstream1.pdf", "PDF_OBJECT_MISSING"],
    ["broken-objstream2.pdf", "PDF_SYNTAX"],
    ["circular-page-tree.pdf", "PDF_LOOP"],
  ] as const)("%s refuses its page tree with %s (qpdf finds no usable tree either)", async (name, code) => {
    const doc = await openPdf(fixture(name));
    let err: unknown;
    try {
      doc.pages();
    } catch (e) {
      err = e;
    }
    expect(isPdfError(err, code)).toBe(true);
  });

  it("repairs a file whose startxref points nowhere, and flags it", async () => {
    const doc = await openPdf(fixture("minimal-startxref-hopeless.pdf"));
    expect(doc.repaired).toBe(true);
    expect(doc.xrefSections).toHaveLength(0);
  });

  it("does not flag a clean file as repaired", async () => {
    const doc = await openPdf(fixture("minimal.pdf"));
    doc.pages();
    expect(doc.repaired).toBe(false);
  });

  it("refuses bytes that are not a PDF with PDF_NOT_A_PDF", async () => {
    await expect(openPdf(latin1Bytes("hello world"))).rejects.toMatchObject({ code: "PDF_NOT_A_PDF" });
  });

  it("refuses a PDF with no recoverable trailer with PDF_XREF_BROKEN", async () => {
    await expect(openPdf(latin1Bytes("%PDF-1.7\n1 0 obj\n<</A 1>>\nendobj\n"))).rejects.toMatchObject({
      code: "PDF_XREF_BROKEN",
    });
  });
});

describe("revisions and xref sections", () => {
  it("lists each revision end and what each section defines", async () => {
    const bytes = fixture("poppler-signed-twice.pdf");
    const doc = await openPdf(bytes);
    expect(doc.revisions).toHaveLength(3);
    expect(doc.revisions.at(-1)).toBe(bytes.length);
    expect(doc.xrefSections.map((s) => s.revision)).toEqual([0, 1, 2]);
    const last = doc.xrefSections[2]!;
    expect(last.entries.size).toBeGreaterThan(0);
    for (const e of last.entries.values()) {
      if (e.type === "offset") expect(e.offset).toBeGreaterThan(doc.revisions[1]! - 1);
    }
  });

  it("gives each %%EOF position with and without its end-of-line, and the version", async () => {
    const src = latin1String(fixture("minimal.pdf")).trimEnd();
    const doc = await openPdf(latin1Bytes(`${src}\r\n`));
    expect(doc.revisionMarkers).toEqual([{ eof: src.length, end: src.length + 2 }]);
    expect(doc.version).toBe("1.7");
  });

  it("opens the document as of an earlier revision", async () => {
    const bytes = fixture("poppler-signed-twice.pdf");
    const doc = await openPdf(bytes);
    const older = await openPdf(bytes.subarray(0, doc.revisions[1]));
    expect(older.fields().filter((f) => f.type === "Sig")).toHaveLength(1);
    expect(doc.fields().filter((f) => f.type === "Sig")).toHaveLength(2);
  });

  it("gives full names for nested fields and survives a form-tree loop", async () => {
    const doc = await openPdf(fixture("form-tree-circular-ref-input.pdf"));
    expect(doc.fields().map((f) => f.fullName)).toEqual([
      "Sig1",
      "TextInput",
      "TextInput.TextField1",
      "TextInput.TextField2",
    ]);
  });

  it("reads annotations through an indirect /Annots array", async () => {
    const doc = await openPdf(fixture("minimal-one-field-indir-annots.pdf"));
    const page = doc.pages()[0]!;
    expect(doc.annotations(page.dict).map((a) => a.subtype)).toEqual(["Widget"]);
  });

  it("resolves inherited MediaBox", async () => {
    const doc = await openPdf(fixture("page-tree-direct-kid.pdf"));
    const pages = doc.pages();
    expect(pages.map((p) => p.mediaBox)).toEqual([
      [0, 0, 595, 842],
      [0, 0, 595, 842],
    ]);
    expect(pages.map((p) => p.ref?.num)).toEqual([5, undefined]);
  });
});
