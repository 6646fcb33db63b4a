import { PdfError } from "./errors";
import { type FormField, collectFields } from "./form-fields";
import type { PdfLimits } from "./limits";
import type { ObjectStore } from "./object-store";
import { PdfArray, PdfDict, type PdfObject, PdfRef, PdfStream, latin1String } from "./objects";
import { type PdfPage, collectPages, findPage } from "./page-tree";
import { type RevisionMarker, findRevisionMarkers } from "./revisions";
import type { XrefEntry, XrefSection } from "./xref";
import type { PdfSecurity } from "./encryption/security-handler";

/** The cross-reference style of a file's newest section. */
export type XrefKind = "table" | "stream" | "hybrid";

/** One cross-reference section with the revision it belongs to. */
export interface RevisionXref extends XrefSection {
  /** Index into `PdfDocument.revisions` of the revision this section ends (by byte position). */
  readonly revision: number;
}

/** An annotation on a page. */
export interface PdfAnnotation {
  /** The annotation's reference, when it is an indirect object. */
  readonly ref: PdfRef | undefined;
  /** The annotation dictionary, resolved. */
  readonly dict: PdfDict;
  /** The annotation's `/Subtype` name (e.g. "Widget", "Link"). */
  readonly subtype: string | undefined;
}

/** Everything `openPdf` hands to the document. */
export interface PdfDocumentInit {
  readonly bytes: Uint8Array;
  readonly store: ObjectStore;
  readonly trailer: PdfDict;
  readonly sections: readonly XrefSection[];
  readonly xrefKind: XrefKind;
  readonly startxref: number;
  readonly repaired: boolean;
  readonly limits: PdfLimits;
  readonly security: PdfSecurity | undefined;
}

/** A PDF opened for reading (ISO 32000-2 §7.5); objects load lazily through the cross-reference data. */
export class PdfDocument {
  /** The whole file, unchanged. */
  readonly bytes: Uint8Array;
  private markers: readonly RevisionMarker[] | undefined;
  private pageList: readonly PdfPage[] | undefined;
  private revisionEnds: readonly number[] | undefined;
  private taggedSections: readonly RevisionXref[] | undefined;
  private readonly sections: readonly XrefSection[];
  /** The style of the newest cross-reference section. */
  readonly xrefKind: XrefKind;
  /** The newest trailer (or xref stream dictionary). */
  readonly trailer: PdfDict;
  /** The offset of the newest cross-reference section (what the final `startxref` names). */
  readonly startxref: number;
  /** The limits this document was opened with. */
  readonly limits: PdfLimits;
  /** The standard security handler state when the file is encrypted. */
  readonly security: PdfSecurity | undefined;
  private readonly store: ObjectStore;
  private readonly repairedAtOpen: boolean;

  constructor(init: PdfDocumentInit) {
    this.bytes = init.bytes;
    this.store = init.store;
    this.trailer = init.trailer;
    this.sections = init.sections;
    this.xrefKind = init.xrefKind;
    this.startxref = init.startxref;
    this.repairedAtOpen = init.repaired;
    this.limits = init.limits;
    this.security = init.security;
  }

  /**
   * The end offset (just after `%%EOF` and its end-of-line) of each revision, in file order
   * (§7.5.6); computed on first use by one scan of the file.
   */
  get revisions(): readonly number[] {
    this.revisionEnds ??= this.revisionMarkers.map((m) => m.end);
    return this.revisionEnds;
  }

  /** Each revision's `%%EOF` position: `eof` just after the marker, `end` after its end-of-line too. */
  get revisionMarkers(): readonly RevisionMarker[] {
    this.markers ??= findRevisionMarkers(this.bytes);
    return this.markers;
  }

  /** The header version (`%PDF-1.7` gives "1.7"), overridden by a later catalog /Version (§7.2.2). */
  get version(): string | undefined {
    const head = latin1String(this.bytes.subarray(0, 1024)).match(/%PDF-(\d+\.\d+)/)?.[1];
    const cat = this.catalog.getName("Version");
    return cat !== undefined && (head === undefined || Number(cat) > Number(head)) ? cat : head;
  }

  /** The cross-reference sections, oldest first, each tagged with the revision it belongs to. */
  get xrefSections(): readonly RevisionXref[] {
    const ends = this.revisions;
    this.taggedSections ??= this.sections.map((s) => {
      const r = ends.findIndex((end) => end > s.offset);
      return { ...s, revision: r < 0 ? ends.length - 1 : r };
    });
    return this.taggedSections;
  }

  /** True when reading needed a repair (offset scan, corrected startxref, cut /Prev loop). */
  get repaired(): boolean {
    return this.repairedAtOpen || this.store.repairedLazily;
  }

  /** True when the file has an /Encrypt dictionary. */
  get encrypted(): boolean {
    return this.security !== undefined;
  }

  /** The document catalog (§7.7.2). */
  get catalog(): PdfDict {
    const c = this.resolve(this.trailer.get("Root"));
    if (!(c instanceof PdfDict)) throw new PdfError("PDF_OBJECT_MISSING", "catalog");
    return c;
  }

  /** One more than the highest object number in use: the next free number for an update. */
  get size(): number {
    let max = this.trailer.getNumber("Size") ?? 0;
    for (const num of this.store.entries.keys()) if (num + 1 > max) max = num + 1;
    return max;
  }

  /** The object `ref` points to (null when free or missing, §7.3.10). */
  getObject(ref: PdfRef | number): PdfObject {
    return this.store.get(typeof ref === "number" ? ref : ref.num);
  }

  /** Follows references until a direct object (bounded); undefined stays undefined. */
  resolve(obj: PdfObject | undefined): PdfObject | undefined {
    let o = obj;
    for (let i = 0; o instanceof PdfRef; i++) {
      if (i > 32) throw new PdfError("PDF_LOOP", "reference chain");
      o = this.store.get(o.num);
    }
    return o;
  }

  /** Resolves `obj` and returns it when it is a dictionary (a stream's dictionary too when `allowStream`). */
  resolveDict(obj: PdfObject | undefined, allowStream = false): PdfDict | undefined {
    const o = this.resolve(obj);
    if (o instanceof PdfDict) return o;
    return allowStream && o instanceof PdfStream ? o.dict : undefined;
  }

  /** Resolves `obj` and returns it when it is an array. */
  resolveArray(obj: PdfObject | undefined): PdfArray | undefined {
    const o = this.resolve(obj);
    return o instanceof PdfArray ? o : undefined;
  }

  /** The merged cross-reference entries in effect (newest definition of each object number). */
  get entries(): ReadonlyMap<number, XrefEntry> {
    return this.store.entries;
  }

  /** Object numbers with an in-use cross-reference entry. */
  objectNumbers(): number[] {
    return [...this.store.entries.values()].filter((e) => e.type !== "free").map((e) => e.num);
  }

  /** The pages in order, with inherited attributes resolved (§7.7.3.4); a loop is PDF_LOOP. */
  pages(): PdfPage[] {
    this.pageList ??= collectPages(this);
    return [...this.pageList];
  }

  /**
   * The page at 0-based `index` (undefined when out of range), found through the /Count of the
   * page tree's nodes without reading every page (a signer needs one page of a 2 000-page file).
   */
  page(index: number): PdfPage | undefined {
    return this.pageList ? this.pageList[index] : findPage(this, index);
  }

  /** The number of pages: the root's /Count when it is a valid integer, else the length of `pages()`. */
  get pageCount(): number {
    if (this.pageList) return this.pageList.length;
    const count = this.resolveDict(this.catalog.get("Pages"))?.getNumber("Count");
    if (count !== undefined && Number.isInteger(count) && count >= 0) {
      // A root /Count that overstates the pages falls back to the walk.
      if (count === 0 || findPage(this, count - 1) !== undefined) return count;
    }
    return this.pages().length;
  }

  /** The AcroForm fields (§12.7.4) depth-first with full names; loops are skipped. */
  fields(): FormField[] {
    return collectFields(this);
  }

  /** The annotations of a page (§12.5), given its reference or dictionary. */
  annotations(page: PdfRef | PdfDict): PdfAnnotation[] {
    const dict = page instanceof PdfRef ? this.resolveDict(page) : page;
    const annots = this.resolveArray(dict?.get("Annots"));
    if (!annots) return [];
    const out: PdfAnnotation[] = [];
    for (const item of annots.items) {
      const d = this.resolveDict(item);
      if (d)
        out.push({ ref: item instanceof PdfRef ? item : undefined, dict: d, subtype: d.getName("Subtype") });
    }
    return out;
  }
}
