import { describe, expect, it } from "vitest";
import { DEFAULT_FOOTER_TEXT } from "../appearance/footer";
import { certificatesFromPem } from "../cms/certificate";
import { corpusSigner, fixture } from "../../test/fixtures/sign/tools";
import { verify } from "../verify/verify";
import { prepareFooter } from "./prepare-footer";
import { signPdf } from "./sign-pdf";

const root = certificatesFromPem(new TextDecoder().decode(fixture("root.pem")))[0]!;

describe("our signatures through our own verifier (src/verify)", () => {
  it("footer + visible anchored signature + counter-signature: every signature TOTAL_PASSED at PAdES-BASELINE-B", async () => {
    const signer = await corpusSigner();
    const ready = await prepareFooter(fixture("chromium-letter.pdf"), {
      text: DEFAULT_FOOTER_TEXT,
      qrUrl: "https://ttd.example.go.id/v/AB12",
      token: "AB12",
    });
    const once = await signPdf(ready, {
      signer,
      name: "Ahmad Fauzi",
      visible: {
        placement: { anchor: "^", size: [160, 50] },
        stamp: { lines: ["Ahmad Fauzi"], qrUrl: "https://ttd.example.go.id/v/AB12" },
      },
    });
    const twice = await signPdf(once, { signer, reason: "Paraf" });
    const report = await verify(twice, { trustAnchors: [root], requireRevocation: false });
    const sigs = report.signatures.filter((s) => s.kind === "signature");
    expect(sigs).toHaveLength(2);
    for (const s of sigs) {
      expect(s.indication, JSON.stringify(s.reasons)).toBe("TOTAL_PASSED");
      expect(s.level).toBe("PAdES-BASELINE-B");
    }
  });
});
