/**
 * Reading and incremental-update benchmark for the PDF layer: opens generated 10 MB and 100 MB
 * files with `openPdf` (lazy) and with pdf-lib's `PDFDocument.load` (eager), then appends one
 * update with `createIncrementalUpdate`. Prints wall time and memory growth. Run: `pnpm bench`.
 */
import { PDFDocument } from "pdf-lib";
import { concatBytes, createIncrementalUpdate, openPdf, pdfDict, pdfName, PdfString } from "../src/pdf/index";

/** Builds a classic-xref PDF of about `targetBytes` with 50 KB incompressible content streams. */
function makePdf(targetBytes: number): Uint8Array {
  const chunk = 50_000;
  const pages = Math.max(1, Math.round(targetBytes / (chunk + 200)));
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const offsets: number[] = [0];
  let pos = 0;
  const push = (b: Uint8Array) => {
    parts.push(b);
    pos += b.length;
  };
  const obj = (num: number, body: string, stream?: Uint8Array) => {
    offsets[num] = pos;
    push(enc.encode(`${num} 0 obj\n${body}\n`));
    if (stream) {
      push(enc.encode("stream\n"));
      push(stream);
      push(enc.encode("\nendstream\n"));
    }
    push(enc.encode("endobj\n"));
  };
  push(enc.encode("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"));
  const kids = Array.from({ length: pages }, (_, i) => `${3 + i * 2} 0 R`).join(" ");
  obj(1, "<</Type/Catalog/Pages 2 0 R>>");
  obj(2, `<</Type/Pages/Count ${pages}/MediaBox[0 0 595 842]/Kids[${kids}]>>`);
  let seed = 1;
  for (let i = 0; i < pages; i++) {
    const data = new Uint8Array(chunk);
    for (let k = 0; k < chunk; k++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      data[k] = seed >>> 24;
    }
    obj(3 + i * 2, `<</Type/Page/Parent 2 0 R/Contents ${4 + i * 2} 0 R>>`);
    obj(4 + i * 2, `<</Length ${chunk}>>`, data);
  }
  const size = 3 + pages * 2;
  const xref = pos;
  let table = `xref\n0 ${size}\n0000000000 65535 f\r\n`;
  for (let n = 1; n < size; n++) table += `${String(offsets[n]).padStart(10, "0")} 00000 n\r\n`;
  push(enc.encode(`${table}trailer\n<</Size ${size}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`));
  return concatBytes(parts);
}

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
  const bytes = makePdf(mb * 1024 * 1024);
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
