import { zlibSync } from "fflate";
import { importObject } from "../appearance/import-objects";
import { type FooterContent, renderFooterPdf } from "../appearance/footer";
import type { PdfDocument } from "../pdf/document";
import { type IncrementalUpdate, createIncrementalUpdate } from "../pdf/incremental-update";
import {
  PdfArray,
  PdfDict,
  PdfName,
  PdfNumber,
  type PdfObject,
  type PdfRef,
  PdfStream,
  latin1Bytes,
} from "../pdf/objects";
import { openPdf } from "../pdf/open-pdf";
import { concatBytes, formatNumber } from "../pdf/serialize";
import { displayToUser, uprightMatrix } from "../appearance/placement";
import { pageContent } from "../text/extract-glyphs";
import { PadesSignError } from "./errors";

/** Options of `prepareFooter`. */
export interface PrepareFooterOptions extends FooterContent {
  /** Height of the footer band in points (default 48). */
  readonly height?: number;
  /** Distance from the bottom edge of the page's crop box (default 12). */
  readonly bottom?: number;
  /** The user or owner password of an encrypted input; the update is encrypted with the file's key. */
  readonly password?: string;
  /** Web Crypto implementation (default `globalThis.crypto`), used for encrypted files. */
  readonly crypto?: Crypto;
}

const XOBJECT_NAME = "TekenFooter";

/** True when any signature field already holds a signature value (ISO 32000-2 §12.7.5.5). */
export function hasSignatures(doc: PdfDocument): boolean {
  return doc.fields().some((f) => f.type === "Sig" && f.value !== undefined && f.value !== null);
}

function stream(content: string): PdfStream {
  return new PdfStream(new PdfDict([["Filter", new PdfName("FlateDecode")]]), zlibSync(latin1Bytes(content)));
}

async function footerXObject(
  up: IncrementalUpdate,
  content: FooterContent,
  width: number,
  height: number,
): Promise<PdfRef> {
  const scratch = await openPdf(await renderFooterPdf(content, width, height));
  const page = scratch.pages()[0];
  const resources = page?.resources ? importObject(scratch, page.resources, up) : new PdfDict();
  const ref = up.allocate();
  const dict = new PdfDict([
    ["Type", new PdfName("XObject")],
    ["Subtype", new PdfName("Form")],
    ["BBox", new PdfArray([0, 0, width, height].map((n) => new PdfNumber(n)))],
    ["Resources", resources],
    ["Filter", new PdfName("FlateDecode")],
  ]);
  up.set(
    ref,
    new PdfStream(dict, zlibSync(page ? pageContent(scratch, page.dict.get("Contents")) : new Uint8Array())),
  );
  return ref;
}

function contentsArray(doc: PdfDocument, contents: PdfObject | undefined): PdfObject[] {
  const resolved = doc.resolve(contents);
  if (resolved instanceof PdfArray) return [...resolved.items];
  return contents === undefined ? [] : [contents];
}

/**
 * Stamps the agency footer (text + QR + token, DOMAIN.md §3) on every page as one incremental
 * update: the page's content is wrapped in `q … Q` and a footer Form XObject is drawn after it.
 * Refuses a document that already carries signatures (PADES_SIGN_ALREADY_SIGNED): changing page
 * content after signing invalidates them for the document as displayed. An encrypted input is
 * opened with `password` and its update encrypted with the file's own key (ISO 32000-2 §7.6):
 * the footer's streams, fonts and strings are written encrypted like the rest of the file.
 *
 * @example
 * const prepared = await prepareFooter(pdf, { text: DEFAULT_FOOTER_TEXT, qrUrl: "https://…/v/AB12", token: "AB12" });
 */
export async function prepareFooter(pdf: Uint8Array, options: PrepareFooterOptions): Promise<Uint8Array> {
  const doc = await openPdf(pdf, { password: options.password, crypto: options.crypto });
  if (hasSignatures(doc)) throw new PadesSignError("PADES_SIGN_ALREADY_SIGNED");
  const up = createIncrementalUpdate(doc);
  const height = options.height ?? 48;
  const forms = new Map<number, PdfRef>();
  const open = up.allocate();
  up.set(open, stream("q\n"));
  for (const page of doc.pages()) {
    if (!page.ref) throw new PadesSignError("PADES_SIGN_INVALID_OPTIONS", "page is not an indirect object");
    const [x0 = 0, y0 = 0, x1 = 612, y1 = 792] = page.cropBox;
    // The band runs along the bottom edge as the page is shown (crop box, /Rotate applied).
    const turned = page.rotate === 90 || page.rotate === 270;
    const width = turned ? y1 - y0 : x1 - x0;
    let form = forms.get(width);
    if (!form) {
      form = await footerXObject(up, options, width, height);
      forms.set(width, form);
    }
    const resources = page.resources?.clone() ?? new PdfDict();
    const xobjects = doc.resolveDict(resources.get("XObject"))?.clone() ?? new PdfDict();
    xobjects.set(XOBJECT_NAME, form);
    resources.set("XObject", xobjects);
    const close = up.allocate();
    const [ox, oy] = displayToUser(page, 0, options.bottom ?? 12);
    // The footer is turned counter-clockwise by the page's /Rotate so it reads upright.
    const [a, b, c, d] = uprightMatrix(page.rotate);
    const cm = [a, b, c, d, ox, oy].map((n) => formatNumber(n)).join(" ");
    up.set(close, stream(`\nQ\nq ${cm} cm /${XOBJECT_NAME} Do Q\n`));
    const contents = new PdfArray([open, ...contentsArray(doc, page.dict.get("Contents")), close]);
    up.set(page.ref, page.dict.clone().set("Resources", resources).set("Contents", contents));
  }
  // write() encrypts every new object of an encrypted file with its key (§7.6.2).
  const update = await up.write();
  return concatBytes([pdf, update.bytes]);
}
