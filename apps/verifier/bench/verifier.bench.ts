// `pnpm --filter @teken/verifier bench`: (1) time from picking a 10 MB, 3-signature B-LT file to
// the verdict on screen, in headless Chromium (first file on a fresh page, and later files),
// split into phases by the page's User Timing marks; (2) the gzipped JS the page and its workers
// had fetched when the first verdict showed (the page preview's pdf.js chunks come later).
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { build } from "vite";
import { serveApp } from "../test/support/app-server";
import { launchChromium } from "../test/support/browser";
import { createSigningKit, makeLetter, signTimes } from "../test/support/make-pdfs";

const appRoot = new URL("../", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "teken-verifier-bench-"));
const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Raw and gzip -9 size of each JS file of the build, by file name. */
function jsSizes(distDir: string): Map<string, { raw: number; gz: number }> {
  const assets = join(distDir, "assets");
  const out = new Map<string, { raw: number; gz: number }>();
  for (const f of readdirSync(assets).filter((x) => /\.m?js$/.test(x))) {
    const bytes = readFileSync(join(assets, f));
    out.set(f, { raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length });
  }
  return out;
}

const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(7)} KB`;

/** Where the time between pick and verdict went, from the page's User Timing marks (ms). */
interface Run {
  readonly total: number;
  readonly phases: Readonly<Record<string, number>>;
  /** JS files the page and its workers had fetched when the verdict showed. */
  readonly js: readonly string[];
}

const PHASES = [
  ["teken:picked", "teken:posted", "page: pick -> posted to worker"],
  ["teken:posted", "teken:worker-received", "worker: waiting (start/compile) + message"],
  ["teken:worker-received", "teken:worker-read", "worker: read the File"],
  ["teken:worker-read", "teken:worker-verified", "worker: verify()"],
  ["teken:worker-verified", "teken:verdict", "page: reply + render"],
] as const;

async function main(): Promise<void> {
  const kit = await createSigningKit();
  const rootPem = join(work, "root.pem");
  writeFileSync(rootPem, kit.pki.pem.root);
  const distDir = join(work, "dist");
  process.env.TEKEN_VERIFIER_ANCHORS = rootPem;
  await build({ configFile: join(appRoot, "vite.config.ts"), logLevel: "warn", build: { outDir: distDir } });
  // TEKEN_BENCH_BASELINE_APP: a folder with an earlier copy of this app (its vite.config.ts),
  // built here with the same anchors and timed in the same run, so the two can be compared.
  const baselineApp = process.env.TEKEN_BENCH_BASELINE_APP;
  const baselineDist = join(work, "baseline-dist");
  if (baselineApp)
    await build({
      configFile: join(baselineApp, "vite.config.ts"),
      logLevel: "warn",
      build: { outDir: baselineDist, emptyOutDir: true },
    });
  const sizes = jsSizes(distDir);
  console.log("JS files of the build (raw, gzip -9):");
  for (const [f, s] of sizes) console.log(`  ${f.padEnd(40)} ${kb(s.raw)}  gzip ${kb(s.gz)}`);

  const pdfPath = join(work, "surat-10mb-3ttd.pdf");
  const pdf = await signTimes(kit, makeLetter(10 * 1024 * 1024), 3);
  writeFileSync(pdfPath, pdf);
  console.log(`\nFile: ${(pdf.length / 1048576).toFixed(1)} MB, 3 PAdES B-LT signatures`);

  const app = await serveApp(distDir);
  const baseline = baselineApp ? await serveApp(baselineDist) : null;
  const browser = await launchChromium();
  try {
    const measure = async (page: Page, fetched: { url: string; at: number }[], n: number): Promise<Run> => {
      await page.setInputFiles("#file-input", pdfPath);
      await page.waitForFunction((k) => performance.getEntriesByName("teken:verdict").length >= k, n, {
        timeout: 120_000,
      });
      const verdict = await page.locator("[data-testid=verdict]").first().textContent();
      if (verdict !== "Sah") throw new Error(`unexpected verdict ${verdict}`);
      const marks = await page.evaluate(
        (names) => ({
          origin: performance.timeOrigin,
          at: Object.fromEntries(
            names.map((m) => [m, performance.getEntriesByName(m).at(-1)?.startTime ?? 0]),
          ),
        }),
        [...new Set(PHASES.map(([a]) => a)), "teken:verdict"],
      );
      const verdictAt = marks.origin + (marks.at["teken:verdict"] ?? 0);
      return {
        total: (marks.at["teken:verdict"] ?? 0) - (marks.at["teken:picked"] ?? 0),
        phases: Object.fromEntries(
          PHASES.map(([a, b, label]) => [label, (marks.at[b] ?? 0) - (marks.at[a] ?? 0)]),
        ),
        js: fetched
          .filter((f) => f.at <= verdictAt && /\.m?js$/.test(f.url))
          .map((f) => f.url.slice(f.url.lastIndexOf("/") + 1)),
      };
    };
    const cold: Run[] = [];
    const settled: Run[] = [];
    const warm: Run[] = [];
    const baseCold: number[] = [];
    const baseWarm: number[] = [];
    for (let i = 0; i < 5; i++) {
      if (baseline !== null) {
        // The earlier app has only the pick and verdict marks: its total time is compared.
        const page = await browser.newPage();
        await page.goto(`${baseline.url}/`);
        await page.getByTestId("privacy").waitFor();
        baseCold.push((await measure(page, [], 1)).total);
        for (let k = 2; k <= 3; k++) baseWarm.push((await measure(page, [], k)).total);
        await page.close();
      }
      for (const wait of [0, 2000]) {
        const context = await browser.newContext();
        const fetched: { url: string; at: number }[] = [];
        context.on("requestfinished", (r) => fetched.push({ url: r.url(), at: Date.now() }));
        const page = await context.newPage();
        await page.goto(`${app.url}/`);
        await page.getByTestId("privacy").waitFor();
        // A person needs a moment to find the file: the second case picks it 2 s after the load.
        if (wait > 0) await page.waitForTimeout(wait);
        (wait === 0 ? cold : settled).push(await measure(page, fetched, 1));
        if (wait === 0) for (let k = 2; k <= 3; k++) warm.push(await measure(page, fetched, k));
        await context.close();
      }
    }
    const fmt = (xs: readonly number[]) =>
      `median ${median(xs).toFixed(0).padStart(5)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(", ")})`;
    console.log("\nPick/drop -> verdict on screen (target < 1000 ms):");
    console.log(`  first file on a fresh page (picked at once):  ${fmt(cold.map((r) => r.total))}`);
    console.log(`  first file, picked 2 s after the page loaded: ${fmt(settled.map((r) => r.total))}`);
    console.log(`  later files (worker warm):                   ${fmt(warm.map((r) => r.total))}`);
    if (baseline !== null) {
      console.log(`  baseline app, first file (picked at once):    ${fmt(baseCold)}`);
      console.log(`  baseline app, later files:                   ${fmt(baseWarm)}`);
      const ratio = (a: number[], b: number[]) => (median(a) / median(b)).toFixed(2);
      console.log(
        `  this app / baseline (medians): first file ${ratio(
          cold.map((r) => r.total),
          baseCold,
        )}, later files ${ratio(
          warm.map((r) => r.total),
          baseWarm,
        )}`,
      );
    }
    for (const [name, runs] of [
      ["first file", cold],
      ["first file picked after 2 s", settled],
      ["later files", warm],
    ] as const) {
      console.log(`  where the time went, ${name}:`);
      for (const [, , label] of PHASES)
        console.log(`    ${label.padEnd(44)} ${fmt(runs.map((r) => r.phases[label] ?? 0))}`);
    }
    const before = new Set(cold.flatMap((r) => r.js));
    let gz = 0;
    let raw = 0;
    console.log("\nJS fetched before the first verdict (page + workers, measured in Chromium):");
    for (const f of before) {
      const s = sizes.get(f);
      if (s === undefined) continue;
      raw += s.raw;
      gz += s.gz;
      console.log(`  ${f.padEnd(40)} ${kb(s.raw)}  gzip ${kb(s.gz)}`);
    }
    console.log(`  total${" ".repeat(35)} ${kb(raw)}  gzip ${kb(gz)}  (target < 300 KB gzip)`);
  } finally {
    await browser.close();
    await app.close();
    await baseline?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
