import { zlibSync } from "fflate";
import type { PdfDocument } from "../pdf/document";
import type { IncrementalUpdate } from "../pdf/incremental-update";
import { PdfArray, PdfDict, PdfName, PdfNumber, type PdfRef, PdfStream } from "../pdf/objects";
import { openPdf } from "../pdf/open-pdf";
import type { VisibleSignatureOptions } from "../sign/options";
import type { WidgetPlacement } from "../sign/signature-field";
import { pageContent } from "../text/extract-glyphs";
import { importObject } from "./import-objects";
import { resolvePlacement, uprightMatrix } from "./placement";
import { type StampContent, renderStampPdf } from "./stamp";

/** The default stamp: who signed and when (Indonesian wording, UTC date). */
export function defaultStamp(name: string | undefined, when: Date): StampContent {
  return {
    lines: [
      "Ditandatangani secara elektronik",
      ...(name ? [name] : []),
      `${when.toISOString().slice(0, 19).replace("T", " ")} UTC`,
    ],
    border: true,
  };
}

/**
 * Builds a Form XObject (ISO 32000-2 §8.10) of `width` × `height` from the stamp content inside
 * `up` and returns its reference: rendered by pdf-lib in a scratch file, then copied over.
 */
export async function buildStampXObject(
  up: IncrementalUpdate,
  content: StampContent,
  width: number,
  height: number,
  rotate: 0 | 90 | 180 | 270 = 0,
): Promise<PdfRef> {
  const scratch = await openPdf(await renderStampPdf(content, width, height));
  const page = scratch.pages()[0];
  const resources = page?.resources ? importObject(scratch, page.resources, up) : new PdfDict();
  const body = page ? pageContent(scratch, page.dict.get("Contents")) : new Uint8Array();
  const ref = up.allocate();
  const dict = new PdfDict([
    ["Type", new PdfName("XObject")],
    ["Subtype", new PdfName("Form")],
    ["BBox", new PdfArray([0, 0, width, height].map((n) => new PdfNumber(n)))],
    ["Resources", resources],
    ["Filter", new PdfName("FlateDecode")],
  ]);
  // Turned counter-clockwise by the page's /Rotate, which the viewer turns back clockwise (§12.5.5).
  if (rotate !== 0) {
    dict.set("Matrix", new PdfArray([...uprightMatrix(rotate), 0, 0].map((n) => new PdfNumber(n))));
  }
  up.set(ref, new PdfStream(dict, zlibSync(body)));
  return ref;
}

/** Resolves where a visible signature goes and builds its appearance stream. */
export async function resolveVisibleSignature(
  doc: PdfDocument,
  up: IncrementalUpdate,
  visible: VisibleSignatureOptions,
  context: { readonly name?: string; readonly signingTime: Date },
): Promise<WidgetPlacement> {
  const placed = resolvePlacement(doc, visible.placement);
  const [width, height] = placed.size;
  const stamp = visible.stamp ?? defaultStamp(context.name, context.signingTime);
  const appearance = await buildStampXObject(up, stamp, width, height, placed.rotate);
  return { pageIndex: placed.pageIndex, rect: placed.rect, appearance, rotate: placed.rotate };
}
