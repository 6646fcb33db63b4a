import { unzlibSync } from "fflate";
import { asName, asNumber, dictGet, PdfSyntaxError, type PdfStream, type PdfValue } from "./objects";

/** Upper bound on any decoded stream, so a zip bomb cannot exhaust memory. */
export const MAX_DECODED_BYTES = 64 * 1024 * 1024;

/** Reverses the PNG predictors of a /DecodeParms dictionary (ISO 32000-2 §7.4.4.4). */
function unpredict(data: Uint8Array, parms: PdfValue | undefined): Uint8Array {
  const predictor = asNumber(dictGet(parms, "Predictor")) ?? 1;
  if (predictor < 10) return data;
  const columns = asNumber(dictGet(parms, "Columns")) ?? 1;
  const colors = asNumber(dictGet(parms, "Colors")) ?? 1;
  const bpc = asNumber(dictGet(parms, "BitsPerComponent")) ?? 8;
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLen = Math.ceil((columns * colors * bpc) / 8);
  if (rowLen <= 0 || rowLen > 1 << 20) throw new PdfSyntaxError("bad predictor columns", 0);
  const rows = Math.floor(data.length / (rowLen + 1));
  const out = new Uint8Array(rows * rowLen);
  let prev = new Uint8Array(rowLen);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLen + 1)]!;
    const row = data.subarray(r * (rowLen + 1) + 1, (r + 1) * (rowLen + 1));
    const cur = out.subarray(r * rowLen, (r + 1) * rowLen);
    for (let i = 0; i < rowLen; i++) {
      const a = i >= bpp ? cur[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      const x = row[i]!;
      if (type === 0) cur[i] = x;
      else if (type === 1) cur[i] = x + a;
      else if (type === 2) cur[i] = x + b;
      else if (type === 3) cur[i] = x + ((a + b) >> 1);
      else if (type === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        cur[i] = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      } else throw new PdfSyntaxError("unknown PNG predictor", 0);
    }
    prev = cur;
  }
  return out;
}

/** Decodes a stream's data with the filters the verifier needs (FlateDecode, ASCIIHexDecode). */
export function decodeStream(bytes: Uint8Array, stream: PdfStream): Uint8Array {
  let data = stream.plain ?? bytes.subarray(stream.dataStart, stream.dataEnd);
  const filter = dictGet(stream, "Filter");
  const parms = dictGet(stream, "DecodeParms");
  const filters =
    filter === undefined || filter === null
      ? []
      : typeof filter === "object" && filter.kind === "array"
        ? filter.items.map((f) => asName(f))
        : [asName(filter)];
  const parmList =
    parms !== null && typeof parms === "object" && parms?.kind === "array" ? parms.items : [parms];
  filters.forEach((name, i) => {
    if (name === "FlateDecode" || name === "Fl") {
      let inflated: Uint8Array;
      try {
        inflated = unzlibSync(data, { out: undefined });
      } catch (cause) {
        throw new PdfSyntaxError(`bad FlateDecode data (${(cause as Error).message})`, stream.dataStart);
      }
      if (inflated.length > MAX_DECODED_BYTES) throw new PdfSyntaxError("stream too large", stream.dataStart);
      data = unpredict(inflated, parmList[i] ?? undefined);
    } else if (name === "ASCIIHexDecode" || name === "AHx") {
      const text = new TextDecoder("latin1").decode(data).replace(/>.*$/s, "");
      const out = new Uint8Array(Math.ceil(text.replace(/\s/g, "").length / 2));
      const clean = text.replace(/\s/g, "");
      for (let k = 0; k < out.length; k++)
        out[k] = Number.parseInt(clean.slice(2 * k, 2 * k + 2).padEnd(2, "0"), 16);
      data = out;
    } else {
      throw new PdfSyntaxError(`unsupported filter ${name ?? "?"}`, stream.dataStart);
    }
  });
  return data;
}
