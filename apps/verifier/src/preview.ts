// The page preview, loaded on demand after the verdicts (pdf.js is big: it must never delay one).
// pdf.js and its worker are served from this origin as hashed assets; nothing is fetched elsewhere.
import { GlobalWorkerOptions, PDFWorker, getDocument } from "pdfjs-dist";
import workerSrc from "pdfjs-dist/build/pdf.worker.min.mjs?url";
import { h } from "./dom";

GlobalWorkerOptions.workerSrc = workerSrc;

/** One mark on a page: a signature widget's rectangle in PDF user space, with its number. */
export interface PreviewMark {
  readonly page: number;
  readonly rect: readonly [number, number, number, number];
  readonly label: string;
  readonly field: string;
}

/** The widest a preview page is drawn, in CSS pixels. */
const MAX_WIDTH = 480;

let worker: PDFWorker | null = null;

/**
 * Draws each page that carries a mark into `target` (a canvas per page, at most
 * {@link MAX_WIDTH} CSS px wide) and outlines every mark's rectangle on it. The marks are
 * placed in percent of the page, so they stay on the widget however the canvas is scaled.
 */
export async function renderPreview(
  target: HTMLElement,
  pdf: Uint8Array,
  marks: readonly PreviewMark[],
  pageLabel: (page: number) => string,
  /** The text alternative of a drawn page: its number and the signatures marked on it. */
  pageDescription: (page: number, labels: readonly string[]) => string,
): Promise<void> {
  worker ??= new PDFWorker();
  const doc = await getDocument({
    data: pdf,
    worker,
    isEvalSupported: false,
    enableXfa: false,
    useSystemFonts: true,
    stopAtErrors: false,
  }).promise;
  try {
    const pages = [...new Set(marks.map((m) => m.page))].sort((a, b) => a - b);
    for (const index of pages) {
      if (index < 0 || index >= doc.numPages) continue;
      const page = await doc.getPage(index + 1);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: Math.min(MAX_WIDTH, base.width) / base.width });
      const ratio = Math.min(window.devicePixelRatio || 1, 2);
      const canvas = h("canvas", { "aria-hidden": "true" });
      canvas.width = Math.round(viewport.width * ratio);
      canvas.height = Math.round(viewport.height * ratio);
      const here = marks.filter((x) => x.page === index);
      const frame = h(
        "div",
        {
          class: "preview-page",
          role: "img",
          "data-page": String(index),
          "data-marks": here.map((m) => m.label).join(", "),
          "aria-label": pageDescription(
            index,
            here.map((m) => m.label),
          ),
        },
        canvas,
      );
      frame.style.maxWidth = `${viewport.width}px`;
      frame.style.aspectRatio = `${viewport.width} / ${viewport.height}`;
      for (const m of here) {
        const [a, b, c, d] = viewport.convertToViewportRectangle([...m.rect]);
        const left = Math.min(a, c);
        const top = Math.min(b, d);
        const box = h(
          "div",
          { class: "preview-mark", "data-field": m.field, "data-testid": "preview-mark" },
          h("span", {}, m.label),
        );
        box.style.left = `${(left / viewport.width) * 100}%`;
        box.style.top = `${(top / viewport.height) * 100}%`;
        box.style.width = `${(Math.abs(c - a) / viewport.width) * 100}%`;
        box.style.height = `${(Math.abs(d - b) / viewport.height) * 100}%`;
        frame.append(box);
      }
      target.append(
        h(
          "figure",
          { class: "preview-figure" },
          frame,
          h("figcaption", { "data-page": String(index) }, pageLabel(index)),
        ),
      );
      await page.render({
        canvas,
        viewport,
        ...(ratio === 1 ? {} : { transform: [ratio, 0, 0, ratio, 0, 0] }),
      }).promise;
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
}
