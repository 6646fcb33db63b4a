// Parity: `teken verify --json` (the real CLI, in a child process) and the web app in Chromium
// give the same verdict, and the same indication per signature, on every file.
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import type { Browser, Download, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, serveApp } from "./support/app-server";
import { launchChromium, pickFiles, resultOf } from "./support/browser";

interface Comparable {
  readonly verdict: string;
  readonly signatures: readonly string[];
}

interface JsonReport {
  readonly file: string;
  readonly verdict: string;
  readonly signatures: readonly {
    readonly indication: string;
    readonly subIndication: string | null;
    readonly level: string;
    readonly reasons: readonly { readonly code: string }[];
  }[];
}

const VERDICT_TEXT: Readonly<Record<string, string>> = {
  TOTAL_PASSED: "Sah",
  TOTAL_FAILED: "Tidak sah",
  INDETERMINATE: "Tidak dapat ditentukan",
  NO_SIGNATURE: "Tidak ada tanda tangan",
  UNREADABLE: "Bukan PDF atau tidak dapat dibaca",
};

const comparable = (r: JsonReport): Comparable => ({
  verdict: r.verdict,
  signatures: r.signatures.map(
    (s) => `${s.indication}/${s.subIndication ?? "-"}/${s.level}/${s.reasons.map((x) => x.code).join("+")}`,
  ),
});

const fixtures = new URL("fixtures/", import.meta.url).pathname;
const generated = () => inject("generatedDir");
const cliMain = join(
  dirname(createRequire(import.meta.url).resolve("@teken/cli/package.json")),
  "src/main.ts",
);

/** The corpus copies plus the generated letters (not the 50 MB one: the e2e test covers it). */
function files(): string[] {
  const corpus = readdirSync(fixtures)
    .filter((f) => f.endsWith(".pdf"))
    .map((f) => join(fixtures, f));
  const made = [
    "surat-sah.pdf",
    "surat-tiga-ttd.pdf",
    "surat-diubah.pdf",
    "surat-tanpa-ttd.pdf",
    "surat-terlihat.pdf",
    "bukan-pdf.txt",
  ];
  return [...corpus, ...made.map((f) => join(generated(), f))];
}

/**
 * Clicks a card's "Unduh laporan JSON" and returns the download. Cards are keyed by file: a
 * later result never replaces an earlier card's button, so one click is enough.
 */
async function downloadReport(page: Page, card: Locator): Promise<Download> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    card.getByRole("button", { name: "Unduh laporan JSON" }).click(),
  ]);
  return download;
}

const anchorFiles = () => [
  join(fixtures, "corpus-root.pem"),
  join(fixtures, "teken-root.pem"),
  join(generated(), "test-root.pem"),
];

/** Runs `teken verify --json` over the files with the same anchors as the page. */
function cliReports(paths: readonly string[]): Map<string, Comparable> {
  const args = ["--conditions=source", "--import", "tsx", cliMain, "verify", "--json"];
  for (const a of anchorFiles()) args.push("--trust", a);
  const run = spawnSync(process.execPath, [...args, ...paths], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.stdout.trim() === "") throw new Error(`teken verify printed nothing: ${run.stderr}`);
  const reports = JSON.parse(run.stdout) as JsonReport[];
  return new Map(reports.map((r) => [basename(r.file), comparable(r)]));
}

describe("teken verify and the web app agree", () => {
  let browser: Browser;
  let page: Page;
  let app: AppServer;

  beforeAll(async () => {
    app = await serveApp(inject("distDir"));
    browser = await launchChromium();
    page = await browser.newPage();
    // 15 files are verified one after another in the worker: on a loaded 2-core machine a late
    // card can take longer than Playwright's 30 s default to appear.
    page.setDefaultTimeout(120_000);
    await page.goto(`${app.url}/`);
    // The page bundles the corpus root; the two other roots are added as the user would.
    await page.setInputFiles("#anchor-input", anchorFiles().slice(1));
    await page.getByText("2 sertifikat ditambahkan.").waitFor({ state: "attached" });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("gives the same verdict and per-signature indication on every file", async () => {
    const paths = files();
    expect(paths.length).toBe(15);
    const cli = cliReports(paths);
    expect(cli.size).toBe(paths.length);
    await pickFiles(page, paths);
    const verdicts = new Set<string>();
    for (const path of paths) {
      const name = basename(path);
      const card = page
        .locator("#results article", { has: page.locator(".doc-name", { hasText: name }) })
        .first();
      const download = await downloadReport(page, card);
      const web = comparable(JSON.parse(readFileSync(await download.path(), "utf8")) as JsonReport);
      const expected = cli.get(name);
      expect(web, name).toEqual(expected);
      expect((await resultOf(page, name)).verdict, name).toBe(VERDICT_TEXT[expected?.verdict ?? ""]);
      verdicts.add(web.verdict);
    }
    // The set covers every document verdict, so the comparison is not vacuous.
    expect([...verdicts].sort()).toEqual([
      "INDETERMINATE",
      "NO_SIGNATURE",
      "TOTAL_FAILED",
      "TOTAL_PASSED",
      "UNREADABLE",
    ]);
  });
});
