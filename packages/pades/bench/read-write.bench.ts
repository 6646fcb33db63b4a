/**
 * Reading and incremental-update benchmark for the PDF layer: opens generated 10 MB and 100 MB
 * files with `openPdf` (lazy) and with pdf-lib's `PDFDocument.load` (eager), then appends one
 * update with `createIncrementalUpdate`. Prints wall time and memory growth. Run: `pnpm bench`.
 */
import { PDFDocument } from "pdf-lib";
import { createIncrementalUpdate, openPdf, pdfDict, pdfName, PdfString } from "../src/pdf/index";
import { makeBenchPdf } from "./make-pdf";

function mem(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Runs `fn` `runs` times; prints the median wall time and the memory its (live) result holds. */
async function measure<T>(label: string, runs: number, fn: () => Promise<T> | T): Promise<T> {
  const times: number[] = [];
  let result: T | undefined;
  let held = 0;
  for (let i = 0; i < runs; i++) {
    const before = mem();
    const t0 = performance.now();
    result = await fn();
    times.push(performance.now() - t0);
    held = (mem() - before) / 1e6;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(
    `  ${label.padEnd(44)} ${median.toFixed(1).padStart(9)} ms (median of ${runs})  ${held.toFixed(1).padStart(7)} MB held`,
  );
  return result as T;
}

for (const mb of [10, 100]) {
  const bytes = makeBenchPdf(mb * 1024 * 1024);
  console.log(`\n${(bytes.length / 1e6).toFixed(1)} MB PDF, ${Math.round(bytes.length / 50_200)} pages`);
  const doc = await measure("openPdf + pages()", 7, async () => {
    const d = await openPdf(bytes);
    d.pages();
    return d;
  });
  await measure("doc.revisions (full %%EOF scan)", 5, async () => {
    const d = await openPdf(bytes);
    d.revisions;
    return d;
  });
  await measure("createIncrementalUpdate + write (1 object)", 7, async () => {
    const up = createIncrementalUpdate(doc);
    up.set(up.allocate(), pdfDict({ Type: pdfName("Test"), T: PdfString.fromText("bench") }));
    return (await up.write()).bytes.length;
  });
  await measure("pdf-lib PDFDocument.load + getPageCount()", 3, async () => {
    const d = await PDFDocument.load(bytes, { updateMetadata: false });
    d.getPageCount();
    return d;
  });
}
