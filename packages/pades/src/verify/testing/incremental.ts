/**
 * Test-only helpers that write incremental updates with a classic xref table, so attack
 * files can be built byte by byte. Not exported from the package.
 */
import { scanPdf } from "../pdf-scan/document";
import type { PdfValue } from "../pdf-scan/objects";

const enc = new TextEncoder();

/** Serialises a value of the verifier's object model back to PDF syntax. */
export function serialize(v: PdfValue | undefined): string {
  if (v === undefined || v === null) return "null";
  if (typeof v === "boolean" || typeof v === "number") return String(v);
  switch (v.kind) {
    case "name":
      return `/${v.value}`;
    case "string":
      return `<${Array.from(v.bytes, (b) => b.toString(16).padStart(2, "0")).join("")}>`;
    case "ref":
      return `${v.num} ${v.gen} R`;
    case "array":
      return `[${v.items.map(serialize).join(" ")}]`;
    case "dict":
      return `<<${[...v.entries].map(([k, x]) => `/${k} ${serialize(x)}`).join(" ")}>>`;
    case "stream":
      throw new Error("streams are written with raw()");
  }
}

/** One object of an update: its number and its body text (a stream body may be given raw). */
export interface UpdateObject {
  readonly num: number;
  readonly text: string;
  readonly gen?: number;
}

/** Appends an incremental update (objects + xref table + trailer with /Prev) to `pdf`. */
export function appendUpdate(
  pdf: Uint8Array,
  objects: readonly UpdateObject[],
  options: { free?: readonly number[]; trailerExtra?: string; rootOverride?: number } = {},
): Uint8Array {
  const scanned = scanPdf(pdf);
  const lastSection = scanned.sections[scanned.sections.length - 1]!;
  const trailer = lastSection.trailer;
  const size = Math.max(Number(trailer.entries.get("Size") ?? 0), ...objects.map((o) => o.num + 1));
  let text = pdf[pdf.length - 1] === 0x0a ? "" : "\n";
  const offsets = new Map<number, number>();
  let pos = pdf.length + text.length;
  for (const o of objects) {
    offsets.set(o.num, pos);
    const chunk = `${o.num} ${o.gen ?? 0} obj\n${o.text}\nendobj\n`;
    text += chunk;
    pos += enc.encode(chunk).length;
  }
  const xrefAt = pos;
  const nums = [...new Set([...offsets.keys(), ...(options.free ?? [])])].sort((a, b) => a - b);
  let xref = "xref\n";
  for (const n of nums) {
    const off = offsets.get(n);
    xref += `${n} 1\n${off === undefined ? `0000000000 65535 f` : `${String(off).padStart(10, "0")} 00000 n`} \n`;
  }
  const keep = ["Root", "Info", "ID", "Encrypt"]
    .filter((k) => trailer.entries.has(k) && !(k === "Root" && options.rootOverride !== undefined))
    .map((k) => `/${k} ${serialize(trailer.entries.get(k))}`);
  if (options.rootOverride !== undefined) keep.push(`/Root ${options.rootOverride} 0 R`);
  xref += `trailer\n<</Size ${size} /Prev ${lastSection.offset} ${keep.join(" ")} ${options.trailerExtra ?? ""}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  text += xref;
  const add = enc.encode(text);
  const out = new Uint8Array(pdf.length + add.length);
  out.set(pdf);
  out.set(add, pdf.length);
  return out;
}

/** The next free object number after every revision of `pdf`. */
export function nextObjectNumber(pdf: Uint8Array): number {
  const s = scanPdf(pdf);
  let max = 0;
  for (const sec of s.sections) {
    max = Math.max(max, Number(sec.trailer.entries.get("Size") ?? 0));
    for (const k of sec.entries.keys()) max = Math.max(max, k + 1);
  }
  return max;
}
