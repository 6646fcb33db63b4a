import { prepareFooter } from "@teken/pades";
import type { DocumentPreparer } from "@teken/registry";

/** The footer text BSrE-signed letters carry (DOMAIN.md §3); @teken/pades keeps its copy unexported. */
export const FOOTER_TEXT =
  "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), BSSN. Dokumen asli dapat diperoleh dengan memindai kode QR.";

/** The registry's `DocumentPreparer`: @teken/pades' footer (text + QR of the verification URL + short code) on every page. */
export function padesFooterPreparer(options: { text?: string } = {}): DocumentPreparer {
  return {
    async prepare(input) {
      return prepareFooter(input.pdf, {
        text: options.text ?? FOOTER_TEXT,
        qrUrl: input.verifyUrl,
        token: input.shortCode,
      });
    },
  };
}
