import { PdfDocument, type XrefKind } from "./document";
import { type PdfSecurity, openSecurity } from "./encryption/security-handler";
import { PdfError, isPdfError } from "./errors";
import { indexOfAscii } from "./lexer";
import { type PdfLimits, defaultPdfLimits } from "./limits";
import { ObjectStore } from "./object-store";
import { PdfArray, PdfDict, PdfRef, PdfString } from "./objects";
import { repairXref } from "./repair-xref";
import type { XrefEntry, XrefSection } from "./xref";
import { readXrefChain } from "./xref-chain";

/** Options for `openPdf`. */
export interface OpenPdfOptions {
  /** The user or owner password of an encrypted file. */
  readonly password?: string | Uint8Array;
  /** Overrides of the default reading limits. */
  readonly limits?: Partial<PdfLimits>;
  /** Web Crypto implementation (defaults to globalThis.crypto), used for encrypted files. */
  readonly crypto?: Crypto;
}

/**
 * Opens a PDF lazily through its cross-reference data (ISO 32000-2 §7.5), following the last
 * `startxref` and its `/Prev` chain; falls back to a bounded offset scan (flagged `repaired`).
 * To read the document as of an earlier revision, open `bytes.subarray(0, doc.revisions[i])`.
 *
 * @example
 * const doc = await openPdf(bytes);
 * console.log(doc.pages().length, doc.xrefKind, doc.revisions);
 */
export async function openPdf(bytes: Uint8Array, options: OpenPdfOptions = {}): Promise<PdfDocument> {
  const limits: PdfLimits = { ...defaultPdfLimits, ...options.limits };
  const hasHeader = indexOfAscii(bytes, "%PDF-", 0, 1024) >= 0;
  if (!hasHeader && indexOfAscii(bytes, "obj") < 0) throw new PdfError("PDF_NOT_A_PDF");
  const loaded = loadXref(bytes, limits);
  const store = new ObjectStore(bytes, loaded.entries, limits);
  const doc = (security: PdfDocument["security"]) =>
    new PdfDocument({
      bytes,
      store,
      trailer: loaded.trailer,
      sections: loaded.sections,
      xrefKind: loaded.kind,
      startxref: loaded.startxref,
      repaired: loaded.repaired || !hasHeader,
      limits,
      security,
    });
  const encrypt = loaded.trailer.get("Encrypt");
  if (encrypt === undefined || encrypt === null) return checkCatalog(doc(undefined));
  if (encrypt instanceof PdfRef) store.plainObjects.add(encrypt.num);
  const encDict = store.get(encrypt instanceof PdfRef ? encrypt.num : -1);
  const dict = encrypt instanceof PdfDict ? encrypt : encDict;
  if (!(dict instanceof PdfDict)) throw new PdfError("PDF_UNSUPPORTED_ENCRYPTION", "no /Encrypt dictionary");
  const security = await openSecurity({
    encrypt: dict,
    id: firstId(loaded.trailer),
    password: options.password ?? "",
    crypto: options.crypto ?? globalThis.crypto,
  });
  await decryptAll(store, security);
  return checkCatalog(doc(security));
}

interface LoadedXref {
  readonly entries: Map<number, XrefEntry>;
  readonly trailer: PdfDict;
  readonly sections: readonly XrefSection[];
  readonly kind: XrefKind;
  readonly startxref: number;
  readonly repaired: boolean;
}

function loadXref(bytes: Uint8Array, limits: PdfLimits): LoadedXref {
  let chain: ReturnType<typeof readXrefChain>;
  try {
    chain = readXrefChain(bytes, { maxEntries: limits.maxObjects, maxSections: limits.maxSections });
  } catch (e) {
    if (e instanceof PdfError && e.code === "PDF_LIMIT") throw e;
    return repairXref(bytes, limits);
  }
  const entries = new Map<number, XrefEntry>();
  for (const s of chain.sections)
    for (const [num, e] of s.entries) if (!entries.has(num)) entries.set(num, e);
  const newest = chain.sections[0]!;
  const trailer = mergedTrailer(chain.sections);
  if (!(trailer.get("Root") instanceof PdfRef) || !rootIsDict(bytes, entries, trailer, limits)) {
    return repairXref(bytes, limits);
  }
  return {
    entries,
    trailer,
    sections: [...chain.sections].reverse(),
    kind:
      newest.kind === "stream"
        ? "stream"
        : chain.sections.some((s) => s.xrefStm !== undefined)
          ? "hybrid"
          : "table",
    startxref: chain.startxref,
    repaired: chain.corrected,
  };
}

/** The newest trailer, with /Root, /Info, /ID, /Encrypt filled in from older ones when missing. */
function mergedTrailer(sections: readonly XrefSection[]): PdfDict {
  const t = sections[0]!.trailer.clone();
  for (const key of ["Root", "Info", "ID", "Encrypt"]) {
    if (t.has(key)) continue;
    const older = sections.find((s) => s.trailer.has(key));
    if (older) t.set(key, older.trailer.get(key)!);
  }
  return t;
}

function rootIsDict(
  bytes: Uint8Array,
  entries: Map<number, XrefEntry>,
  trailer: PdfDict,
  limits: PdfLimits,
): boolean {
  const root = trailer.get("Root") as PdfRef;
  try {
    const store = new ObjectStore(bytes, entries, limits);
    const v = store.get(root.num);
    return v instanceof PdfDict && !store.repairedLazily;
  } catch (e) {
    if (isPdfError(e, "PDF_LIMIT")) throw e;
    return false;
  }
}

/** Encrypted files are decrypted eagerly (Web Crypto is asynchronous), so later reads stay synchronous. */
async function decryptAll(store: ObjectStore, security: PdfSecurity): Promise<void> {
  for (const [num, e] of store.entries) {
    if (e.type !== "offset" || store.plainObjects.has(num)) continue;
    const raw = store.readRaw(num);
    if (!raw) continue;
    try {
      store.prime(num, await security.decryptObject(num, raw.gen, raw.value));
    } catch (e) {
      if (!isPdfError(e, "PDF_FILTER_BROKEN")) throw e;
      // One damaged string or stream must not make the whole file unreadable: it reads as null.
      store.prime(num, null);
      store.repairedLazily = true;
    }
  }
}

function firstId(trailer: PdfDict): Uint8Array | undefined {
  const id = trailer.get("ID");
  const first = id instanceof PdfArray ? id.get(0) : undefined;
  return first instanceof PdfString ? first.bytes : undefined;
}

function checkCatalog(doc: PdfDocument): PdfDocument {
  void doc.catalog;
  return doc;
}
