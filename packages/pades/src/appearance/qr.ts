import qrcode from "qrcode-generator";

/** One horizontal run of dark modules in a QR code: row, first column, length. */
export interface QrRun {
  readonly row: number;
  readonly col: number;
  readonly length: number;
}

/** The QR code (byte mode, error correction M, smallest version) of `text` as runs of dark modules. */
export function qrRuns(text: string): { readonly modules: number; readonly runs: readonly QrRun[] } {
  const qr = qrcode(0, "M");
  qr.addData(text, "Byte");
  qr.make();
  const n = qr.getModuleCount();
  const runs: QrRun[] = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; ) {
      if (!qr.isDark(row, col)) {
        col++;
        continue;
      }
      let end = col;
      while (end < n && qr.isDark(row, end)) end++;
      runs.push({ row, col, length: end - col });
      col = end;
    }
  }
  return { modules: n, runs };
}

/**
 * The QR code of `text` as a standalone SVG (one path, 4-module quiet zone as ISO/IEC 18004
 * asks for screens): e.g. an `otpauth://` provisioning URI for an authenticator app to scan.
 */
export function qrSvg(text: string, options: { readonly quietZone?: number } = {}): string {
  const quiet = options.quietZone ?? 4;
  const { modules, runs } = qrRuns(text);
  const size = modules + 2 * quiet;
  const d = runs.map((r) => `M${r.col + quiet} ${r.row + quiet}h${r.length}v1h-${r.length}z`).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`;
}
