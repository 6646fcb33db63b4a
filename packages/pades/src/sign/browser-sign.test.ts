import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixture, fixturePath, validateExternally } from "../../test/fixtures/sign/tools";

const requireFromTsup = createRequire(createRequire(import.meta.url).resolve("tsup"));
/** The slice of esbuild's API this test uses (esbuild comes with tsup; it has no direct dependency here). */
interface EsbuildLike {
  build(options: Record<string, unknown>): Promise<{ outputFiles: { text: string }[] }>;
}
const esbuild = requireFromTsup("esbuild") as EsbuildLike;
const pemBody = (name: string) => readFileSync(fixturePath(name), "utf8").replace(/-----[^-]+-----|\s/g, "");

describe("signing in a browser (Chromium via playwright-core)", () => {
  it("signs a PDF with a non-extractable Web Crypto key inside the page; pdfsig accepts it", async () => {
    const bundle = await esbuild.build({
      entryPoints: [fixturePath("browser-entry.ts")],
      bundle: true,
      write: false,
      format: "iife",
      platform: "browser",
      target: "es2022",
      conditions: ["source"],
    });
    const script = bundle.outputFiles[0]!.text;
    expect(script).not.toMatch(/require\("node:/);
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox"],
      headless: true,
    });
    try {
      const page = await browser.newPage();
      await page.route("http://localhost/**", (route) =>
        route.fulfill({
          contentType: "text/html",
          body: `<!doctype html><script>${script.replace(/<\/script/g, "<\\/script")}</script>`,
        }),
      );
      await page.goto("http://localhost/index.html");
      const result = await page.evaluate(
        (input) =>
          (
            globalThis as unknown as {
              tekenSign: (
                i: typeof input,
              ) => Promise<{ signed: string; extractable: boolean; isSecure: boolean }>;
            }
          ).tekenSign(input),
        {
          pdf: Buffer.from(fixture("chromium-letter.pdf")).toString("base64"),
          pkcs8: pemBody("signer.key"),
          cert: pemBody("signer.pem"),
          chain: pemBody("ca.pem"),
        },
      );
      expect(result.isSecure).toBe(true);
      expect(result.extractable).toBe(false);
      const v = validateExternally(new Uint8Array(Buffer.from(result.signed, "base64")));
      expect(v.pdfsigValid, v.pdfsig).toBe(1);
      expect(v.pdfsigTotal).toBe(true);
      expect(v.opensslOk).toBe(1);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
