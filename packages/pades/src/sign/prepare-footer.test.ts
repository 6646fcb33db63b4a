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

  it("refuses a document that already carries a signature (PADES_SIGN_ALREADY_SIGNED)", async () => {
    await expect(prepareFooter(fixture("poppler-signed-once.pdf"), { text: "x" })).rejects.toMatchObject({
      code: "PADES_SIGN_ALREADY_SIGNED",
    });
  });
});
