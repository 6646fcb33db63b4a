import { verify } from "@teken/pades";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, enrol, failure, fixture, startHarness } from "../../test/harness";
import { type ThreadSigner, threadSigner } from "./thread-signer";

const USER = {
  nik: "3201011505800001",
  email: "budi@kemenag.go.id",
  nama: "Budi Santoso",
  passphrase: "Sejuk-Pagi-di-Ambon-7",
};

describe("threadSigner", () => {
  let h: Harness;
  let signer: ThreadSigner | undefined;

  beforeAll(async () => {
    h = await startHarness("in-process", {
      makeSigner: (input) => {
        // vitest runs the source: the workers must resolve @teken/* to their TypeScript too.
        signer = threadSigner({ ...input, threads: 2, execArgv: ["--conditions=source"] });
        return signer;
      },
    });
    await enrol(h, USER);
  }, 60_000);

  afterAll(async () => {
    await h.sim.close();
    await h.close();
  });

  it("signs in worker threads at B-LT with the simulator's own TSA and OCSP (several at once)", async () => {
    expect(h.sim.capabilities.sign).toBe("PAdES-BASELINE-LT");
    const signed = await Promise.all(
      [0, 1, 2].map((i) =>
        h.client.v1.signPdf({
          file: fixture("gs-letter.pdf"),
          nik: USER.nik,
          passphrase: USER.passphrase,
          ...(i === 0
            ? { tampilan: "visible" as const, image: false, linkQR: "https://x.id/v/1", tag_koordinat: "^" }
            : { tampilan: "invisible" as const }),
        }),
      ),
    );
    for (const s of signed) {
      const report = await verify(s.pdf, { trustAnchors: h.sim.chain.slice(-1) });
      expect(report.verdict).toBe("TOTAL_PASSED");
      expect(report.signatures[0]?.level).toBe("PAdES-BASELINE-LT");
    }
    expect(signer?.signed).toBe(3);
  }, 120_000);

  it("answers a request problem found in the worker as BSrE's 400", async () => {
    const refused = await failure(
      h.client.v1.signPdf({
        file: fixture("gs-letter.pdf"),
        nik: USER.nik,
        passphrase: USER.passphrase,
        tampilan: "visible",
        image: false,
        linkQR: "https://x.id/v/1",
        tag_koordinat: "@@nowhere@@",
      }),
    );
    expect(refused).toMatchObject({ statusCode: 2040 });
    expect(signer?.signed).toBe(3);
  }, 60_000);

  it("rejects a request it cannot hand to a worker without losing the worker", async () => {
    const uncloneable = {
      pdf: fixture("gs-letter.pdf"),
      privateKey: (() => undefined) as unknown as CryptoKey,
      certificate: new Uint8Array(),
      chain: [],
      signerName: "x",
    };
    await expect(signer?.signPdf(uncloneable)).rejects.toThrow(/could not be cloned/);
    const again = await h.client.v1.signPdf({
      file: fixture("gs-letter.pdf"),
      nik: USER.nik,
      passphrase: USER.passphrase,
      tampilan: "invisible",
    });
    expect(again.pdf.byteLength).toBeGreaterThan(0);
    expect(signer?.signed).toBe(4);
  }, 60_000);
});
