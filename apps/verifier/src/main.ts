import type { VerificationReport } from "@teken/pades";
import {
  type Anchor,
  addUserAnchors,
  bundledAnchors,
  mergeAnchors,
  removeUserAnchor,
  serverAnchors,
  userAnchors,
} from "./anchors";
import { readLinkConfig, resolveDeepLink } from "./deep-link";
import { h } from "./dom";
import { LANGS, type Lang, chooseLang, t } from "./i18n";
import { renderDocument, renderFailure, replacePreserving } from "./render";
import { type ProgressListener, VerifyClient, readWithProgress } from "./verify-client";
import { formatSize, formatTime, toDocumentView } from "./view-model";
import { STREAM_FROM, type WorkerTiming } from "./worker-protocol";
import "./style.css";

/** One checked file: where its bytes came from, what the worker said, and its card on the page. */
interface Entry {
  readonly id: number;
  readonly name: string;
  readonly source: Blob;
  outcome: { readonly report: VerificationReport } | { readonly error: string };
  /** The card now on the page (replaced in place, keeping open panels and focus, when it changes). */
  card: HTMLElement | null;
  /** The page preview: not yet looked at, being made, or made (the element, or null: nothing visible). */
  preview:
    | { readonly state: "todo" }
    | { readonly state: "busy" }
    | { readonly state: "done"; readonly el: HTMLElement | null };
}

const LANG_KEY = "teken.verifier.lang";
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

// The worker chunk starts loading and compiling now, while the page renders and the user picks a file.
const client = new VerifyClient();
client.warm();

let lang: Lang = chooseLang(new URLSearchParams(location.search).get("lang"), safeGet(LANG_KEY));
let anchors: Anchor[] = [];
let serverList: Anchor[] = [];
let entries: Entry[] = [];
let nextId = 1;
let busy = 0;

function safeGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Reads the anchors again (bundled + this server's + the user's) and hands them to the worker once. */
async function loadAnchors(): Promise<void> {
  anchors = mergeAnchors(
    await bundledAnchors(__TEKEN_BUNDLED_ANCHORS__),
    serverList,
    await userAnchors(localStorage),
  );
  client.setAnchors(anchors.map((a) => a.der));
}

// The anchors are ready before the first file is verified; the server's file is fetched once.
const anchorsReady: Promise<void> = serverAnchors(document.baseURI).then(async (list) => {
  serverList = list;
  await loadAnchors();
});

function showProgress(label: string, determinate: boolean): ProgressListener {
  const box = $("progress");
  const bar = h("progress", { "aria-label": label, ...(determinate ? { max: "100", value: "0" } : {}) });
  const text = h("span", {}, label);
  box.replaceChildren(bar, text);
  box.hidden = false;
  return (loaded, total) => {
    if (total !== null && total > 0) {
      bar.max = 100;
      bar.value = Math.round((loaded / total) * 100);
    }
    text.textContent = `${label}: ${formatSize(loaded, lang)}${total ? ` / ${formatSize(total, lang)}` : ""}`;
  };
}

function showVerifying(name: string): void {
  const box = $("progress");
  box.replaceChildren(
    h("progress", { "aria-label": t(lang, "verifying") }),
    h("span", {}, `${t(lang, "verifying")} ${name}`),
  );
  box.hidden = false;
}

/** Marks a worker time (epoch ms) on the page's User Timing line, for the bench. */
function markAt(name: string, epoch: number): void {
  performance.mark(name, { startTime: Math.max(0, epoch - performance.timeOrigin) });
}

async function check(name: string, source: Blob): Promise<Entry["outcome"]> {
  try {
    busy++;
    const onProgress = showProgress(`${t(lang, "reading")} ${name}`, source.size > STREAM_FROM);
    await anchorsReady;
    performance.mark("teken:posted");
    const { report, timing } = await client.verify(source, {
      onProgress,
      onVerifying: () => showVerifying(name),
    });
    markWorker(timing);
    return { report };
  } catch (error) {
    return { error: t(lang, "workerFailed", { detail: (error as Error).message }) };
  } finally {
    busy--;
  }
}

function markWorker(timing: WorkerTiming): void {
  markAt("teken:worker-received", timing.received);
  markAt("teken:worker-read", timing.read);
  markAt("teken:worker-verified", timing.verified);
}

function download(e: Entry): void {
  if (!("report" in e.outcome)) return;
  const blob = new Blob([JSON.stringify({ file: e.name, ...e.outcome.report }, null, 2)], {
    type: "application/json",
  });
  const a = h("a", {
    href: URL.createObjectURL(blob),
    download: `${e.name.replace(/\.pdf$/i, "")}.verification.json`,
  });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function cardOf(e: Entry): HTMLElement {
  const card =
    "report" in e.outcome
      ? renderDocument(toDocumentView(e.outcome.report, { lang, anchors, fileName: e.name }), lang, {
          onDownload: () => download(e),
        })
      : renderFailure(e.name, e.outcome.error, lang);
  card.dataset.entry = String(e.id);
  if (e.preview.state === "done" && e.preview.el !== null) {
    const caption = e.preview.el.querySelector(":scope > figcaption");
    if (caption) caption.textContent = t(lang, "previewCaption");
    for (const c of e.preview.el.querySelectorAll<HTMLElement>("figcaption[data-page]"))
      c.textContent = t(lang, "previewPage", { n: Number(c.dataset.page) + 1 });
    for (const f of e.preview.el.querySelectorAll<HTMLElement>(".preview-page[data-page]"))
      f.setAttribute(
        "aria-label",
        t(lang, "previewPageMarks", { n: Number(f.dataset.page) + 1, list: f.dataset.marks ?? "" }),
      );
    card.append(e.preview.el);
  }
  return card;
}

/** Shows one entry: a new card goes on top; a changed one replaces its old card in place. */
function show(e: Entry): void {
  const fresh = cardOf(e);
  if (e.card?.isConnected) replacePreserving(e.card, fresh);
  else $("results").prepend(fresh);
  e.card = fresh;
  $("results-section").hidden = false;
}

/** Re-renders every card in place (language or anchors changed). */
function renderResults(): void {
  for (const e of entries) show(e);
  $("results-section").hidden = entries.length === 0;
}

function add(name: string, source: Blob, outcome: Entry["outcome"]): Entry {
  const e: Entry = { id: nextId++, name, source, outcome, card: null, preview: { state: "todo" } };
  entries = [e, ...entries];
  show(e);
  return e;
}

async function checkFiles(files: readonly Blob[], names: readonly string[]): Promise<void> {
  // User Timing marks: the bench measures from the pick/drop to the first verdict on screen.
  performance.mark("teken:picked");
  $("results-section").hidden = false;
  for (const [i, file] of files.entries()) {
    const name = names[i] ?? "document.pdf";
    const outcome = await check(name, file);
    add(name, file, outcome);
    performance.mark("teken:verdict");
  }
  $("progress").hidden = busy === 0;
  schedulePreviews();
}

async function recheckAll(): Promise<void> {
  // Only verified files are checked again; fetch failures and refused links keep their message.
  for (const e of [...entries].reverse()) {
    if (!("report" in e.outcome)) continue;
    e.outcome = await check(e.name, e.source);
    show(e);
  }
  $("progress").hidden = busy === 0;
}

// Page previews: made after the verdicts, when no file is being verified, one at a time; the
// PDF renderer (pdf.js) is its own chunks, loaded only when a document has a visible signature.
let previewing = false;

function schedulePreviews(): void {
  if (previewing) return;
  const run = () => void makePreviews();
  if ("requestIdleCallback" in window) requestIdleCallback(run, { timeout: 500 });
  else setTimeout(run, 50);
}

async function makePreviews(): Promise<void> {
  if (previewing || busy > 0) return;
  previewing = true;
  try {
    for (;;) {
      const e = entries.find((x) => x.preview.state === "todo");
      if (e === undefined || busy > 0) break;
      e.preview = { state: "busy" };
      let el: HTMLElement | null = null;
      try {
        el = await makePreview(e);
      } catch (error) {
        console.warn("preview failed", error);
      }
      e.preview = { state: "done", el };
      if (el !== null && e.card?.isConnected) e.card.append(el);
    }
  } finally {
    previewing = false;
  }
}

async function makePreview(e: Entry): Promise<HTMLElement | null> {
  if (!("report" in e.outcome)) return null;
  const numbers = new Map<string, number>();
  let n = 0;
  for (const s of e.outcome.report.signatures) {
    if (s.kind !== "document-timestamp") n++;
    if (s.fieldName !== null && s.kind !== "document-timestamp") numbers.set(s.fieldName, n);
  }
  if (numbers.size === 0) return null;
  const widgets = (await client.locateWidgets(e.source)).filter((w) => numbers.has(w.fieldName));
  if (widgets.length === 0) return null;
  const { renderPreview } = await import("./preview");
  const figure = h(
    "figure",
    { class: "preview", "data-testid": "preview" },
    h("figcaption", {}, t(lang, "previewCaption")),
  );
  const pages = h("div", { class: "preview-pages" });
  figure.append(pages);
  await renderPreview(
    pages,
    new Uint8Array(await e.source.arrayBuffer()),
    widgets.map((w) => ({
      page: w.page,
      rect: w.rect,
      label: String(numbers.get(w.fieldName)),
      field: w.fieldName,
    })),
    (page) => t(lang, "previewPage", { n: page + 1 }),
    (page, labels) => t(lang, "previewPageMarks", { n: page + 1, list: labels.join(", ") }),
  );
  return figure;
}

function renderAnchors(): void {
  const list = $("anchor-list");
  list.replaceChildren(
    ...anchors.map((a) =>
      h(
        "li",
        {},
        h("span", { class: "dn" }, a.label),
        " ",
        h("small", {}, `(${t(lang, `anchorSource.${a.source}`)}) SHA-256 ${a.sha256.slice(0, 16)}…`),
        a.source === "user"
          ? Object.assign(h("button", { type: "button", class: "link" }, t(lang, "removeAnchor")), {
              onclick: async () => {
                await removeUserAnchor(localStorage, a.sha256);
                await loadAnchors();
                renderAnchors();
                await recheckAll();
              },
            })
          : null,
      ),
    ),
  );
}

function renderStatic(): void {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll<HTMLElement>("[data-i18n]"))
    el.textContent = t(lang, el.dataset.i18n as Parameters<typeof t>[1]);
  $("dev-anchors").hidden = !__TEKEN_DEV_ANCHORS__;
  $("lang-switch").replaceChildren(
    ...LANGS.map((l) =>
      Object.assign(
        h(
          "button",
          { type: "button", "aria-pressed": String(l === lang), lang: l },
          l === "id" ? "Bahasa Indonesia" : "English",
        ),
        {
          onclick: () => {
            lang = l;
            localStorage.setItem(LANG_KEY, l);
            renderAll();
          },
        },
      ),
    ),
  );
}

function renderAll(): void {
  renderStatic();
  renderAnchors();
  renderResults();
}

function wireInputs(): void {
  const input = $<HTMLInputElement>("file-input");
  input.onchange = () => {
    const files = [...(input.files ?? [])];
    void checkFiles(
      files,
      files.map((f) => f.name),
    ).then(() => {
      input.value = "";
    });
  };
  const zone = $("drop-zone");
  zone.ondragover = (e) => {
    e.preventDefault();
    zone.classList.add("over");
  };
  zone.ondragleave = () => zone.classList.remove("over");
  // A drop anywhere on the page is checked here; without this the browser would open the file.
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length > 0)
      void checkFiles(
        files,
        files.map((f) => f.name),
      );
  });
  const anchorInput = $<HTMLInputElement>("anchor-input");
  anchorInput.onchange = async () => {
    const status = $("anchor-status");
    let added = 0;
    for (const f of anchorInput.files ?? [])
      added += await addUserAnchors(localStorage, new Uint8Array(await f.arrayBuffer()), f.name);
    status.textContent = added > 0 ? t(lang, "anchorAdded", { n: added }) : t(lang, "anchorInvalid");
    anchorInput.value = "";
    await loadAnchors();
    renderAnchors();
    if (added > 0) await recheckAll();
  };
  $("print").onclick = () => window.print();
  window.addEventListener("beforeprint", () => {
    for (const d of document.querySelectorAll("details")) d.open = true;
  });
}

async function followDeepLink(): Promise<void> {
  const link = resolveDeepLink(
    location.search,
    location.href,
    readLinkConfig(document, import.meta.env.VITE_TEKEN_API),
  );
  if (link.kind === "none") return;
  $("results-section").hidden = false;
  if (link.kind === "refused") {
    add(location.search, new Blob([]), {
      error: t(lang, link.reason === "no-api" ? "noApi" : "deepLinkRefused"),
    });
    return;
  }
  try {
    // A plain GET without credentials: the page downloads the document, it never sends one.
    const response = await fetch(link.url, { credentials: "omit", cache: "no-store" });
    if (!response.ok || response.body === null) throw new Error(`HTTP ${response.status}`);
    const size = Number(response.headers.get("content-length")) || null;
    const bytes = await readWithProgress(
      response.body,
      size,
      showProgress(`${t(lang, "fetching")} ${link.label}`, true),
    );
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/pdf" });
    add(link.label, blob, await check(link.label, blob));
  } catch (error) {
    add(link.label, new Blob([]), { error: t(lang, "fetchFailed", { detail: (error as Error).message }) });
  }
  $("progress").hidden = busy === 0;
  schedulePreviews();
}

async function main(): Promise<void> {
  renderStatic();
  wireInputs();
  // Create the date and number formatters while the user is choosing a file (the first costs most).
  const warmFormats = () => void [formatTime(new Date().toISOString(), lang), formatSize(1, lang)];
  if ("requestIdleCallback" in window) requestIdleCallback(warmFormats, { timeout: 1000 });
  else setTimeout(warmFormats, 100);
  await anchorsReady;
  renderAnchors();
  await followDeepLink();
}

void main();
