// End to end in headless Chromium: the built app verifies each kind of file, shows the verdict
// in Indonesian (and English), and no request ever carries the document.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, serveApp } from "./support/app-server";
import { type RecordedRequest, launchChromium, pickFiles, recordRequests, resultOf } from "./support/browser";
import { VISIBLE_STAMP } from "./support/generate";

const gen = (name: string) => join(inject("generatedDir"), name);
const fixture = (name: string) => new URL(`fixtures/${name}`, import.meta.url).pathname;
const docs = new URL("../docs/", import.meta.url).pathname;

/** Saves a screenshot (the whole page, or one element) under docs/ when it is missing or TEKEN_UPDATE_SCREENSHOTS=1. */
async function screenshot(target: Page | Locator, name: string): Promise<void> {
  const path = join(docs, `${name}.png`);
  if (existsSync(path) && process.env.TEKEN_UPDATE_SCREENSHOTS !== "1") return;
  mkdirSync(docs, { recursive: true });
  if ("goto" in target) await target.screenshot({ path, fullPage: true });
  else await target.screenshot({ path });
}

describe("the verifier in Chromium", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let app: AppServer;
  let requests: RecordedRequest[];

  beforeAll(async () => {
    // This server provides its own trust anchor next to the page, as the API does at /verify/anchors.pem.
    app = await serveApp(inject("distDir"), new Map([["surat-sah.pdf", gen("surat-sah.pdf")]]), {
      anchorsPem: gen("server-root.pem"),
    });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    requests = recordRequests(context);
    // Verification runs in a worker on a 2-core machine: allow more than Playwright's 30 s default.
    context.setDefaultTimeout(90_000);
    page = await context.newPage();
    await page.goto(`${app.url}/`);
    await page.getByTestId("privacy").waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("opens in Indonesian and says the document is not uploaded", async () => {
    expect(await page.locator("html").getAttribute("lang")).toBe("id");
    expect((await page.getByTestId("privacy").textContent()) ?? "").toContain("tidak diunggah");
    expect(await page.locator("label[for=file-input]").count()).toBe(1);
    await screenshot(page, "01-start");
  });

  it("says honestly that no trusted root matched before the signer's root is added", async () => {
    await pickFiles(page, [gen("surat-sah.pdf")]);
    expect(await resultOf(page, "surat-sah.pdf")).toEqual({
      verdict: "Tidak dapat ditentukan",
      reason: "Sertifikat yang digunakan tidak terpercaya",
    });
    const card = page.locator("#results article").first();
    await card.locator("details.signature > summary").first().click();
    expect((await card.getByTestId("anchor").textContent()) ?? "").toBe(
      "Tidak ada akar terpercaya yang cocok dengan rantai sertifikat ini.",
    );
    await screenshot(page, "02-untrusted-root");
    // The first verdict needed no PDF renderer: pdf.js is only loaded for a visible signature.
    expect(requests.filter((r) => /pdf\.worker|\/preview-/.test(r.url))).toEqual([]);
  });

  it("adds the signer's root (PEM upload, kept in local storage) and re-checks: valid", async () => {
    await page.locator("details.anchors > summary").click();
    await page.setInputFiles("#anchor-input", gen("test-root.pem"));
    await page.getByText("1 sertifikat ditambahkan.").waitFor();
    await page.waitForFunction(() => document.querySelector("[data-testid=verdict]")?.textContent === "Sah");
    await page.locator("#progress").waitFor({ state: "hidden" });
    expect(await resultOf(page, "surat-sah.pdf")).toEqual({
      verdict: "Sah",
      reason: "Dokumen valid, Sertifikat yang digunakan terpercaya",
    });
    const stored = await page.evaluate(() => localStorage.getItem("teken.verifier.anchors"));
    expect(JSON.parse(stored ?? "[]")).toHaveLength(1);
    const card = page.locator("#results article").first();
    await card.locator("details.signature > summary").first().click();
    const details = (await card.locator("details.signature").first().textContent()) ?? "";
    expect(details).toContain("Budi Santoso");
    expect(details).toContain("budi.santoso@example.go.id");
    expect(details).toContain("PAdES-BASELINE-LT");
    expect(details).toContain("Tidak dicabut");
    expect((await card.getByTestId("anchor").textContent()) ?? "").toMatch(
      /^Rantai berakhir di akar terpercaya: .+ \(ditambahkan oleh Anda\)$/,
    );
    await screenshot(page, "03-valid-single");
  });

  it("shows a three-signature letter as valid, one card per signature", async () => {
    await pickFiles(page, [gen("surat-tiga-ttd.pdf")]);
    expect((await resultOf(page, "surat-tiga-ttd.pdf")).verdict).toBe("Sah");
    const card = page.locator("#results article").first();
    expect(await card.getByTestId("signature-verdict").allInnerTexts()).toEqual(["Sah", "Sah", "Sah"]);
    await screenshot(page, "04-valid-multi");
  });

  it("shows a letter changed after signing as invalid", async () => {
    await pickFiles(page, [gen("surat-diubah.pdf")]);
    expect(await resultOf(page, "surat-diubah.pdf")).toEqual({
      verdict: "Tidak sah",
      reason: "Konten Dokumen mengalami perubahan oleh pihak yang tidak berhak",
    });
    await screenshot(page, "05-tampered");
  });

  it("shows an unsigned PDF and a non-PDF for what they are", async () => {
    await pickFiles(page, [gen("surat-tanpa-ttd.pdf"), gen("bukan-pdf.txt")]);
    expect((await resultOf(page, "surat-tanpa-ttd.pdf")).verdict).toBe("Tidak ada tanda tangan");
    expect((await resultOf(page, "bukan-pdf.txt")).verdict).toBe("Bukan PDF atau tidak dapat dibaca");
    await screenshot(page, "06-unsigned-and-not-pdf");
  });

  it("checks a file dropped on the drop zone", async () => {
    const bytes = readFileSync(gen("surat-diubah.pdf")).toString("base64");
    await page.evaluate((b64) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], "dijatuhkan.pdf", { type: "application/pdf" }));
      const zone = document.getElementById("drop-zone")!;
      zone.dispatchEvent(
        new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, bytes);
    await page.locator(".doc-name", { hasText: "dijatuhkan.pdf" }).waitFor();
    await page.locator("#progress").waitFor({ state: "hidden" });
    expect((await resultOf(page, "dijatuhkan.pdf")).verdict).toBe("Tidak sah");
  });

  it("verifies a 50 MB signed file in the worker, showing reading and verifying progress", async () => {
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenProgress: string[] }).seenProgress = seen;
      const box = document.getElementById("progress")!;
      new MutationObserver(() => seen.push(box.textContent ?? "")).observe(box, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    await pickFiles(page, [gen("surat-50mb.pdf")]);
    const progress = await page.evaluate(
      () => (window as unknown as { seenProgress: string[] }).seenProgress,
    );
    expect(progress.some((t) => t.startsWith("Membaca berkas surat-50mb.pdf"))).toBe(true);
    expect(progress.some((t) => t.startsWith("Memverifikasi tanda tangan"))).toBe(true);
    expect((await resultOf(page, "surat-50mb.pdf")).verdict).toBe("Sah");
    expect((await page.locator("#results article").first().textContent()) ?? "").toMatch(/5\d(,\d)? MB/);
  });

  it("trusts the bundled development root for corpus files and names it", async () => {
    await pickFiles(page, [fixture("poppler-signed-twice.pdf")]);
    const card = page.locator("#results article").first();
    expect((await resultOf(page, "poppler-signed-twice.pdf")).verdict).not.toBe("Tidak sah");
    await card.locator("details.signature > summary").first().click();
    expect((await card.getByTestId("anchor").first().textContent()) ?? "").toContain("(bawaan aplikasi)");
  });

  it("switches to English and back", async () => {
    await page.getByRole("button", { name: "English" }).click();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect((await resultOf(page, "surat-diubah.pdf")).verdict).toBe("Invalid");
    expect((await resultOf(page, "surat-tiga-ttd.pdf")).verdict).toBe("Valid");
    expect((await page.getByTestId("privacy").textContent()) ?? "").toContain("not uploaded");
    await screenshot(page, "07-english");
    await page.getByRole("button", { name: "Bahasa Indonesia" }).click();
    expect((await resultOf(page, "surat-diubah.pdf")).verdict).toBe("Tidak sah");
  });

  it("prints without the controls", async () => {
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("#drop-zone").isVisible()).toBe(false);
    expect(await page.locator("#lang-switch").isVisible()).toBe(false);
    expect(await page.getByTestId("verdict").first().isVisible()).toBe(true);
    await screenshot(page, "09-print");
    await page.emulateMedia({ media: "screen" });
    expect(await page.locator("#drop-zone").isVisible()).toBe(true);
  });

  it("downloads the JSON report of a result", async () => {
    const card = page.locator("#results article", { has: page.getByText("surat-diubah.pdf") }).first();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      card.getByRole("button", { name: "Unduh laporan JSON" }).click(),
    ]);
    const path = await download.path();
    const report = JSON.parse(readFileSync(path, "utf8"));
    expect(report.file).toBe("surat-diubah.pdf");
    expect(report.verdict).toBe("TOTAL_FAILED");
    expect(report.signatures[0].subIndication).toBe("HASH_FAILURE");
  });

  it("keeps an open signature panel, its focus and its card when another file's result arrives", async () => {
    const first = page.locator("#results article").first();
    const name = (await first.locator(".doc-name").textContent()) ?? "";
    const summary = first.locator("details.signature > summary").first();
    if ((await first.locator("details.signature").first().getAttribute("open")) === null)
      await summary.click();
    await summary.focus();
    await first.evaluate((el) => {
      (el as HTMLElement & { probe?: string }).probe = "same-node";
    });
    const bytes = readFileSync(gen("surat-sah.pdf")).toString("base64");
    await page.evaluate((b64) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], "kedua.pdf", { type: "application/pdf" }));
      document
        .getElementById("drop-zone")!
        .dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, bytes);
    await page.locator(".doc-name", { hasText: "kedua.pdf" }).waitFor();
    await page.locator("#progress").waitFor({ state: "hidden" });
    const card = page.locator("#results article", { has: page.locator(".doc-name", { hasText: name }) });
    expect(await card.evaluate((el) => (el as HTMLElement & { probe?: string }).probe)).toBe("same-node");
    expect(await card.locator("details.signature").first().getAttribute("open")).toBe("");
    expect(
      await card
        .locator("details.signature > summary")
        .first()
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
  });

  it("trusts a root this server provides in anchors.pem and says so", async () => {
    await page.locator("details.anchors").evaluate((d) => {
      (d as HTMLDetailsElement).open = true;
    });
    expect((await page.locator("#anchor-list").textContent()) ?? "").toContain("(disediakan server ini)");
    await pickFiles(page, [gen("surat-server.pdf")]);
    expect((await resultOf(page, "surat-server.pdf")).verdict).toBe("Sah");
    const card = page.locator("#results article", { has: page.getByText("surat-server.pdf") }).first();
    await card.locator("details.signature > summary").first().click();
    expect((await card.getByTestId("anchor").textContent()) ?? "").toMatch(
      /^Rantai berakhir di akar terpercaya: .+ \(disediakan server ini\)$/,
    );
    expect((await card.locator("details.signature").first().textContent()) ?? "").toContain("Siti Rahayu");
    await screenshot(card, "10-server-anchor");
    await page.locator("details.anchors").evaluate((d) => {
      (d as HTMLDetailsElement).open = false;
    });
  });

  it("previews the page of a visible signature after the verdict and marks the widget", async () => {
    await pickFiles(page, [gen("surat-terlihat.pdf")]);
    expect((await resultOf(page, "surat-terlihat.pdf")).verdict).toBe("Sah");
    const card = page.locator("#results article", { has: page.getByText("surat-terlihat.pdf") }).first();
    const frame = card.locator(".preview-page").first();
    await frame.waitFor();
    // pdf.js drew the page: the canvas has dark (text) pixels, not only white.
    await page.waitForFunction(
      (id) => {
        const canvas = document.querySelector<HTMLCanvasElement>(`[data-entry="${id}"] .preview-page canvas`);
        const data = canvas?.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data;
        if (!data) return false;
        for (let i = 0; i < data.length; i += 4)
          if ((data[i] ?? 255) < 128 && (data[i + 3] ?? 0) > 0) return true;
        return false;
      },
      await card.getAttribute("data-entry"),
      { timeout: 120_000 },
    );
    const box = await frame.locator("canvas").boundingBox();
    const mark = await card.getByTestId("preview-mark").boundingBox();
    if (box === null || mark === null) throw new Error("preview not laid out");
    // The letter's page is 595 x 842 pt; the stamp was placed at [x, y, width, height] from the bottom-left.
    const scale = box.width / 595;
    const [x, y, w, hgt] = VISIBLE_STAMP.rect;
    const expected = {
      x: box.x + x * scale,
      y: box.y + (842 - y - hgt) * scale,
      width: w * scale,
      height: hgt * scale,
    };
    for (const k of ["x", "y", "width", "height"] as const)
      expect(Math.abs(mark[k] - expected[k]), k).toBeLessThan(3);
    expect(await card.getByTestId("preview-mark").textContent()).toBe("1");
    expect(await frame.getAttribute("aria-label")).toBe(
      "Halaman 1; letak tanda tangan nomor 1 ditandai dengan kotak",
    );
    await screenshot(card, "11-preview");
  });

  it("never sent document bytes: only bodiless GETs to its own origin, none naming a picked file", async () => {
    expect(requests.length).toBeGreaterThan(2);
    for (const r of requests) {
      expect(r.method, r.url).toBe("GET");
      expect(r.bodyBytes, r.url).toBe(0);
      if (!r.url.startsWith("blob:") && !r.url.startsWith("data:"))
        expect(new URL(r.url).origin).toBe(app.url);
    }
    expect(app.hits.length).toBeGreaterThan(2);
    for (const hit of app.hits) expect(hit).toMatchObject({ method: "GET", bodyBytes: 0 });
    expect(app.hits.some((h) => h.path.includes("surat"))).toBe(false);
    // Static files only: the page, its hashed assets (pdf.js included, from this origin) and anchors.pem.
    for (const hit of app.hits)
      expect(hit.path).toMatch(/^\/(\?[^/]*)?$|^\/assets\/[\w.-]+$|^\/anchors\.pem$/);
    expect(app.hits.filter((h) => h.path === "/anchors.pem")).toHaveLength(1);
    expect(requests.some((r) => /\/assets\/pdf\.worker[\w.-]*\.js$/.test(r.url))).toBe(true);
  });

  it("opens a document from a ?doc= deep link (a plain GET) and from ?token= with an API base", async () => {
    const linked = await context.newPage();
    await linked.goto(`${app.url}/?doc=${encodeURIComponent(`${app.url}/files/surat-sah.pdf`)}`);
    await linked.waitForFunction(
      () => document.querySelector("[data-testid=verdict]")?.textContent === "Sah",
      undefined,
      {
        timeout: 60_000,
      },
    );
    expect((await resultOf(linked, "surat-sah.pdf")).verdict).toBe("Sah");
    await linked.goto(`${app.url}/?doc=${encodeURIComponent("https://evil.example/surat.pdf")}`);
    await linked.getByTestId("verdict").waitFor();
    expect((await linked.getByTestId("reason").textContent()) ?? "").toContain("server yang tidak dikenal");
    await linked.goto(`${app.url}/?token=ABC123`);
    await linked.getByTestId("verdict").waitFor();
    expect((await linked.getByTestId("reason").textContent()) ?? "").toContain("tidak dikonfigurasi");
    await linked.goto(`${app.url}/with-api.html?token=surat-sah`);
    await linked.waitForFunction(
      () => document.querySelector("[data-testid=verdict]")?.textContent === "Sah",
      undefined,
      {
        timeout: 60_000,
      },
    );
    await linked.close();
    const fetched = app.hits.filter((h) => h.path.startsWith("/files/") || h.path.startsWith("/api/"));
    expect(fetched).toEqual([
      { method: "GET", path: "/files/surat-sah.pdf", bodyBytes: 0 },
      { method: "GET", path: "/api/public/documents/surat-sah/pdf", bodyBytes: 0 },
    ]);
  });

  it("works on a server without anchors.pem (404): the server's root is then not trusted", async () => {
    const plain = await serveApp(inject("distDir"));
    try {
      const other = await context.newPage();
      await other.goto(`${plain.url}/`);
      await pickFiles(other, [gen("surat-server.pdf")]);
      expect(await resultOf(other, "surat-server.pdf")).toEqual({
        verdict: "Tidak dapat ditentukan",
        reason: "Sertifikat yang digunakan tidak terpercaya",
      });
      expect((await other.locator("#anchor-list").textContent()) ?? "").not.toContain(
        "disediakan server ini",
      );
      await other.close();
      expect(plain.hits.filter((h) => h.path === "/anchors.pem")).toHaveLength(1);
    } finally {
      await plain.close();
    }
  });

  it("fits a phone screen without horizontal scrolling", async () => {
    const phone = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true });
    await phone.goto(`${app.url}/`);
    await pickFiles(phone, [gen("surat-diubah.pdf")]);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, "08-phone");
    await phone.close();
  });
});
