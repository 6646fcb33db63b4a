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
import { openPdf } from "../pdf/open-pdf";
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

  it("refuses a document that already carries a signature (PADES_SIGN_ALREADY_SIGNED)", async () => {
    await expect(prepareFooter(fixture("poppler-signed-once.pdf"), { text: "x" })).rejects.toMatchObject({
      code: "PADES_SIGN_ALREADY_SIGNED",
    });
  });
});
