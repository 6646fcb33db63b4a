import { concatBytes } from "../src/bytes";

/**
 * Builds a classic-xref PDF of about `target` bytes for the benches: pages whose content streams
 * are 50 KB of pseudo-random bytes (incompressible), so hashing and copying dominate.
 */
export function makeBenchPdf(target: number, options: { seed?: number; letters?: boolean } = {}): Uint8Array {
  const chunk = 50_000;
  const pages = Math.max(1, Math.round(target / (chunk + 120)));
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
  let seed = options.seed ?? 1;
  for (let i = 0; i < pages; i++) {
    const data = new Uint8Array(chunk);
    for (let k = 0; k < chunk; k++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      // Letters keep the content printable for tools that scan it as text.
      data[k] = options.letters ? 0x61 + ((seed >>> 24) % 26) : seed >>> 24;
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
