import { entryKey, type RevisionView, type ScannedPdf } from "./pdf-scan/document";
import { asName, dictGet, type PdfValue } from "./pdf-scan/objects";
import type { ChangeEntry, ChangeKind } from "./report";
import { type Structure, structureOf } from "./structure";

/** What later revisions may do after a signature (ISO 32000-2 §12.8.2.2, pyHanko's default policy). */
export type ChangePolicy = "docmdp-1" | "docmdp-2" | "docmdp-3" | "approval";

const ALLOWED: Readonly<Record<ChangePolicy, ReadonlySet<ChangeKind>>> = {
  "docmdp-1": new Set(["dss-update", "document-timestamp"]),
  approval: new Set(["dss-update", "document-timestamp", "signature-added"]),
  "docmdp-2": new Set(["dss-update", "document-timestamp", "signature-added", "form-fill"]),
  "docmdp-3": new Set(["dss-update", "document-timestamp", "signature-added", "form-fill", "annotation"]),
};

/** Metadata kinds that never change what a page displays. */
const ALWAYS_ALLOWED: ReadonlySet<string> = new Set(["document-info", "structural"]);

/** Field-lock test: true when a change to the named field is forbidden (FieldMDP, §12.8.2.4). */
export type FieldLock = (fieldName: string) => boolean;

interface Changed {
  readonly num: number;
  readonly oldValue: PdfValue;
  readonly newValue: PdfValue;
}

type Kind = ChangeKind | "document-info" | "structural";

/**
 * True for a document time-stamp dictionary: `/Type /DocTimeStamp` with the ETSI.RFC3161
 * SubFilter. A CMS signature typed /DocTimeStamp (check-byte-range.ts fails it with
 * SIG_DICT_TYPE_MISMATCH) is not one, so it cannot pass as an allowed time-stamp after P=1.
 */
function isDocTimestamp(v: PdfValue | undefined): boolean {
  return asName(dictGet(v, "Type")) === "DocTimeStamp" && asName(dictGet(v, "SubFilter")) === "ETSI.RFC3161";
}

function refNum(v: PdfValue | undefined): number | null {
  return v !== null && typeof v === "object" && v?.kind === "ref" ? v.num : null;
}

function refsIn(v: PdfValue | undefined, out: number[], depth = 0): void {
  if (v === null || v === undefined || typeof v !== "object" || depth > 64) return;
  if (v.kind === "ref") out.push(v.num);
  else if (v.kind === "array") for (const i of v.items) refsIn(i, out, depth + 1);
  else if (v.kind === "dict") for (const i of v.entries.values()) refsIn(i, out, depth + 1);
  else if (v.kind === "stream") refsIn(v.dict, out, depth + 1);
}

function arrayRefs(view: RevisionView, v: PdfValue | undefined): number[] {
  const arr = view.resolve(v);
  if (arr === null || typeof arr !== "object" || arr?.kind !== "array") return [];
  return arr.items.map(refNum).filter((n): n is number => n !== null);
}

/** Keys whose values differ between two dictionaries (compared by their serialised form). */
function changedKeys(a: PdfValue, b: PdfValue): Set<string> {
  const out = new Set<string>();
  const da =
    a !== null && typeof a === "object" && (a.kind === "dict" || a.kind === "stream")
      ? a.kind === "dict"
        ? a
        : a.dict
      : null;
  const db =
    b !== null && typeof b === "object" && (b.kind === "dict" || b.kind === "stream")
      ? b.kind === "dict"
        ? b
        : b.dict
      : null;
  if (da === null || db === null) return new Set(["*"]);
  for (const k of new Set([...da.entries.keys(), ...db.entries.keys()])) {
    if (k === "Length") continue;
    if (canon(da.entries.get(k)) !== canon(db.entries.get(k))) out.add(k);
  }
  return out;
}

function canon(v: PdfValue | undefined, depth = 0): string {
  if (v === undefined) return "~";
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (depth > 32) return "…";
  switch (v.kind) {
    case "name":
      return `/${v.value}`;
    case "string":
      return `(${Array.from(v.bytes).join(",")})`;
    case "ref":
      return `${v.num} ${v.gen} R`;
    case "array":
      return `[${v.items.map((i) => canon(i, depth + 1)).join(" ")}]`;
    case "dict":
      return `<<${[...v.entries].map(([k, x]) => `/${k} ${canon(x, depth + 1)}`).join(" ")}>>`;
    case "stream":
      return `stream@${v.dataStart}-${v.dataEnd}${canon(v.dict, depth + 1)}`;
  }
}

function isSupersetArray(oldItems: readonly number[], newItems: readonly number[]): boolean {
  const set = new Set(newItems);
  return oldItems.every((n) => set.has(n));
}

/**
 * A new object reached from a changed one, with the kind it gets when `classifyNew` cannot tell
 * what it is, and the fallback kind handed on to what it references in turn (`null`: its
 * references are not followed from here — containers such as a new /AcroForm or /Fields array
 * must not pass their kind on to whatever they point at).
 */
interface Root {
  readonly num: number;
  readonly kind: Kind;
  readonly child?: Kind | null;
  /**
   * Set on objects newly put into a page's /Annots or the form's /Fields: if the object is not
   * new in this revision but an unchanged older one (prepared before signing and left
   * unreferenced), linking it in displays pre-signed content — reported as this kind.
   */
  readonly linked?: Kind;
}

function roots(refs: readonly number[], kind: Kind, child?: Kind | null, linked?: Kind): Root[] {
  return refs.map((num) => ({ num, kind, child, linked }));
}

function refsOf(v: PdfValue | undefined): number[] {
  const out: number[] = [];
  refsIn(v, out);
  return out;
}

/** /AcroForm keys a new signature, a document time-stamp or form filling may change (§12.7.3). */
const ACROFORM_KEYS: ReadonlySet<string> = new Set(["Fields", "SigFlags", "DR", "DA", "NeedAppearances"]);

const EMPTY_DICT: PdfValue = { kind: "dict", entries: new Map(), start: -1, end: -1 };

/** Resolves `v` in `view` to a dictionary's entries, or null. */
function dictEntries(view: RevisionView, v: PdfValue | undefined): ReadonlyMap<string, PdfValue> | null {
  const d = view.resolve(v);
  return d !== null && typeof d === "object" && d?.kind === "dict" ? d.entries : null;
}

/**
 * Names a new /DR only adds: every old resource category and every old named resource in it is
 * unchanged (compared resolved, in its own revision). Returns the added names, or null when an
 * old entry is changed or removed (a field's existing font restyled or replaced).
 */
function addedResourceNames(
  prevView: RevisionView,
  oldDr: PdfValue | undefined,
  cur: RevisionView,
  newDr: PdfValue | undefined,
): string[] | null {
  const before = dictEntries(prevView, oldDr) ?? new Map<string, PdfValue>();
  const after = dictEntries(cur, newDr);
  if (after === null) return before.size === 0 && newDr === undefined ? [] : null;
  const added: string[] = [];
  for (const [category, value] of after) {
    const old = before.get(category);
    const a = dictEntries(cur, value);
    if (old === undefined) {
      if (a === null) return null;
      added.push(...a.keys());
      continue;
    }
    const o = dictEntries(prevView, old);
    if (o === null || a === null) {
      if (canon(old) !== canon(value)) return null;
      continue;
    }
    for (const [name, x] of o) if (canon(a.get(name)) !== canon(x)) return null;
    for (const name of a.keys()) if (!o.has(name)) added.push(name);
  }
  for (const category of before.keys()) if (!after.has(category)) return null;
  return added;
}

/**
 * True when a /DA string of the form, of an old field or of an old page annotation (a FreeText
 * annotation takes its fonts from the form's /DR too, ISO 32000-2 §12.5.6.6) names one of
 * `names`: a viewer that draws it without an /AP would use the font added under that name.
 */
function daNamesAny(
  prevView: RevisionView,
  prev: Structure,
  form: PdfValue,
  names: readonly string[],
): boolean {
  if (names.length === 0) return false;
  const das: PdfValue[] = [];
  const formDa = prevView.resolve(dictGet(form, "DA"));
  if (formDa !== undefined) das.push(formDa);
  for (const num of prev.fields.keys()) {
    const da = prevView.resolve(dictGet(prevView.resolve({ kind: "ref", num, gen: 0 }), "DA"));
    if (da !== undefined) das.push(da);
  }
  for (const pageNum of prev.pages.keys()) {
    const annots = prevView.resolve(
      dictGet(prevView.resolve({ kind: "ref", num: pageNum, gen: 0 }), "Annots"),
    );
    if (annots === null || typeof annots !== "object" || annots?.kind !== "array") continue;
    for (const a of annots.items) {
      const da = prevView.resolve(dictGet(prevView.resolve(a), "DA"));
      if (da !== undefined) das.push(da);
    }
  }
  const wanted = new Set(names);
  for (const da of das) {
    if (da === null || typeof da !== "object" || da?.kind !== "string") continue;
    const text = Array.from(da.bytes, (b) => String.fromCharCode(b)).join("");
    for (const m of text.matchAll(/\/([^\s/()<>[\]{}%]+)/g)) if (wanted.has(m[1]!)) return true;
  }
  return false;
}

/**
 * Judges a change of the interactive form dictionary, wherever it happens: the catalog's
 * /AcroForm replaced (direct dictionary, or re-pointed to another object), the indirect
 * /AcroForm object rewritten, or its indirect /Fields array rewritten. Old and new are compared
 * as they resolve in their own revisions, so re-pointing to a new object or to an object
 * prepared before signing is judged by content, not by object number. Allowed: only
 * ACROFORM_KEYS change, /NeedAppearances is not turned on (viewers would then redraw every
 * field from /V instead of showing the signed appearances), and /Fields keeps every old field.
 * Anything else (/XFA added or changed, fields dropped, other keys) is a `catalog` change.
 *
 * /DA and /DR decide how viewers draw field values. While /NeedAppearances is on (viewers
 * regenerate every field's appearance) any change of them restyles signed values: `catalog`.
 * Otherwise a /DA change, or a /DR change that alters or removes an old resource or adds one an
 * old /DA already names (a new font under a name a field without /AP uses), is form work:
 * `form-fill`, allowed at P=2 and P=3 only. Our signer (src/sign, src/ltv) and pyHanko never
 * touch them; poppler adds its own font to /DR when it signs, so a /DR that only gains
 * resources no old /DA names stays part of the signature that added it.
 *
 * The change carries the kind of what /Fields gained: `document-timestamp` when every new field
 * is a document time-stamp, `signature-added` when every one is a signature field (or none was
 * added), else `other` — a new non-signature field, or an older, unchanged object linked in.
 * New fields are also roots classified on their own (`classifyNew`), falling back to `other`.
 */
function judgeAcroForm(
  oldForm: PdfValue | undefined,
  newForm: PdfValue | undefined,
  prevView: RevisionView,
  cur: RevisionView,
): { kind: Kind; newRoots: Root[] } {
  const before = oldForm === undefined || oldForm === null ? EMPTY_DICT : oldForm;
  const after = newForm === undefined || newForm === null ? EMPTY_DICT : newForm;
  const keys = changedKeys(before, after);
  const oldFields = arrayRefs(prevView, dictGet(before, "Fields"));
  const newFields = arrayRefs(cur, dictGet(after, "Fields"));
  const fieldsRef = refNum(dictGet(after, "Fields"));
  // Resolved: `/NeedAppearances 12 0 R` to a `true` prepared before signing turns it on too.
  const needsAfter = cur.resolve(dictGet(after, "NeedAppearances")) === true;
  const needAppearances = prevView.resolve(dictGet(before, "NeedAppearances")) === true || needsAfter;
  const ok =
    after !== null &&
    typeof after === "object" &&
    after.kind === "dict" &&
    [...keys].every((k) => ACROFORM_KEYS.has(k)) &&
    !(keys.has("NeedAppearances") && needsAfter) &&
    !(needAppearances && (keys.has("DA") || keys.has("DR"))) &&
    isSupersetArray(oldFields, newFields);
  if (!ok) {
    // Listed, never allowed: the containers as `catalog`, what they reach classified on its own or `other`.
    const containers = fieldsRef === null ? [] : [fieldsRef];
    return {
      kind: "catalog",
      newRoots: [...roots(containers, "catalog", "other"), ...roots(refsOf(after), "other")],
    };
  }
  const added = newFields.filter((n) => !oldFields.includes(n));
  const curStruct = structureOf(cur);
  const addedKinds = added.map((n): Kind | null => {
    const was = prevView.entries.get(n);
    if (was !== undefined && was.type !== "free" && entryKey(was) === entryKey(cur.entries.get(n)))
      return "other";
    return classifyNew(n, cur.resolve({ kind: "ref", num: n, gen: 0 }) ?? null, curStruct, cur);
  });
  const fieldsKind: Kind =
    added.length > 0 && addedKinds.every((k) => k === "document-timestamp")
      ? "document-timestamp"
      : addedKinds.every((k) => k === "signature-added" || k === "document-timestamp")
        ? "signature-added"
        : "other";
  let restyled = keys.has("DA");
  if (!restyled && keys.has("DR")) {
    const names = addedResourceNames(prevView, dictGet(before, "DR"), cur, dictGet(after, "DR"));
    restyled = names === null || daNamesAny(prevView, structureOf(prevView), before, names);
  }
  const kind: Kind = fieldsKind === "other" ? "other" : restyled ? "form-fill" : fieldsKind;
  return {
    kind,
    newRoots: [
      ...roots(added, "other", undefined, "other"),
      ...roots(fieldsRef === null ? [] : [fieldsRef], kind, null),
      // Resources for field appearances (judged above): fonts cannot paint by themselves.
      ...roots(refsOf(dictGet(after, "DR")), kind),
      ...roots(refsOf(after), "other"),
    ],
  };
}

/** Classifies the roots: changed objects that existed before this revision. */
function classifyExisting(
  c: Changed,
  prev: Structure,
  cur: RevisionView,
  prevView: RevisionView,
): { kind: Kind; newRoots: Root[]; field: string | null; page: number | null } {
  const keys = changedKeys(c.oldValue, c.newValue);
  const only = (...allowed: string[]) => [...keys].every((k) => allowed.includes(k));
  const field = prev.fields.get(c.num);
  const newRefs = (v: PdfValue | undefined, kind: Kind) => roots(refsOf(v), kind);
  if (c.num === prev.catalog) {
    if (!only("DSS", "AcroForm", "Extensions", "Metadata"))
      return { kind: "catalog", newRoots: [], field: null, page: null };
    const out: Root[] = [];
    let kind: Kind = keys.has("DSS") ? "dss-update" : "document-info";
    if (keys.has("AcroForm")) {
      const oldRef = dictGet(c.oldValue, "AcroForm");
      const newRef = dictGet(c.newValue, "AcroForm");
      const form = judgeAcroForm(prevView.resolve(oldRef), cur.resolve(newRef), prevView, cur);
      kind = form.kind;
      const formNum = refNum(newRef);
      // A new /AcroForm object is a container: it gets the form's verdict and hands on nothing.
      if (formNum !== null) out.push({ num: formNum, kind: form.kind, child: null });
      out.push(...form.newRoots);
    }
    if (keys.has("DSS")) out.push(...newRefs(dictGet(c.newValue, "DSS"), "dss-update"));
    for (const k of ["Metadata", "Extensions"])
      if (keys.has(k)) out.push(...newRefs(dictGet(c.newValue, k), "document-info"));
    return { kind, newRoots: out, field: null, page: null };
  }
  if (c.num === prev.info || c.num === prev.metadata)
    return { kind: "document-info", newRoots: [], field: null, page: null };
  if (c.num === prev.dss)
    return { kind: "dss-update", newRoots: newRefs(c.newValue, "dss-update"), field: null, page: null };
  if (c.num === prev.acroForm) {
    const form = judgeAcroForm(c.oldValue, c.newValue, prevView, cur);
    return { kind: form.kind, newRoots: form.newRoots, field: null, page: null };
  }
  if (c.num === prev.fieldsArray) {
    const wrap = (v: PdfValue): PdfValue => ({
      kind: "dict",
      entries: new Map([["Fields", v]]),
      start: -1,
      end: -1,
    });
    const form = judgeAcroForm(wrap(c.oldValue), wrap(c.newValue), prevView, cur);
    return { kind: form.kind, newRoots: form.newRoots, field: null, page: null };
  }
  const page = prev.pages.get(c.num) ?? prev.annotsArrays.get(c.num);
  if (page !== undefined) {
    const isArray = prev.annotsArrays.has(c.num);
    if (!isArray && !only("Annots")) return { kind: "page-content", newRoots: [], field: null, page };
    const oldA = isArray
      ? arrayRefs(prevView, c.oldValue)
      : arrayRefs(prevView, dictGet(c.oldValue, "Annots"));
    const newA = isArray ? arrayRefs(cur, c.newValue) : arrayRefs(cur, dictGet(c.newValue, "Annots"));
    if (!isSupersetArray(oldA, newA)) return { kind: "annotation", newRoots: [], field: null, page };
    return {
      kind: "structural",
      newRoots: roots(
        newA.filter((n) => !oldA.includes(n)),
        "other",
        undefined,
        "annotation",
      ),
      field: null,
      page,
    };
  }
  if (prev.pageTreeNodes.has(c.num))
    return { kind: "page-added-or-removed", newRoots: [], field: null, page: null };
  if (prev.contentStreams.has(c.num))
    return { kind: "page-content", newRoots: [], field: null, page: prev.contentStreams.get(c.num) ?? null };
  if (field !== undefined) {
    if (field.ft === "Sig") {
      const hadValue = dictGet(c.oldValue, "V") !== undefined;
      if (!hadValue && only("V", "AP", "AS", "F")) {
        const v = cur.resolve(dictGet(c.newValue, "V"));
        const kind = isDocTimestamp(v) ? "document-timestamp" : "signature-added";
        return { kind, newRoots: newRefs(c.newValue, kind), field: field.name, page: null };
      }
      return { kind: "other", newRoots: [], field: field.name, page: null };
    }
    if (only("V", "AP", "AS"))
      return { kind: "form-fill", newRoots: newRefs(c.newValue, "form-fill"), field: field.name, page: null };
    return { kind: "other", newRoots: [], field: field.name, page: null };
  }
  return { kind: "other", newRoots: [], field: null, page: null };
}

/** True for a widget annotation with a non-empty /Rect and no Hidden/NoView flag (ISO 32000-2 §12.5.3). */
function visibleWidget(value: PdfValue, view: RevisionView): boolean {
  if (asName(dictGet(value, "Subtype")) !== "Widget") return false;
  const rect = view.resolve(dictGet(value, "Rect"));
  if (rect === null || typeof rect !== "object" || rect?.kind !== "array" || rect.items.length !== 4)
    return false;
  const [x1, y1, x2, y2] = rect.items.map((x) => (typeof x === "number" ? x : 0)) as [
    number,
    number,
    number,
    number,
  ];
  const flags = dictGet(value, "F");
  const hidden = typeof flags === "number" && (flags & 0x22) !== 0;
  return !hidden && Math.abs(x2 - x1) > 0 && Math.abs(y2 - y1) > 0;
}

/** Kind of a new object reached from a root (a new field, annotation, DSS). */
function classifyNew(num: number, value: PdfValue, cur: Structure, curView: RevisionView): Kind | null {
  const type = asName(dictGet(value, "Type"));
  if (type === "XRef" || type === "ObjStm") return "structural";
  if (type === "DocTimeStamp") return isDocTimestamp(value) ? "document-timestamp" : "signature-added";
  if (type === "Sig") return "signature-added";
  if (type === "DSS" || type === "VRI") return "dss-update";
  if (
    asName(dictGet(value, "FT")) === "Sig" ||
    (asName(dictGet(value, "Subtype")) === "Widget" &&
      (asName(dictGet(curView.resolve(dictGet(value, "Parent")), "FT")) === "Sig" ||
        cur.fields.get(num)?.ft === "Sig"))
  ) {
    const v = curView.resolve(dictGet(value, "V") ?? dictGet(curView.resolve(dictGet(value, "Parent")), "V"));
    return isDocTimestamp(v) ? "document-timestamp" : "signature-added";
  }
  if (type === "Annot" || (dictGet(value, "Subtype") !== undefined && dictGet(value, "Rect") !== undefined))
    return "annotation";
  return null;
}

/** A change as classified, before a signature's policy judges it. */
interface RawChange {
  readonly num: number | null;
  readonly kind: Kind;
  readonly field: string | null;
  readonly page: number | null;
}

const revisionCache = new WeakMap<ScannedPdf, Map<string, readonly RawChange[]>>();

/** Every changed xref entry of revision `k` against revision `k - 1`, split into kinds of entries. */
function diffEntries(pdf: ScannedPdf, k: number, out: RawChange[]): Map<number, Changed> {
  const prevView = pdf.view(k - 1);
  const cur = pdf.view(k);
  const prevEnd = pdf.revisions[k - 1]!.eofEnd;
  const changed = new Map<number, Changed>();
  for (const key of ["Root", "Encrypt"]) {
    if (canon(prevView.trailer.entries.get(key)) !== canon(cur.trailer.entries.get(key)))
      out.push({ num: null, kind: "catalog", field: null, page: null });
  }
  for (const [num, entry] of cur.entries) {
    const before = prevView.entries.get(num);
    if (entryKey(before) === entryKey(entry)) continue;
    if (entry.type === "free") {
      if (before !== undefined && before.type !== "free")
        out.push({ num, kind: "object-freed", field: null, page: null });
      continue;
    }
    const repointsToOld =
      (entry.type === "offset" && entry.offset < prevEnd) ||
      (entry.type === "compressed" &&
        entryKey(prevView.entries.get(entry.stream)) === entryKey(cur.entries.get(entry.stream)));
    if (repointsToOld) {
      out.push({ num, kind: "object-resurrected", field: null, page: null });
      continue;
    }
    const oldValue = before === undefined || before.type === "free" ? null : prevView.object(num);
    changed.set(num, { num, oldValue, newValue: cur.object(num) });
  }
  return changed;
}

/**
 * Classifies the changes of revision `k` (cached per document): existing objects first, then
 * new objects reached from them inherit their kind; unreached new objects cannot be displayed
 * unless an older revision already referenced their number.
 */
function classifyRevision(pdf: ScannedPdf, k: number, certified: boolean): readonly RawChange[] {
  let perPdf = revisionCache.get(pdf);
  if (perPdf === undefined) {
    perPdf = new Map();
    revisionCache.set(pdf, perPdf);
  }
  const key = `${k}:${certified}`;
  const hit = perPdf.get(key);
  if (hit !== undefined) return hit;
  const out: RawChange[] = [];
  const changed = diffEntries(pdf, k, out);
  const kindOf = classifyReached(pdf, k, changed, certified);
  const prevView = pdf.view(k - 1);
  for (const c of changed.values()) {
    const r = kindOf.get(c.num) ?? unreached(c, pdf.view(k), prevView);
    out.push({ num: c.num, ...r });
  }
  // Unchanged older objects newly linked into a page's /Annots or the form's /Fields.
  for (const [num, r] of kindOf) if (!changed.has(num)) out.push({ num, ...r });
  perPdf.set(key, out);
  return out;
}

function unreached(c: Changed, cur: RevisionView, prevView: RevisionView): Omit<RawChange, "num"> {
  const own = classifyNew(c.num, c.newValue, structureOf(cur), cur);
  const expected =
    own === "structural" || own === "signature-added" || own === "document-timestamp" || own === "dss-update";
  const kind: Kind = danglingRefs(prevView).has(c.num) ? "other" : expected ? own : "structural";
  return { kind, field: null, page: null };
}

/** Kinds of changed existing objects, and of the new objects they reach. */
function classifyReached(
  pdf: ScannedPdf,
  k: number,
  changed: ReadonlyMap<number, Changed>,
  certified: boolean,
): Map<number, Omit<RawChange, "num">> {
  const prevView = pdf.view(k - 1);
  const cur = pdf.view(k);
  const prevStruct = structureOf(prevView);
  const curStruct = structureOf(cur);
  const kindOf = new Map<number, Omit<RawChange, "num">>();
  const queue: (Root & { field: string | null; page: number | null })[] = [];
  for (const c of changed.values()) {
    if (c.oldValue === null) continue;
    const r = classifyExisting(c, prevStruct, cur, prevView);
    kindOf.set(c.num, { kind: r.kind, field: r.field, page: r.page });
    for (const n of r.newRoots) queue.push({ ...n, field: r.field, page: r.page });
  }
  if (curStruct.dss !== null && changed.has(curStruct.dss))
    queue.push({ num: curStruct.dss, kind: "dss-update", field: null, page: null });
  for (let i = 0; i < queue.length; i++) {
    const item = queue[i]!;
    const c = changed.get(item.num);
    if (kindOf.has(item.num)) continue;
    if (c === undefined) {
      const entry = prevView.entries.get(item.num);
      if (item.linked !== undefined && entry !== undefined && entry.type !== "free")
        kindOf.set(item.num, { kind: item.linked, field: item.field, page: item.page });
      continue;
    }
    if (c.oldValue !== null) continue;
    let own = classifyNew(c.num, c.newValue, curStruct, cur);
    // Sneaky Signature Attack (IEEE S&P 2021): after certification, a new *visible* signature
    // widget can paint anything over the page, so it counts as an annotation (allowed at P=3 only).
    if (own === "signature-added" && certified && visibleWidget(c.newValue, cur)) own = "annotation";
    const kind = own ?? (item.kind === "structural" ? "other" : item.kind);
    const field = curStruct.fields.get(item.num)?.name ?? item.field;
    kindOf.set(item.num, { kind, field, page: item.page });
    // What this object references inherits its kind, unless it is a container (`child: null`)
    // or its root names another fallback; an object classified on its own always hands on its own kind.
    const child = own !== null ? own : item.child === undefined ? kind : item.child;
    if (child === null) continue;
    for (const n of refsOf(c.newValue)) queue.push({ num: n, kind: child, field, page: item.page });
  }
  return kindOf;
}

/**
 * Lists and judges every change in the revisions after `signedRevision` (reject by default):
 * a change not explained as an allowed kind is not allowed, including xref entries that free
 * or re-point objects to older bytes (shadow attacks, NDSS 2021).
 */
export function analyseChanges(
  pdf: ScannedPdf,
  signedRevision: number,
  policy: ChangePolicy,
  locked: FieldLock,
): ChangeEntry[] {
  const allowed = ALLOWED[policy];
  const out: ChangeEntry[] = [];
  for (let k = signedRevision + 1; k < pdf.revisions.length; k++) {
    for (const c of classifyRevision(pdf, k, policy !== "approval")) {
      if (c.kind === "structural") continue;
      const ok =
        ALWAYS_ALLOWED.has(c.kind) ||
        (allowed.has(c.kind as ChangeKind) &&
          !(c.kind === "form-fill" && c.field !== null && locked(c.field)));
      out.push({
        revision: k,
        objectNumber: c.num,
        kind: c.kind === "document-info" ? "other" : c.kind,
        page: c.page,
        field: c.field,
        allowed: ok,
      });
    }
  }
  return out;
}

const danglingCache = new WeakMap<RevisionView, Set<number>>();

/**
 * Object numbers that a revision references but does not define: defining one later makes
 * pre-signed references display new content (a shadow "hide" variant), so it is a change.
 */
function danglingRefs(view: RevisionView): Set<number> {
  const hit = danglingCache.get(view);
  if (hit !== undefined) return hit;
  const out = new Set<number>();
  for (const [num, e] of view.entries) {
    if (e.type === "free") continue;
    let value: PdfValue;
    try {
      value = view.object(num);
    } catch {
      continue;
    }
    for (const r of refsOf(value)) {
      const target = view.entries.get(r);
      if (target === undefined || target.type === "free") out.add(r);
    }
  }
  danglingCache.set(view, out);
  return out;
}
