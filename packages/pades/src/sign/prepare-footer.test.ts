import { unzlibSync } from "fflate";
import { describe, expect, it } from "vitest";
import { DEFAULT_FOOTER_TEXT } from "../appearance/footer";
import {
  changedBox,
  corpusSigner,
  fixture,
  renderGray,
  tool,
  validateExternally,
  writeTemp,
} from "../../test/fixtures/sign/tools";
import { spawnSync } from "node:child_process";
import { createIncrementalUpdate } from "../pdf/incremental-update";
import { PdfNumber } from "../pdf/objects";
import { openPdf } from "../pdf/open-pdf";
import { concatBytes } from "../pdf/serialize";
import { prepareFooter } from "./prepare-footer";
import { signPdf } from "./sign-pdf";

describe("prepareFooter (document preparation, DOMAIN.md §3)", () => {
  for (const file of ["gs-letter.pdf", "objstm-letter.pdf", "chromium-letter.pdf"]) {
    it(`stamps the footer on every page of ${file} as an incremental update, then signs`, async () => {
      const input = fixture(file);
      const out = await prepareFooter(input, {
        text: DEFAULT_FOOTER_TEXT,
        qrUrl: "https://ttd.kemenag.go.id/v/AB12CD",
        token: "AB12CD",
      });
      expect(out.subarray(0, input.length)).toEqual(input);
      const path = writeTemp("footer.pdf", out);
      expect(tool("qpdf", ["--check", path]).code).toBe(0);
      const text = tool("pdftotext", [path, "-"]).out.replace(/\s+/g, " ");
      expect(text).toContain("Balai Besar Sertifikasi Elektronik (BSrE)");
      expect(text).toContain("Token: AB12CD");
      const pages = (await openPdf(out)).pages().length;
      expect(text.match(/Token: AB12CD/g)).toHaveLength(pages);
      const box = changedBox(renderGray(input), renderGray(out));
      expect(box.y0).toBeGreaterThanOrEqual(11);
      expect(box.y1).toBeLessThanOrEqual(12 + 48 + 1);
      const signed = await signPdf(out, { signer: await corpusSigner() });
      expect(validateExternally(signed).pdfsigValid).toBe(1);
    });
  }

  for (const file of ["minimal-aes256.pdf", "minimal-rc4.pdf"]) {
    it(`stamps an encrypted file (${file}) given its password: qpdf --check and pdftotext see the footer`, async () => {
      const input = fixture(file);
      await expect(prepareFooter(input, { text: "x" })).rejects.toMatchObject({ code: "PDF_WRONG_PASSWORD" });
      const out = await prepareFooter(input, {
        text: "Dokumen ini telah ditandatangani secara elektronik",
        token: "ENC42",
        password: "usersecret",
      });
      expect(out.subarray(0, input.length)).toEqual(input);
      const path = writeTemp("footer-enc.pdf", out);
      const check = tool("qpdf", ["--password=usersecret", "--check", path]);
      expect(check.code, check.out).toBe(0);
      expect(check.out).toMatch(/No syntax or stream encoding errors/);
      const text = tool("pdftotext", ["-upw", "usersecret", path, "-"]).out.replace(/\s+/g, " ");
      expect(text).toContain("ditandatangani secara elektronik");
      expect(text).toContain("Token: ENC42");
      // The new objects are encrypted: no stream of the update inflates as plain zlib data
      // (except an xref stream, which is never encrypted, §7.6.2).
      const update = Buffer.from(out.subarray(input.length)).toString("latin1");
      const streams = [...update.matchAll(/ obj\s*(<<[\s\S]*?>>)\s*stream\r?\n([\s\S]*?)endstream/g)]
        .filter((m) => !/\/Type\s*\/XRef/.test(m[1] ?? ""))
        .map((m) => m[2] ?? "");
      expect(streams.length).toBeGreaterThan(3);
      const plain = streams.filter((body) => {
        try {
          unzlibSync(new Uint8Array(Buffer.from(body.replace(/\r?\n$/, ""), "latin1")));
          return true;
        } catch {
          return false;
        }
      });
      expect(plain).toEqual([]);
      // The prepared file still signs (and the update stays encrypted).
      const signed = await signPdf(out, { signer: await corpusSigner(), password: "usersecret" });
      expect(tool("pdfsig", ["-upw", "usersecret", writeTemp("footer-enc-signed.pdf", signed)]).out).toMatch(
        /Signature is Valid/,
      );
    });
  }

  for (const rotate of [90, 180, 270]) {
    it(`runs along the bottom edge as shown on a page with /Rotate ${rotate}, reading left to right`, async () => {
      const doc = await openPdf(fixture("gs-letter.pdf"));
      const page = doc.pages()[0]!;
      const up = createIncrementalUpdate(doc);
      up.set(page.ref!, page.dict.clone().set("Rotate", new PdfNumber(rotate)));
      const input = concatBytes([doc.bytes, up.writeSync().bytes]);
      const out = await prepareFooter(input, { text: "Dokumen elektronik", token: "ROT1" });
      const render = (pdf: Uint8Array) => {
        const r = spawnSync("pdftoppm", [
          "-gray",
          "-r",
          "72",
          "-cropbox",
          "-f",
          "1",
          "-l",
          "1",
          writeTemp("p.pdf", pdf),
        ]);
        const buf = r.stdout as Buffer;
        const head = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.subarray(0, 40).toString("latin1"))!;
        return {
          width: Number(head[1]),
          height: Number(head[2]),
          data: new Uint8Array(buf.subarray(head[0].length)),
        };
      };
      const before = render(input);
      const box = changedBox(before, render(out));
      // Within the 48 pt band 12 pt above the displayed bottom edge.
      expect(box.y0, JSON.stringify(box)).toBeGreaterThanOrEqual(11);
      expect(box.y1, JSON.stringify(box)).toBeLessThanOrEqual(12 + 48 + 1);
      // Text starts at the 8 pt left margin of the page as shown.
      expect(box.x0, JSON.stringify(box)).toBeGreaterThanOrEqual(7);
      expect(box.x0, JSON.stringify(box)).toBeLessThanOrEqual(12);
      // Upright on screen: pdftotext -bbox (display coordinates) sees the token as a wide word.
      const xml = tool("pdftotext", ["-bbox", "-f", "1", "-l", "1", writeTemp("f.pdf", out), "-"]).out;
      const m = /xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">ROT1</.exec(xml)!;
      const [x0, y0, x1, y1] = m.slice(1).map(Number) as [number, number, number, number];
      expect(x1 - x0).toBeGreaterThan(y1 - y0);
    });
  }

  it("refuses a document that already carries a signature (PADES_SIGN_ALREADY_SIGNED)", async () => {
    await expect(prepareFooter(fixture("poppler-signed-once.pdf"), { text: "x" })).rejects.toMatchObject({
      code: "PADES_SIGN_ALREADY_SIGNED",
    });
  });
});
