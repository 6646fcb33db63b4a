// Test support: headless Chromium (Debian's, via playwright-core), the served app, and a
// recorder of every request the page or its worker makes.
import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, type Page, type Request, chromium } from "playwright-core";

/** Launches headless Chromium; fails (does not skip) when it is missing. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) throw new Error(`chromium not found at ${executablePath}`);
  return chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** One request as recorded: enough to prove no document bytes left the page. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly bodyBytes: number;
  readonly resourceType: string;
}

/** Records every request of a browser context (pages and their workers). */
export function recordRequests(context: BrowserContext): RecordedRequest[] {
  const seen: RecordedRequest[] = [];
  const push = (r: Request) =>
    seen.push({
      method: r.method(),
      url: r.url(),
      bodyBytes: r.postDataBuffer()?.length ?? 0,
      resourceType: r.resourceType(),
    });
  context.on("request", push);
  return seen;
}

/** Picks files in the page's file input and waits until a result for the first one shows. */
export async function pickFiles(page: Page, paths: readonly string[]): Promise<void> {
  const before = await page.locator("#results article").count();
  await page.setInputFiles("#file-input", [...paths]);
  await page.waitForFunction(
    (n) => document.querySelectorAll("#results article").length >= n,
    before + paths.length,
    { timeout: 120_000, polling: 100 },
  );
  await page.waitForFunction(
    () => getComputedStyle(document.getElementById("progress")!).display === "none",
    undefined,
    {
      timeout: 120_000,
    },
  );
}

/** The visible verdict and reason of the result card for `fileName`. */
export async function resultOf(page: Page, fileName: string): Promise<{ verdict: string; reason: string }> {
  const card = page
    .locator("#results article", { has: page.locator(".doc-name", { hasText: fileName }) })
    .first();
  if (!(await card.getByTestId("verdict").isVisible()))
    throw new Error(`the verdict of ${fileName} is not visible`);
  return {
    verdict: ((await card.getByTestId("verdict").textContent()) ?? "").trim(),
    reason: ((await card.getByTestId("reason").textContent()) ?? "").trim(),
  };
}
