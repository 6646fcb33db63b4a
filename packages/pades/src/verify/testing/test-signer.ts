/** Test-only PDF signer (classic xref updates) so attack files can be built from known-good ones. */
import { scanPdf } from "../pdf-scan/document";
import { dictGet, type PdfValue } from "../pdf-scan/objects";
import { indexOf } from "../pdf-scan/parser";
import { appendUpdate, nextObjectNumber, serialize, type UpdateObject } from "./incremental";
import { buildTestCms, type TestCmsOptions } from "./test-cms";

/** How to sign. */
export interface TestSignOptions {
  readonly fieldName: string;
  readonly certificate: Uint8Array;
  readonly chain?: readonly Uint8Array[];
  readonly privateKey: CryptoKey;
  readonly subFilter?: "ETSI.CAdES.detached" | "adbe.pkcs7.detached";
  readonly docMdp?: 1 | 2 | 3;
  readonly fieldMdp?: { readonly action: "All" | "Include" | "Exclude"; readonly fields?: readonly string[] };
  readonly rect?: readonly [number, number, number, number];
  readonly contentsSize?: number;
  readonly claimedTime?: Date;
  /** Switches passed to the CMS builder. */
  readonly cms?: Partial<Omit<TestCmsOptions, "content" | "certificate" | "chain" | "privateKey">>;
  /** Sign as a document time-stamp: `timestamp(digest)` returns the token. */
  readonly docTimestamp?: (digest: Uint8Array) => Promise<Uint8Array>;
}

function ref(v: PdfValue | undefined): number | null {
  return v !== null && typeof v === "object" && v?.kind === "ref" ? v.num : null;
}

function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

function dictWith(value: PdfValue, set: Record<string, string>): string {
  const entries =
    value !== null && typeof value === "object" && value.kind === "dict"
      ? [...value.entries].filter(([k]) => !(k in set)).map(([k, v]) => `/${k} ${serialize(v)}`)
      : [];
  for (const [k, v] of Object.entries(set)) entries.push(`/${k} ${v}`);
  return `<<${entries.join(" ")}>>`;
}

function hexStr(s: string): string {
  return `<${Array.from(new TextEncoder().encode(s), (b) => b.toString(16).padStart(2, "0")).join("")}>`;
}

/** The first page's object number. */
export function firstPage(pdf: Uint8Array): number {
  const s = scanPdf(pdf);
  const view = s.view(s.revisions.length - 1);
  let node: PdfValue | undefined = dictGet(view.catalog(), "Pages");
  for (let i = 0; i < 32; i++) {
    const kids = view.resolve(dictGet(view.resolve(node), "Kids"));
    if (kids === null || typeof kids !== "object" || kids?.kind !== "array") break;
    node = kids.items[0];
  }
  return ref(node)!;
}

/** Signs `pdf` in a new signature field as an incremental update. */
export async function testSign(pdf: Uint8Array, o: TestSignOptions): Promise<Uint8Array> {
  const s = scanPdf(pdf);
  const view = s.view(s.revisions.length - 1);
  const catalogNum = ref(view.trailer.entries.get("Root"))!;
  const catalog = view.catalog() ?? null;
  const pageNum = firstPage(pdf);
  const page = view.object(pageNum);
  const n = nextObjectNumber(pdf);
  const fieldNum = n;
  const sigNum = n + 1;
  const size = o.contentsSize ?? 24_000;
  const isTs = o.docTimestamp !== undefined;
  const refs: string[] = [];
  if (o.docMdp !== undefined)
    refs.push(
      `<</Type /SigRef /TransformMethod /DocMDP /TransformParams <</Type /TransformParams /P ${o.docMdp} /V /1.2>>>>`,
    );
  if (o.fieldMdp !== undefined)
    refs.push(
      `<</Type /SigRef /TransformMethod /FieldMDP /TransformParams <</Type /TransformParams /Action /${o.fieldMdp.action} ${o.fieldMdp.fields ? `/Fields [${o.fieldMdp.fields.map(hexStr).join(" ")}]` : ""} /V /1.2>>>>`,
    );
  const sigDict = `<</Type /${isTs ? "DocTimeStamp" : "Sig"} /Filter /Adobe.PPKLite /SubFilter /${isTs ? "ETSI.RFC3161" : (o.subFilter ?? "ETSI.CAdES.detached")} /ByteRange [0 0000000000 0000000000 0000000000] /Contents <${"0".repeat(size * 2)}> ${isTs ? "" : `/M (${pdfDate(o.claimedTime ?? new Date())})`} ${refs.length ? `/Reference [${refs.join(" ")}]` : ""}>>`;
  const rect = o.rect ?? [0, 0, 0, 0];
  const field = `<</FT /Sig /T ${hexStr(o.fieldName)} /V ${sigNum} 0 R /Type /Annot /Subtype /Widget /Rect [${rect.join(" ")}] /P ${pageNum} 0 R /F 132>>`;
  const objects: UpdateObject[] = [
    { num: fieldNum, text: field },
    { num: sigNum, text: sigDict },
  ];
  const annots = dictGet(page, "Annots");
  const annotsNum = ref(annots);
  if (annotsNum !== null) {
    const arr = view.object(annotsNum);
    objects.push({
      num: annotsNum,
      text: `[${arr !== null && typeof arr === "object" && arr.kind === "array" ? arr.items.map(serialize).join(" ") : ""} ${fieldNum} 0 R]`,
    });
  } else {
    const old =
      annots !== null && typeof annots === "object" && annots?.kind === "array"
        ? annots.items.map(serialize).join(" ")
        : "";
    objects.push({ num: pageNum, text: dictWith(page, { Annots: `[${old} ${fieldNum} 0 R]` }) });
  }
  const acroRef = dictGet(catalog, "AcroForm");
  const acroNum = ref(acroRef);
  const acro = view.resolve(acroRef);
  const fieldsV = dictGet(acro, "Fields");
  const fieldsNum = ref(fieldsV);
  const oldFields = (() => {
    const f = view.resolve(fieldsV);
    return f !== null && typeof f === "object" && f?.kind === "array" ? f.items.map(serialize).join(" ") : "";
  })();
  const catalogSet: Record<string, string> = {};
  if (fieldsNum !== null) objects.push({ num: fieldsNum, text: `[${oldFields} ${fieldNum} 0 R]` });
  const newAcro = dictWith(acro ?? null, {
    ...(fieldsNum === null ? { Fields: `[${oldFields} ${fieldNum} 0 R]` } : {}),
    SigFlags: "3",
  });
  if (acroNum !== null) objects.push({ num: acroNum, text: newAcro });
  else catalogSet.AcroForm = newAcro;
  if (o.docMdp !== undefined) catalogSet.Perms = `<</DocMDP ${sigNum} 0 R>>`;
  if (Object.keys(catalogSet).length > 0)
    objects.push({ num: catalogNum, text: dictWith(catalog ?? null, catalogSet) });
  const updated = appendUpdate(pdf, objects);
  return fillSignature(updated, pdf.length, o);
}

/** Writes /ByteRange and /Contents into the last signature placeholder found after `from`. */
async function fillSignature(bytes: Uint8Array, from: number, o: TestSignOptions): Promise<Uint8Array> {
  const brAt = indexOf(bytes, "/ByteRange [0 0000000000 0000000000 0000000000]", from);
  const cAt = indexOf(bytes, "/Contents <", from) + 10;
  const cEnd = indexOf(bytes, ">", cAt) + 1;
  const br = `/ByteRange [0 ${String(cAt).padStart(10, "0")} ${String(cEnd).padStart(10, "0")} ${String(bytes.length - cEnd).padStart(10, "0")}]`;
  bytes.set(new TextEncoder().encode(br), brAt);
  const content = new Uint8Array(cAt + bytes.length - cEnd);
  content.set(bytes.subarray(0, cAt));
  content.set(bytes.subarray(cEnd), cAt);
  let der: Uint8Array;
  if (o.docTimestamp)
    der = await o.docTimestamp(new Uint8Array(await crypto.subtle.digest("SHA-256", content)));
  else
    der = await buildTestCms({
      content,
      certificate: o.certificate,
      chain: o.chain ?? [],
      privateKey: o.privateKey,
      ...o.cms,
    });
  const hex = Array.from(der, (b) => b.toString(16).padStart(2, "0")).join("");
  if (hex.length > cEnd - cAt - 2) throw new Error("CMS larger than the reserved /Contents");
  bytes.set(new TextEncoder().encode(hex), cAt + 1);
  return bytes;
}

/** Adds a DSS (certs, OCSP responses, CRLs) in an incremental update (ETSI EN 319 142-1 §5.4). */
export function testAddDss(
  pdf: Uint8Array,
  data: { certs?: readonly Uint8Array[]; ocsps?: readonly Uint8Array[]; crls?: readonly Uint8Array[] },
): Uint8Array {
  const s = scanPdf(pdf);
  const view = s.view(s.revisions.length - 1);
  const catalogNum = ref(view.trailer.entries.get("Root"))!;
  let n = nextObjectNumber(pdf);
  const objects: UpdateObject[] = [];
  const stream = (der: Uint8Array): number => {
    const num = n++;
    objects.push({
      num,
      text: `<</Length ${der.length * 2 + 1} /Filter /ASCIIHexDecode>>\nstream\n${Array.from(der, (b) => b.toString(16).padStart(2, "0")).join("")}>\nendstream`,
    });
    return num;
  };
  const list = (ders: readonly Uint8Array[] | undefined) =>
    `[${(ders ?? []).map((d) => `${stream(d)} 0 R`).join(" ")}]`;
  const dssNum = n++;
  const dss = `<</Certs ${list(data.certs)} /OCSPs ${list(data.ocsps)} /CRLs ${list(data.crls)}>>`;
  objects.push({ num: dssNum, text: dss });
  objects.push({ num: catalogNum, text: dictWith(view.catalog() ?? null, { DSS: `${dssNum} 0 R` }) });
  return appendUpdate(pdf, objects);
}
