import type { PdfDocument } from "../pdf/document";
import { decodeStream } from "../pdf/filters";
import { PdfArray, type PdfDict, PdfNumber, type PdfObject, PdfStream } from "../pdf/objects";
import { type Operand, readContent } from "./content-lexer";
import { type FontMetrics, fontMetrics } from "./font-metrics";
import { IDENTITY, type Matrix, apply, multiply } from "./matrix";

/** An axis-aligned box in default user space (PDF points, bottom-left origin). */
export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** A positioned glyph: its text and its box from the font's ascent/descent and advance width. */
export interface PositionedGlyph {
  readonly text: string;
  readonly box: Box;
}

interface TextState {
  ctm: Matrix;
  font?: FontMetrics;
  fontSize: number;
  charSpacing: number;
  wordSpacing: number;
  scale: number;
  leading: number;
  rise: number;
}

const MAX_FORM_DEPTH = 8;
const num = (o: Operand | undefined) => (typeof o === "number" ? o : 0);

/** The decoded bytes of a page's /Contents (a stream or an array of streams, §7.8.2). */
export function pageContent(doc: PdfDocument, contents: PdfObject | undefined): Uint8Array {
  const resolved = doc.resolve(contents);
  const streams = resolved instanceof PdfArray ? resolved.items.map((i) => doc.resolve(i)) : [resolved];
  const parts = streams.filter((s): s is PdfStream => s instanceof PdfStream).map((s) => decodeStream(s));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    out[at + p.length] = 10;
    at += p.length + 1;
  }
  return out;
}

class GlyphCollector {
  readonly glyphs: PositionedGlyph[] = [];
  private readonly fonts = new Map<PdfObject, FontMetrics>();
  constructor(private readonly doc: PdfDocument) {}

  run(content: Uint8Array, resources: PdfDict | undefined, ctm: Matrix, depth: number): void {
    const gs: TextState[] = [];
    let st: TextState = { ctm, fontSize: 0, charSpacing: 0, wordSpacing: 0, scale: 1, leading: 0, rise: 0 };
    let tm: Matrix = IDENTITY;
    let tlm: Matrix = IDENTITY;
    const moveLine = (tx: number, ty: number) => {
      tlm = multiply([1, 0, 0, 1, tx, ty], tlm);
      tm = tlm;
    };
    for (const op of readContent(content)) {
      const o = op.operands;
      switch (op.operator) {
        case "q":
          gs.push({ ...st });
          break;
        case "Q":
          st = gs.pop() ?? st;
          break;
        case "cm":
          st.ctm = multiply(o.map(num) as unknown as Matrix, st.ctm);
          break;
        case "BT":
          tm = IDENTITY;
          tlm = IDENTITY;
          break;
        case "Tf":
          st.font = this.font(resources, o[0]);
          st.fontSize = num(o[1]);
          break;
        case "Tc":
          st.charSpacing = num(o[0]);
          break;
        case "Tw":
          st.wordSpacing = num(o[0]);
          break;
        case "Tz":
          st.scale = num(o[0]) / 100;
          break;
        case "TL":
          st.leading = num(o[0]);
          break;
        case "Ts":
          st.rise = num(o[0]);
          break;
        case "Td":
          moveLine(num(o[0]), num(o[1]));
          break;
        case "TD":
          st.leading = -num(o[1]);
          moveLine(num(o[0]), num(o[1]));
          break;
        case "Tm":
          tlm = o.map(num) as unknown as Matrix;
          tm = tlm;
          break;
        case "T*":
          moveLine(0, -st.leading);
          break;
        case "Tj":
          tm = this.show(st, tm, o.slice(0, 1));
          break;
        case "TJ":
          tm = this.show(st, tm, Array.isArray(o[0]) ? (o[0] as Operand[]) : []);
          break;
        case "'":
          moveLine(0, -st.leading);
          tm = this.show(st, tm, o.slice(0, 1));
          break;
        case '"':
          st.wordSpacing = num(o[0]);
          st.charSpacing = num(o[1]);
          moveLine(0, -st.leading);
          tm = this.show(st, tm, o.slice(2, 3));
          break;
        case "Do":
          this.form(resources, o[0], st.ctm, depth);
          break;
        default:
          break;
      }
    }
  }

  private font(resources: PdfDict | undefined, name: Operand | undefined): FontMetrics | undefined {
    const fonts = this.doc.resolveDict(resources?.get("Font"));
    const ref = typeof name === "string" ? fonts?.get(name.slice(1)) : undefined;
    if (ref === undefined) return undefined;
    const cached = this.fonts.get(ref);
    if (cached) return cached;
    const dict = this.doc.resolveDict(ref);
    if (!dict) return undefined;
    const metrics = fontMetrics(this.doc, dict);
    this.fonts.set(ref, metrics);
    return metrics;
  }

  /** Shows strings and kerning numbers (§9.4.3–9.4.4), returning the advanced text matrix. */
  private show(st: TextState, start: Matrix, items: readonly Operand[]): Matrix {
    let tm = start;
    const fs = st.fontSize;
    for (const item of items) {
      if (typeof item === "number") {
        tm = multiply([1, 0, 0, 1, (-item / 1000) * fs * st.scale, 0], tm);
        continue;
      }
      if (!(item instanceof Uint8Array) || !st.font) continue;
      for (const g of st.font.decode(item)) {
        const trm = multiply(multiply([fs * st.scale, 0, 0, fs, 0, st.rise], tm), st.ctm);
        const corners = [
          apply(trm, 0, st.font.descent / 1000),
          apply(trm, g.width / 1000, st.font.descent / 1000),
          apply(trm, 0, st.font.ascent / 1000),
          apply(trm, g.width / 1000, st.font.ascent / 1000),
        ];
        const xs = corners.map((c) => c[0]);
        const ys = corners.map((c) => c[1]);
        this.glyphs.push({
          text: g.text,
          box: { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) },
        });
        const advance =
          ((g.width / 1000) * fs + st.charSpacing + (g.isSpace ? st.wordSpacing : 0)) * st.scale;
        tm = multiply([1, 0, 0, 1, advance, 0], tm);
      }
    }
    return tm;
  }

  /** Descends into a form XObject (§8.10) with its /Matrix and /Resources. */
  private form(resources: PdfDict | undefined, name: Operand | undefined, ctm: Matrix, depth: number): void {
    if (depth >= MAX_FORM_DEPTH || typeof name !== "string") return;
    const xobj = this.doc.resolve(this.doc.resolveDict(resources?.get("XObject"))?.get(name.slice(1)));
    if (!(xobj instanceof PdfStream) || xobj.dict.getName("Subtype") !== "Form") return;
    const m = this.doc
      .resolveArray(xobj.dict.get("Matrix"))
      ?.items.map((x) => (x instanceof PdfNumber ? x.value : 0));
    const matrix = m && m.length === 6 ? (m as unknown as Matrix) : IDENTITY;
    const res = this.doc.resolveDict(xobj.dict.get("Resources")) ?? resources;
    this.run(decodeStream(xobj), res, multiply(matrix, ctm), depth + 1);
  }
}

/** Positions every glyph a page shows, including inside form XObjects (ISO 32000-2 §9.4.4). */
export function extractGlyphs(
  doc: PdfDocument,
  page: { readonly dict: PdfDict; readonly resources: PdfDict | undefined },
): PositionedGlyph[] {
  const collector = new GlyphCollector(doc);
  collector.run(pageContent(doc, page.dict.get("Contents")), page.resources, IDENTITY, 0);
  return collector.glyphs;
}
