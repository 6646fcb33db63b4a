import { describe, expect, it } from "vitest";
import { corpusSigner, fixture, validateExternally } from "../../test/fixtures/sign/tools";
import { openPdf } from "../pdf/open-pdf";
import { signPdf } from "./sign-pdf";

const when = new Date("2026-11-25T10:00:00Z");
const inputs = [
  "gs-letter.pdf",
  "objstm-letter.pdf",
  "linearized-letter.pdf",
  "qdf-letter.pdf",
  "chromium-letter.pdf",
  "poppler-signed-once.pdf",
  "poppler-signed-twice.pdf",
];

describe("signPdf (PAdES B-B, invisible) — external validators", () => {
  for (const file of inputs) {
    it(`signs ${file}: pdfsig, mutool, qpdf and openssl accept every signature`, async () => {
      const input = fixture(file);
      const signed = await signPdf(input, {
        signer: await corpusSigner(),
        reason: "Menyetujui",
        location: "Jakarta",
        name: "Ahmad Fauzi",
        signingTime: when,
      });
      // Buffer.equals: vitest's deep toEqual over a 500 KB array takes seconds on a loaded machine.
      expect(Buffer.from(signed.buffer, signed.byteOffset, input.length).equals(input)).toBe(true);
      const v = validateExternally(signed);
      const before = file.startsWith("poppler-signed-twice")
        ? 2
        : file.startsWith("poppler-signed-once")
          ? 1
          : 0;
      expect(v.signatures).toBe(before + 1);
      expect(v.pdfsigValid, v.pdfsig).toBe(before + 1);
      expect(v.pdfsigTotal, v.pdfsig).toBe(true);
      expect(v.pdfsig).toContain("ETSI.CAdES.detached");
      expect(v.qpdf.code, v.qpdf.out).toBe(0);
      expect(v.mutoolValid, v.mutool).toBe(before + 1);
      expect(v.opensslOk).toBe(before + 1);
      const doc = await openPdf(signed);
      expect(doc.xrefKind === "table").toBe((await openPdf(input)).xrefKind === "table");
    });
  }
});
