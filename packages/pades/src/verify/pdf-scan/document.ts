import { decodeStream } from "./filters";
import { asNumber, dictGet, type PdfDict, type PdfRef, PdfSyntaxError, type PdfValue } from "./objects";
import { isWhite, lastIndexOf, PdfParser } from "./parser";
import { readIndirectAt, readXrefChain, type XrefEntry, type XrefSection } from "./xref";

/** Where an object's current version lives, as a comparable key. */
export function entryKey(e: XrefEntry | undefined): string {
  if (e === undefined) return "none";
  if (e.type === "free") return "free";
  if (e.type === "offset") return `o${e.offset}`;
  return `c${e.stream}:${e.index}`;
}

/** The object table of one revision: the merge of sections 0..index (ISO 32000-2 §7.5.6). */
export class RevisionView {
  readonly entries: ReadonlyMap<number, XrefEntry>;
  readonly trailer: PdfDict;
  private readonly cache = new Map<number, PdfValue>();
  private readonly objStms = new Map<number, { data: Uint8Array; offsets: Map<number, number> }>();

  constructor(
    readonly bytes: Uint8Array,
    sections: readonly XrefSection[],
    readonly index: number,
    private readonly shared: Map<number, { num: number; value: PdfValue }> = new Map(),
  ) {
    const merged = new Map<number, XrefEntry>();
    for (const s of sections.slice(0, index + 1)) for (const [k, v] of s.entries) merged.set(k, v);
    this.entries = merged;
    this.trailer = sections[index]!.trailer;
  }

  /** Resolves a reference (or returns a direct value unchanged); a missing object is null. */
  resolve(value: PdfValue | undefined, depth = 0): PdfValue | undefined {
    if (value === null || value === undefined || typeof value !== "object" || value.kind !== "ref")
      return value;
    if (depth > 32) throw new PdfSyntaxError("reference chain too long", 0);
    return this.resolve(this.object(value.num), depth + 1);
  }

  /** The object with number `num` in this revision, or null when free or absent. */
  object(num: number): PdfValue {
    const hit = this.cache.get(num);
    if (hit !== undefined) return hit;
    const entry = this.entries.get(num);
    let value: PdfValue = null;
    if (entry?.type === "offset") {
      // The object at an offset is the same in every revision that points there: parse it once.
      let obj = this.shared.get(entry.offset);
      if (obj === undefined) {
        obj = readIndirectAt(this.bytes, entry.offset, (v) => asNumber(this.resolveLength(v)));
        this.shared.set(entry.offset, obj);
      }
      if (obj.num !== num)
        throw new PdfSyntaxError(`xref points object ${num} at object ${obj.num}`, entry.offset);
      value = obj.value;
    } else if (entry?.type === "compressed") {
      value = this.fromObjectStream(entry.stream, entry.index, num);
    }
    this.cache.set(num, value);
    return value;
  }

  private resolveLength(v: PdfValue | undefined): PdfValue | undefined {
    if (v !== null && typeof v === "object" && v?.kind === "ref") {
      const e = this.entries.get(v.num);
      if (e?.type !== "offset") return undefined;
      return readIndirectAt(this.bytes, e.offset, () => undefined).value;
    }
    return v;
  }

  private fromObjectStream(streamNum: number, _index: number, num: number): PdfValue {
    let stm = this.objStms.get(streamNum);
    if (stm === undefined) {
      const s = this.object(streamNum);
      if (s === null || typeof s !== "object" || s.kind !== "stream")
        throw new PdfSyntaxError("object stream missing", 0);
      const data = decodeStream(this.bytes, s);
      const n = asNumber(dictGet(s, "N")) ?? 0;
      const first = asNumber(dictGet(s, "First")) ?? 0;
      const p = new PdfParser(data, 0);
      const offsets = new Map<number, number>();
      for (let i = 0; i < n && i < 1_000_000; i++) {
        const on = p.readInt();
        const off = p.readInt();
        offsets.set(on, first + off);
      }
      stm = { data, offsets };
      this.objStms.set(streamNum, stm);
    }
    const at = stm.offsets.get(num);
    if (at === undefined) return null;
    return new PdfParser(stm.data, at).readValue();
  }

  /** The document catalog (`/Root`) of this revision. */
  catalog(): PdfValue | undefined {
    return this.resolve(this.trailer.entries.get("Root"));
  }
}

/** One revision: the sections up to `lastSection` (chain order) and where its `%%EOF` ends. */
export interface Revision {
  readonly lastSection: number;
  readonly eofEnd: number;
  readonly eofEndWithEol: number;
}

/** A PDF opened for verification: its bytes, its revisions oldest first, and a view per revision. */
export interface ScannedPdf {
  readonly bytes: Uint8Array;
  readonly sections: readonly XrefSection[];
  readonly revisions: readonly Revision[];
  readonly view: (revision: number) => RevisionView;
  /** Offset where bytes that belong to no readable revision begin (non-white tail), or null. */
  readonly trailingFrom: number | null;
  /** Objects parsed at each file offset, shared by every revision (decryption fills it first). */
  readonly objectsByOffset: Map<number, { num: number; value: PdfValue }>;
}

/**
 * Groups sections into revisions: a section whose `%%EOF` comes before an older section's
 * (the first-page table of a linearized file) belongs to the same revision as that one.
 */
function groupRevisions(sections: readonly XrefSection[]): Revision[] {
  const revisions: Revision[] = [];
  let end = -1;
  let withEol = -1;
  sections.forEach((s, i) => {
    if (s.eofEnd > end) {
      end = s.eofEnd;
      withEol = s.eofEndWithEol;
    }
    const last = revisions[revisions.length - 1];
    if (last !== undefined && last.eofEnd === end)
      revisions[revisions.length - 1] = { ...last, lastSection: i };
    else revisions.push({ lastSection: i, eofEnd: end, eofEndWithEol: withEol });
  });
  return revisions;
}

/** Reads the cross-reference chain of `bytes`; throws PdfSyntaxError when it cannot. */
export function scanPdf(bytes: Uint8Array): ScannedPdf {
  if (indexOfHeader(bytes) < 0) throw new PdfSyntaxError("no %PDF- header", 0);
  const { sections, trailingFrom } = readLongestChain(bytes);
  const revisions = groupRevisions(sections);
  const views = new Map<number, RevisionView>();
  const shared = new Map<number, { num: number; value: PdfValue }>();
  return {
    bytes,
    sections,
    revisions,
    trailingFrom,
    objectsByOffset: shared,
    view: (revision) => {
      let v = views.get(revision);
      if (v === undefined) {
        const last = revisions[revision]?.lastSection;
        if (last === undefined) throw new PdfSyntaxError(`no revision ${revision}`, 0);
        v = new RevisionView(bytes, sections, last, shared);
        views.set(revision, v);
      }
      return v;
    },
  };
}

function indexOfHeader(bytes: Uint8Array): number {
  const limit = Math.min(bytes.length - 5, 1024);
  for (let i = 0; i <= limit; i++) {
    if (
      bytes[i] === 0x25 &&
      bytes[i + 1] === 0x50 &&
      bytes[i + 2] === 0x44 &&
      bytes[i + 3] === 0x46 &&
      bytes[i + 4] === 0x2d
    )
      return i;
  }
  return -1;
}

/** True when `v` is a reference. */
export function isRef(v: PdfValue | undefined): v is PdfRef {
  return v !== null && typeof v === "object" && v?.kind === "ref";
}

/**
 * Reads the chain from the last `startxref`; when the tail is broken (content appended
 * without a readable xref), falls back to the last readable revision and marks the tail.
 */
function readLongestChain(bytes: Uint8Array): {
  sections: readonly XrefSection[];
  trailingFrom: number | null;
} {
  let limit = bytes.length;
  let firstError: unknown = null;
  for (let attempt = 0; attempt < 8; attempt++) {
    const at = lastIndexOf(bytes, "startxref", limit);
    if (at < 0) break;
    try {
      const sections = readXrefChain(bytes.subarray(0, bytes.length), at);
      const last = sections[sections.length - 1]!;
      const end = Math.max(...sections.map((s) => s.eofEndWithEol), last.eofEndWithEol);
      let tail = end < 0 ? bytes.length : end;
      while (tail < bytes.length && isWhite(bytes[tail])) tail++;
      return { sections, trailingFrom: tail < bytes.length ? end : null };
    } catch (error) {
      firstError ??= error;
      limit = at;
    }
  }
  throw firstError ?? new PdfSyntaxError("no startxref", bytes.length);
}
