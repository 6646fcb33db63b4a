import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { qrRuns, qrSvg } from "./qr";
import { renderStampPdf } from "./stamp";

const dir = mkdtempSync(join(tmpdir(), "teken-qr-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Decodes the QR code in an image file with zbar (an independent decoder). */
function zbar(path: string): string {
  const r = spawnSync("zbarimg", ["-q", "--raw", path], { encoding: "utf8" });
  if (r.error) throw r.error;
  return r.stdout.trim();
}

/** Rasterises the SVG's path (absolute M, relative h/v, z: the commands an SVG reader would follow) to a PGM. */
function svgToPgm(svg: string, scale: number): Uint8Array {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const d = /<path[^>]* d="([^"]*)"/.exec(svg)?.[1] ?? "";
  const px = size * scale;
  const gray = new Uint8Array(px * px).fill(255);
  for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let row = y * scale; row < (y + 1) * scale; row++)
      gray.fill(0, row * px + x * scale, row * px + (x + w) * scale);
  }
  const header = new TextEncoder().encode(`P5\n${px} ${px}\n255\n`);
  const out = new Uint8Array(header.length + gray.length);
  out.set(header);
  out.set(gray, header.length);
  return out;
}

const uri = "otpauth://totp/Teken:198001012005011001?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Teken";

describe("QR codes", () => {
  it("qrSvg draws a code that zbar decodes back to the text", () => {
    const svg = qrSvg(uri);
    expect(svg.startsWith("<svg")).toBe(true);
    const path = join(dir, "totp.pgm");
    writeFileSync(path, svgToPgm(svg, 6));
    expect(zbar(path)).toBe(uri);
  });

  it("keeps a 4-module quiet zone around the modules", () => {
    const { modules } = qrRuns(uri);
    expect(qrSvg(uri)).toContain(`viewBox="0 0 ${modules + 8} ${modules + 8}"`);
  });

  it("the stamp's vector QR (drawQr) renders to a code that zbar decodes", async () => {
    const url = "https://teken.example.go.id/v/AbC123xyz";
    const pdf = await renderStampPdf({ qrUrl: url }, 120, 120);
    const pdfPath = join(dir, "stamp.pdf");
    writeFileSync(pdfPath, pdf);
    const r = spawnSync("pdftoppm", [
      "-gray",
      "-r",
      "300",
      "-png",
      "-singlefile",
      pdfPath,
      join(dir, "stamp"),
    ]);
    expect(r.status).toBe(0);
    expect(zbar(join(dir, "stamp.png"))).toBe(url);
  });
});
