import { zlibSync } from "fflate";
import type { PdfDocument } from "./document";
import { PdfError } from "./errors";
import {
  PdfArray,
  PdfDict,
  PdfName,
  PdfNumber,
  type PdfObject,
  PdfRef,
  PdfStream,
  PdfString,
  latin1Bytes,
} from "./objects";
import { concatBytes, serializeObject } from "./serialize";
import type { XrefEntry } from "./xref";

/** Options for an incremental update. */
export interface IncrementalUpdateOptions {
  /** Force the xref style; by default the input's own (table for table files, stream otherwise). */
  readonly xrefKind?: "table" | "stream";
  /** Replace the second element of the trailer /ID (§14.4); by default /ID is kept unchanged. */
  readonly newIdPart?: Uint8Array;
}

/** What `write()` produced. */
export interface IncrementalWriteResult {
  /** The appended bytes only; the updated file is `concat(doc.bytes, bytes)`. */
  readonly bytes: Uint8Array;
  /** Absolute offset (in the updated file) of each written object's `N G obj` header. */
  readonly offsets: ReadonlyMap<number, number>;
  /** Absolute offset of the new cross-reference section (the new `startxref` value). */
  readonly xrefOffset: number;
  /** Length of the updated file. */
  readonly totalLength: number;
}

interface Pending {
  readonly ref: PdfRef;
  readonly value: PdfObject | undefined;
}

/**
 * Builds one incremental update (ISO 32000-2 §7.5.6): new and changed objects plus a new
 * cross-reference section whose `/Prev` is the previous `startxref`. Existing bytes never change.
 *
 * @example
 * const up = createIncrementalUpdate(doc);
 * const ref = up.allocate();
 * up.set(ref, pdfDict({ Type: pdfName("Annot") }));
 * const { bytes } = await up.write();
 * const updated = concatBytes([doc.bytes, bytes]);
 */
export class IncrementalUpdate {
  private readonly pending = new Map<number, Pending>();
  private nextNumber: number;

  constructor(
    readonly doc: PdfDocument,
    private readonly options: IncrementalUpdateOptions = {},
  ) {
    this.nextNumber = doc.size;
  }

  /** Reserves a new object number (generation 0). */
  allocate(): PdfRef {
    return new PdfRef(this.nextNumber++, 0);
  }

  /** Writes `value` as object `ref` in this update (a new object, or a changed existing one). */
  set(ref: PdfRef, value: PdfObject): void {
    if (ref.num <= 0) throw new PdfError("PDF_WRITE_INVALID", `object number ${ref.num}`);
    this.pending.set(ref.num, { ref, value });
    if (ref.num >= this.nextNumber) this.nextNumber = ref.num + 1;
  }

  /** Marks an existing object as free in this update (§7.5.4). */
  free(ref: PdfRef): void {
    this.pending.set(ref.num, { ref, value: undefined });
  }

  /** The objects set so far, by number. */
  get objects(): ReadonlyMap<number, PdfObject | undefined> {
    return new Map([...this.pending].map(([n, p]) => [n, p.value]));
  }

  /** Serialises the update; encrypts new objects when the document is encrypted. */
  async write(): Promise<IncrementalWriteResult> {
    const security = this.doc.security;
    const objects = new Map<number, { ref: PdfRef; bytes: Uint8Array | undefined }>();
    for (const [num, p] of this.pending) {
      const v =
        p.value === undefined || !security ? p.value : await security.encryptObject(num, p.ref.gen, p.value);
      objects.set(num, { ref: p.ref, bytes: v === undefined ? undefined : serializeObject(v) });
    }
    return this.assemble(objects);
  }

  /** Serialises the update synchronously; PDF_WRITE_INVALID for an encrypted document (use `write`). */
  writeSync(): IncrementalWriteResult {
    if (this.doc.security) throw new PdfError("PDF_WRITE_INVALID", "encrypted documents need write()");
    const objects = new Map<number, { ref: PdfRef; bytes: Uint8Array | undefined }>();
    for (const [num, p] of this.pending) {
      objects.set(num, { ref: p.ref, bytes: p.value === undefined ? undefined : serializeObject(p.value) });
    }
    return this.assemble(objects);
  }

  private assemble(
    objects: Map<number, { ref: PdfRef; bytes: Uint8Array | undefined }>,
  ): IncrementalWriteResult {
    const base = this.doc.bytes.length;
    const parts: Uint8Array[] = [];
    let pos = base;
    const push = (b: Uint8Array) => {
      parts.push(b);
      pos += b.length;
    };
    const last = this.doc.bytes[base - 1];
    if (last !== 0x0a && last !== 0x0d) push(latin1Bytes("\n"));
    const rows = new Map<number, XrefEntry>();
    const offsets = new Map<number, number>();
    for (const [num, o] of [...objects].sort((a, b) => a[0] - b[0])) {
      if (o.bytes === undefined) {
        rows.set(num, { type: "free", num, gen: o.ref.gen + 1 });
        continue;
      }
      offsets.set(num, pos);
      rows.set(num, { type: "offset", num, gen: o.ref.gen, offset: pos });
      push(latin1Bytes(`${num} ${o.ref.gen} obj\n`));
      push(o.bytes);
      push(latin1Bytes("\nendobj\n"));
    }
    const full = this.doc.startxref < 0;
    if (full) addUnchangedEntries(this.doc, rows);
    const kind = this.xrefKind(rows);
    const xrefOffset = pos;
    if (kind === "table") push(this.tableSection(rows));
    else {
      const num = this.nextNumber++;
      rows.set(num, { type: "offset", num, gen: 0, offset: xrefOffset });
      offsets.set(num, xrefOffset);
      push(this.streamSection(rows, num));
    }
    push(latin1Bytes(`startxref\n${xrefOffset}\n%%EOF\n`));
    return { bytes: concatBytes(parts), offsets, xrefOffset, totalLength: pos };
  }

  private xrefKind(rows: ReadonlyMap<number, XrefEntry>): "table" | "stream" {
    if ([...rows.values()].some((e) => e.type === "compressed")) return "stream";
    return this.options.xrefKind ?? (this.doc.xrefKind === "table" ? "table" : "stream");
  }

  /** The new trailer: /Size, /Prev, and /Root, /Info, /ID, /Encrypt carried over (§7.5.5). */
  private trailer(size: number): PdfDict {
    const t = new PdfDict([["Size", new PdfNumber(size)]]);
    for (const key of ["Root", "Info", "Encrypt"]) {
      const v = this.doc.trailer.get(key);
      if (v !== undefined) t.set(key, v);
    }
    const id = this.doc.trailer.get("ID");
    if (id instanceof PdfArray && this.options.newIdPart && id.length === 2) {
      t.set("ID", new PdfArray([id.items[0]!, new PdfString(this.options.newIdPart, true)]));
    } else if (id !== undefined) t.set("ID", id);
    if (this.doc.startxref >= 0) t.set("Prev", new PdfNumber(this.doc.startxref));
    return t;
  }

  private tableSection(rows: ReadonlyMap<number, XrefEntry>): Uint8Array {
    let s = "xref\n";
    for (const [start, run] of runs([...rows.keys()].sort((a, b) => a - b))) {
      s += `${start} ${run.length}\n`;
      for (const num of run) s += tableRow(rows.get(num)!);
    }
    const trailer = serializeObject(this.trailer(this.nextNumber));
    return concatBytes([latin1Bytes(`${s}trailer\n`), trailer, latin1Bytes("\n")]);
  }

  private streamSection(rows: ReadonlyMap<number, XrefEntry>, selfNum: number): Uint8Array {
    const nums = [...rows.keys()].sort((a, b) => a - b);
    const maxOffset = Math.max(0, ...[...rows.values()].map((e) => (e.type === "offset" ? e.offset : 0)));
    const w = [1, byteWidth(maxOffset), 2];
    const data = new Uint8Array(nums.length * (w[0]! + w[1]! + w[2]!));
    let p = 0;
    const index: PdfObject[] = [];
    for (const [start, run] of runs(nums)) {
      index.push(new PdfNumber(start), new PdfNumber(run.length));
      for (const num of run) p = writeRow(data, p, w, rows.get(num)!);
    }
    const dict = this.trailer(this.nextNumber);
    dict.set("Type", new PdfName("XRef"));
    dict.set("W", new PdfArray(w.map((x) => new PdfNumber(x))));
    dict.set("Index", new PdfArray(index));
    dict.set("Filter", new PdfName("FlateDecode"));
    const body = serializeObject(new PdfStream(dict, zlibSync(data)));
    return concatBytes([latin1Bytes(`${selfNum} 0 obj\n`), body, latin1Bytes("\nendobj\n")]);
  }
}

/** Starts an incremental update of `doc` (see `IncrementalUpdate`). */
export function createIncrementalUpdate(
  doc: PdfDocument,
  options?: IncrementalUpdateOptions,
): IncrementalUpdate {
  return new IncrementalUpdate(doc, options);
}

/** For a file read by offset scan (no usable xref): restate every object so the new section stands alone. */
function addUnchangedEntries(doc: PdfDocument, rows: Map<number, XrefEntry>): void {
  rows.set(0, { type: "free", num: 0, gen: 65535 });
  for (const [num, e] of doc.entries) if (!rows.has(num)) rows.set(num, e);
}

function runs(sorted: readonly number[]): [number, number[]][] {
  const out: [number, number[]][] = [];
  for (const n of sorted) {
    const cur = out.at(-1);
    if (cur && cur[0] + cur[1].length === n) cur[1].push(n);
    else out.push([n, [n]]);
  }
  return out;
}

function tableRow(e: XrefEntry): string {
  if (e.type === "offset")
    return `${String(e.offset).padStart(10, "0")} ${String(e.gen).padStart(5, "0")} n\r\n`;
  return `0000000000 ${String(Math.min(e.gen, 65535)).padStart(5, "0")} f\r\n`;
}

function byteWidth(n: number): number {
  let w = 1;
  while (n >= 256 ** w) w++;
  return w;
}

function writeRow(data: Uint8Array, pos: number, w: readonly number[], e: XrefEntry): number {
  const fields =
    e.type === "offset"
      ? [1, e.offset, e.gen]
      : e.type === "compressed"
        ? [2, e.stream, e.index]
        : [0, 0, e.gen];
  let p = pos;
  fields.forEach((v, i) => {
    for (let k = w[i]! - 1; k >= 0; k--) data[p++] = Math.floor(v / 256 ** k) & 0xff;
  });
  return p;
}
