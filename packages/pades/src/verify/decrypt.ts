/**
 * Encrypted PDFs (ISO 32000-2 §7.6): the standard security handler of the PDF layer opens the
 * document (RC4, AES-128, AES-256), then every object at every offset of every revision is
 * read once, its strings and streams decrypted, and stored in the scan's shared object table,
 * so the synchronous checks read plain text. A signature's `/Contents` is never encrypted
 * (§7.6.2) and stays as written, byte for byte; cross-reference streams too.
 */
import {
  PdfArray as LArray,
  PdfDict as LDict,
  PdfName as LName,
  PdfNumber as LNumber,
  type PdfObject,
  PdfStream as LStream,
  PdfString as LString,
} from "../pdf/objects";
import { openSecurity, type PdfSecurity } from "../pdf/encryption/security-handler";
import { RevisionView, type ScannedPdf } from "./pdf-scan/document";
import { asName, asNumber, dictGet, type PdfDict, type PdfValue } from "./pdf-scan/objects";
import { readIndirectAt } from "./pdf-scan/xref";

/** How an encrypted document was opened. */
export interface DecryptionOutcome {
  /** The string crypt method: RC4, AESV2 (AES-128), AESV3 (AES-256), Identity; null when unknown. */
  readonly method: string | null;
  readonly decrypted: boolean;
  /** Why not, when not: WRONG_PASSWORD, UNSUPPORTED, DAMAGED, TOO_MANY_OBJECTS. */
  readonly problem: string | null;
}

const MAX_OBJECTS = 500_000;
const MAX_DEPTH = 64;

/** Converts a scanned value to the PDF layer's object model (only what /Encrypt holds). */
function toLayer(view: RevisionView, v: PdfValue | undefined, depth = 0): PdfObject {
  if (depth > MAX_DEPTH) return null;
  const r = view.resolve(v);
  if (r === undefined || r === null || typeof r === "boolean") return r ?? null;
  if (typeof r === "number") return new LNumber(r);
  switch (r.kind) {
    case "name":
      return new LName(r.value);
    case "string":
      return new LString(r.bytes, r.hex);
    case "array":
      return new LArray(r.items.map((x) => toLayer(view, x, depth + 1)));
    case "dict":
      return new LDict([...r.entries].map(([k, x]) => [k, toLayer(view, x, depth + 1)] as const));
    default:
      return null;
  }
}

function isSignatureDict(d: PdfDict): boolean {
  const type = asName(dictGet(d, "Type"));
  const br = dictGet(d, "ByteRange");
  return (
    type === "Sig" ||
    type === "DocTimeStamp" ||
    (br !== null && typeof br === "object" && br?.kind === "array" && d.entries.has("Contents"))
  );
}

/** Decrypts the strings and stream data of one object (§7.6.2), keeping positions. */
async function decryptValue(
  security: PdfSecurity,
  num: number,
  gen: number,
  v: PdfValue,
  bytes: Uint8Array,
  depth: number,
): Promise<PdfValue> {
  if (v === null || typeof v !== "object" || depth > MAX_DEPTH) return v;
  switch (v.kind) {
    case "string": {
      const out = await security.decryptObject(num, gen, new LString(v.bytes, v.hex));
      return { ...v, bytes: out instanceof LString ? out.bytes : v.bytes };
    }
    case "array": {
      const items: PdfValue[] = [];
      for (const x of v.items) items.push(await decryptValue(security, num, gen, x, bytes, depth + 1));
      return { ...v, items };
    }
    case "dict": {
      const sig = isSignatureDict(v);
      const entries = new Map<string, PdfValue>();
      for (const [k, x] of v.entries)
        entries.set(
          k,
          sig && k === "Contents" ? x : await decryptValue(security, num, gen, x, bytes, depth + 1),
        );
      return { ...v, entries };
    }
    case "stream": {
      const type = asName(dictGet(v, "Type"));
      const dict = (await decryptValue(security, num, gen, v.dict, bytes, depth + 1)) as PdfDict;
      if (type === "XRef" || (type === "Metadata" && !security.encryptMetadata)) return { ...v, dict };
      const raw = bytes.subarray(v.dataStart, v.dataEnd);
      const out = await security.decryptObject(num, gen, new LStream(new LDict(), raw));
      return { ...v, dict, plain: out instanceof LStream ? out.raw : raw };
    }
    default:
      return v;
  }
}

/** The first /ID string of the newest trailer that has one (§14.4). */
function firstId(pdf: ScannedPdf, view: RevisionView): Uint8Array | undefined {
  for (let i = pdf.sections.length - 1; i >= 0; i--) {
    const id = view.resolve(pdf.sections[i]!.trailer.entries.get("ID"));
    if (id !== null && typeof id === "object" && id?.kind === "array") {
      const first = id.items[0];
      if (first !== null && typeof first === "object" && first?.kind === "string") return first.bytes;
    }
  }
  return undefined;
}

/** The /Encrypt entry of the newest trailer, or undefined for a document that is not encrypted. */
export function encryptEntry(pdf: ScannedPdf): PdfValue | undefined {
  for (let i = pdf.sections.length - 1; i >= 0; i--) {
    const e = pdf.sections[i]!.trailer.entries.get("Encrypt");
    if (e !== undefined) return e;
  }
  return undefined;
}

/**
 * Opens an encrypted scan with `password` (the empty user password is tried when none is
 * given) and decrypts every object in place; never throws.
 */
export async function decryptScan(
  pdf: ScannedPdf,
  password: string | undefined,
  crypto: Crypto,
): Promise<DecryptionOutcome> {
  const entry = encryptEntry(pdf);
  const view = new RevisionView(pdf.bytes, pdf.sections, pdf.sections.length - 1, new Map());
  let security: PdfSecurity | null = null;
  let method: string | null = null;
  let problem: string | null = null;
  try {
    const encrypt = toLayer(view, entry);
    if (!(encrypt instanceof LDict)) return { method: null, decrypted: false, problem: "DAMAGED" };
    for (const pw of password === undefined ? [""] : [password, ""]) {
      try {
        security = await openSecurity({ encrypt, id: firstId(pdf, view), password: pw, crypto });
        break;
      } catch (error) {
        problem =
          (error as { code?: string })?.code === "PDF_WRONG_PASSWORD" ? "WRONG_PASSWORD" : "UNSUPPORTED";
      }
    }
  } catch {
    return { method: null, decrypted: false, problem: "DAMAGED" };
  }
  if (security === null) return { method, decrypted: false, problem };
  method = security.stringMethod;
  const plainNum = entry !== null && typeof entry === "object" && entry?.kind === "ref" ? entry.num : -1;
  const offsets = new Map<number, number>();
  for (const s of pdf.sections)
    for (const [num, e] of s.entries) if (e.type === "offset" && num !== plainNum) offsets.set(e.offset, num);
  if (offsets.size > MAX_OBJECTS) return { method, decrypted: false, problem: "TOO_MANY_OBJECTS" };
  const lengthOf = (v: PdfValue | undefined) => asNumber(view.resolve(v));
  for (const [offset] of offsets) {
    let obj: ReturnType<typeof readIndirectAt>;
    try {
      obj = readIndirectAt(pdf.bytes, offset, lengthOf);
    } catch {
      continue; // the checks will meet the same damage and report it
    }
    try {
      const value = await decryptValue(security, obj.num, obj.gen, obj.value, pdf.bytes, 0);
      pdf.objectsByOffset.set(offset, { num: obj.num, value });
    } catch {
      /* undecryptable object: left as read */
    }
  }
  return { method, decrypted: true, problem: null };
}
