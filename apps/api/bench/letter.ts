import {
  PdfArray,
  PdfDict,
  type PdfObject,
  PdfRef,
  PdfStream,
  concatBytes,
  createIncrementalUpdate,
  openPdf,
  pdfDict,
  pdfName,
  pdfNumber,
} from "@teken/pades";

/**
 * The bench's letter: the sample letter (its `^` anchor included) with a photo-like image
 * drawn in the page's top-right corner, added as an incremental update, so the file is about
 * `target` bytes (the issue asks for 100 KB letters). The image is uncompressed RGB noise
 * (a scan compresses about as badly), so hashing and copying see every byte.
 */
export async function benchLetter(sample: Uint8Array, target = 100_000): Promise<Uint8Array> {
  const doc = await openPdf(sample);
  const page = doc.pages()[0];
  if (!page?.ref) throw new Error("bench letter: the sample has no first page reference");
  const side = Math.max(8, Math.floor(Math.sqrt(Math.max(0, target - sample.byteLength - 200) / 3)));
  const pixels = new Uint8Array(side * side * 3);
  let seed = 20_261_125;
  for (let i = 0; i < pixels.length; i++) {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    pixels[i] = seed >>> 24;
  }
  const update = createIncrementalUpdate(doc);
  const image = update.allocate();
  update.set(
    image,
    new PdfStream(
      pdfDict({
        Type: pdfName("XObject"),
        Subtype: pdfName("Image"),
        Width: pdfNumber(side),
        Height: pdfNumber(side),
        ColorSpace: pdfName("DeviceRGB"),
        BitsPerComponent: pdfNumber(8),
        Length: pdfNumber(pixels.byteLength),
      }),
      pixels,
    ),
  );
  // The page's own content is wrapped in q/Q so its transformations do not move the photo.
  const stream = (text: string) => {
    const ref = update.allocate();
    const bytes = new TextEncoder().encode(text);
    update.set(ref, new PdfStream(pdfDict({ Length: pdfNumber(bytes.byteLength) }), bytes));
    return ref;
  };
  const before = stream("q\n");
  const content = stream("\nQ q 60 0 0 60 480 740 cm /TekenBenchPhoto Do Q\n");
  const pageDict = doc.resolveDict(page.ref) as PdfDict;
  const resources = page.resources?.clone() ?? new PdfDict();
  const xobjects = doc.resolveDict(resources.get("XObject"))?.clone() ?? new PdfDict();
  xobjects.set("TekenBenchPhoto", image);
  resources.set("XObject", xobjects);
  const old = pageDict.get("Contents");
  const own: PdfObject[] = old instanceof PdfArray ? [...old.items] : old instanceof PdfRef ? [old] : [];
  const contents: PdfObject[] = [before, ...own, content];
  const updated = pageDict.clone();
  updated.set("Resources", resources);
  updated.set("Contents", new PdfArray(contents));
  update.set(page.ref, updated);
  const written = await update.write();
  return concatBytes([sample, written.bytes]);
}
