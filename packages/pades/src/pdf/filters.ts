import { Inflate } from "fflate";
import { PdfError } from "./errors";
import { isWhite } from "./lexer";
import { PdfArray, PdfDict, PdfName, type PdfObject, type PdfStream } from "./objects";
import { concatBytes } from "./serialize";

/** Options for decoding stream data. */
export interface DecodeOptions {
  /** Maximum decoded size in bytes (default 256 MiB); larger output is a PDF_LIMIT error. */
  readonly maxSize?: number;
}

const defaultMaxSize = 256 * 1024 * 1024;

/**
 * Applies a stream's `/Filter` chain (§7.4): FlateDecode (with PNG/TIFF predictors, §7.4.4.4),
 * ASCIIHexDecode and ASCII85Decode. Image-only filters (DCT, JPX, ...) are PDF_FILTER_UNSUPPORTED.
 */
export function decodeStream(stream: PdfStream, options: DecodeOptions = {}): Uint8Array {
  const filters = asList(stream.dict.get("Filter"));
  const parms = asList(stream.dict.get("DecodeParms") ?? stream.dict.get("DP"));
  let data = stream.raw;
  filters.forEach((f, i) => {
    const name = f instanceof PdfName ? f.value : "";
    const p = parms[i];
    data = applyFilter(name, data, p instanceof PdfDict ? p : undefined, options.maxSize ?? defaultMaxSize);
  });
  return data;
}

function asList(o: PdfObject | undefined): PdfObject[] {
  if (o === undefined || o === null) return [];
  return o instanceof PdfArray ? o.items : [o];
}

function applyFilter(name: string, data: Uint8Array, parms: PdfDict | undefined, max: number): Uint8Array {
  switch (name) {
    case "FlateDecode":
    case "Fl":
      return applyPredictor(inflate(data, max), parms);
    case "ASCIIHexDecode":
    case "AHx":
      return asciiHex(data);
    case "ASCII85Decode":
    case "A85":
      return ascii85(data);
    default:
      throw new PdfError("PDF_FILTER_UNSUPPORTED", name);
  }
}

/** Inflates zlib or raw deflate data with a size bound; a truncated tail keeps what was decoded. */
export function inflate(data: Uint8Array, max = defaultMaxSize): Uint8Array {
  const zlibHeader = data.length >= 2 && (data[0]! & 0x0f) === 8 && ((data[0]! << 8) | data[1]!) % 31 === 0;
  const body = zlibHeader ? data.subarray(2) : data;
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inf = new Inflate((chunk) => {
    total += chunk.length;
    if (total > max) throw new PdfError("PDF_LIMIT", "decompressed stream too large");
    chunks.push(chunk);
  });
  try {
    inf.push(body, false);
    inf.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof PdfError) throw e;
    if (chunks.length === 0) throw new PdfError("PDF_FILTER_BROKEN", "bad deflate data", { cause: e });
  }
  return concatBytes(chunks);
}

function applyPredictor(data: Uint8Array, parms: PdfDict | undefined): Uint8Array {
  const predictor = parms?.getNumber("Predictor") ?? 1;
  if (predictor === 1) return data;
  const colors = parms?.getNumber("Colors") ?? 1;
  const bpc = parms?.getNumber("BitsPerComponent") ?? 8;
  const columns = parms?.getNumber("Columns") ?? 1;
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLen = Math.ceil((colors * bpc * columns) / 8);
  if (predictor === 2) return tiffPredictor(data, rowLen, bpp, bpc);
  if (predictor >= 10) return pngPredictor(data, rowLen, bpp);
  throw new PdfError("PDF_FILTER_UNSUPPORTED", `predictor ${predictor}`);
}

function tiffPredictor(data: Uint8Array, rowLen: number, bpp: number, bpc: number): Uint8Array {
  if (bpc !== 8) throw new PdfError("PDF_FILTER_UNSUPPORTED", "TIFF predictor with bpc != 8");
  const out = data.slice();
  for (let r = 0; r < out.length; r += rowLen) {
    for (let i = r + bpp; i < Math.min(r + rowLen, out.length); i++)
      out[i] = (out[i]! + out[i - bpp]!) & 0xff;
  }
  return out;
}

/** Reverses PNG row filters (RFC 2083 §6), one filter-type byte per row. */
function pngPredictor(data: Uint8Array, rowLen: number, bpp: number): Uint8Array {
  const rows = Math.floor(data.length / (rowLen + 1));
  const out = new Uint8Array(rows * rowLen);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLen + 1)]!;
    const src = r * (rowLen + 1) + 1;
    const dst = r * rowLen;
    for (let i = 0; i < rowLen; i++) {
      const x = data[src + i]!;
      const a = i >= bpp ? out[dst + i - bpp]! : 0;
      const b = r > 0 ? out[dst - rowLen + i]! : 0;
      const c = r > 0 && i >= bpp ? out[dst - rowLen + i - bpp]! : 0;
      out[dst + i] = (x + pngPredict(type, a, b, c)) & 0xff;
    }
  }
  return out;
}

function pngPredict(type: number, a: number, b: number, c: number): number {
  switch (type) {
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    case 4: {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default:
      return 0;
  }
}

function asciiHex(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let hi = -1;
  for (const c of data) {
    if (c === 0x3e) break;
    if (isWhite(c)) continue;
    const v = Number.parseInt(String.fromCharCode(c), 16);
    if (Number.isNaN(v)) throw new PdfError("PDF_FILTER_BROKEN", "bad ASCIIHex digit");
    if (hi < 0) hi = v;
    else {
      out.push((hi << 4) | v);
      hi = -1;
    }
  }
  if (hi >= 0) out.push(hi << 4);
  return Uint8Array.from(out);
}

function ascii85(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  const group: number[] = [];
  const flush = (n: number) => {
    while (group.length < 5) group.push(84);
    let v = 0;
    for (const g of group) v = v * 85 + g;
    const bytes = [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
    out.push(...bytes.slice(0, n));
    group.length = 0;
  };
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c === 0x7e) break;
    if (isWhite(c)) continue;
    if (c === 0x7a && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    if (c < 0x21 || c > 0x75) throw new PdfError("PDF_FILTER_BROKEN", "bad ASCII85 digit");
    group.push(c - 0x21);
    if (group.length === 5) flush(4);
  }
  if (group.length > 1) flush(group.length - 1);
  return Uint8Array.from(out);
}
