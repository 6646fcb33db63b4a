import { PdfError } from "./errors";
import { decodeStream } from "./filters";
import { readObjHeader } from "./lexer";
import type { PdfLimits } from "./limits";
import { PdfNumber, type PdfObject, type PdfRef, PdfStream } from "./objects";
import { parseIndirectObject, parseObject } from "./parser";
import { scanObjectHeaders, type ScannedObject } from "./repair";
import type { XrefEntry } from "./xref";

/** Turns a freshly parsed object into its decrypted form (§7.6); identity for plain files. */
export type ObjectDecryptor = (num: number, gen: number, value: PdfObject) => PdfObject;

interface ObjectStreamIndex {
  readonly data: Uint8Array;
  readonly members: ReadonlyMap<number, number>;
  readonly order: readonly number[];
}

/** Lazily loads indirect objects through the merged cross-reference entries, with caches and loop guards. */
export class ObjectStore {
  private readonly cache = new Map<number, PdfObject>();
  private readonly objectStreams = new Map<number, ObjectStreamIndex>();
  private readonly loading = new Set<number>();
  private scanned: Map<number, ScannedObject> | undefined;
  /** Set when a lookup had to fall back to the offset scan. */
  repairedLazily = false;
  /** Optional decryption applied to objects read from the file body. */
  decryptor: ObjectDecryptor | undefined;
  /** Object numbers never decrypted (the /Encrypt dictionary). */
  readonly plainObjects = new Set<number>();

  constructor(
    readonly bytes: Uint8Array,
    readonly entries: Map<number, XrefEntry>,
    readonly limits: PdfLimits,
  ) {}

  /** The object `num` (null when free, absent or unreadable as the spec directs, §7.3.10). */
  get(num: number): PdfObject {
    if (this.cache.has(num)) return this.cache.get(num)!;
    if (this.loading.has(num)) throw new PdfError("PDF_LOOP", `object ${num} refers to itself while loading`);
    this.loading.add(num);
    try {
      const value = this.load(num);
      this.cache.set(num, value);
      return value;
    } finally {
      this.loading.delete(num);
    }
  }

  /** Pre-fills the cache (used after eager decryption). */
  prime(num: number, value: PdfObject): void {
    this.cache.set(num, value);
  }

  /** Reads object `num` at its recorded offset without caching or decrypting (null when absent). */
  readRaw(num: number): { gen: number; value: PdfObject } | undefined {
    const e = this.entries.get(num);
    if (e?.type !== "offset") return undefined;
    return this.readAt(num, e.offset);
  }

  private load(num: number): PdfObject {
    const e = this.entries.get(num);
    if (!e || e.type === "free") return null;
    if (e.type === "compressed") return this.fromObjectStream(num, e.stream);
    const raw = this.readAt(num, e.offset) ?? this.readScanned(num);
    if (!raw) return null;
    return this.decrypt(num, raw.gen, raw.value);
  }

  private decrypt(num: number, gen: number, value: PdfObject): PdfObject {
    if (!this.decryptor || this.plainObjects.has(num)) return value;
    if (value instanceof PdfStream && value.dict.getName("Type") === "XRef") return value;
    return this.decryptor(num, gen, value);
  }

  private readAt(num: number, offset: number): { gen: number; value: PdfObject } | undefined {
    const head = readObjHeader(this.bytes, offset);
    if (!head || head.num !== num) return undefined;
    try {
      const o = parseIndirectObject(this.bytes, offset, {
        maxDepth: this.limits.maxDepth,
        resolveLength: (ref) => this.lengthOf(ref),
      });
      return { gen: o.gen, value: o.value };
    } catch (e) {
      if (e instanceof PdfError && (e.code === "PDF_LIMIT" || e.code === "PDF_LOOP")) throw e;
      return undefined;
    }
  }

  private readScanned(num: number): { gen: number; value: PdfObject } | undefined {
    this.scanned ??= scanObjectHeaders(this.bytes, this.limits.maxObjects);
    const s = this.scanned.get(num);
    if (!s) return undefined;
    this.repairedLazily = true;
    return this.readAt(num, s.offset);
  }

  private lengthOf(ref: PdfRef): number | undefined {
    const v = this.get(ref.num);
    return v instanceof PdfNumber ? v.value : undefined;
  }

  /** Object numbers stored in object stream `streamNum`, in order. */
  objectStreamMembers(streamNum: number): readonly number[] {
    return this.objectStream(streamNum).order;
  }

  private fromObjectStream(num: number, streamNum: number): PdfObject {
    const os = this.objectStream(streamNum);
    // The stream header's object numbers decide where an object sits (§7.5.7), not the xref index.
    const at = os.members.get(num);
    if (at === undefined) return null;
    return parseObject(os.data, at, { maxDepth: this.limits.maxDepth }).value;
  }

  /** Decodes and indexes an object stream (§7.5.7), once. */
  private objectStream(streamNum: number): ObjectStreamIndex {
    const cached = this.objectStreams.get(streamNum);
    if (cached) return cached;
    const s = this.get(streamNum);
    if (!(s instanceof PdfStream)) throw new PdfError("PDF_OBJECT_MISSING", `object stream ${streamNum}`);
    const n = s.dict.getNumber("N") ?? 0;
    const first = s.dict.getNumber("First") ?? 0;
    if (n < 0 || n > this.limits.maxObjects) throw new PdfError("PDF_LIMIT", "object stream too large");
    const data = decodeStream(s, { maxSize: this.limits.maxDecodedSize });
    const members = new Map<number, number>();
    const order: number[] = [];
    let p = 0;
    for (let i = 0; i < n; i++) {
      const a = parseObject(data, p);
      const b = parseObject(data, a.end);
      if (!(a.value instanceof PdfNumber) || !(b.value instanceof PdfNumber)) {
        throw new PdfError("PDF_SYNTAX", `bad object stream header in ${streamNum}`);
      }
      members.set(a.value.value, first + b.value.value);
      order.push(a.value.value);
      p = b.end;
    }
    const index = { data, members, order };
    this.objectStreams.set(streamNum, index);
    return index;
  }
}
