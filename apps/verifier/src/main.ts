import type { VerificationReport } from "@teken/pades";
import { type Anchor, addUserAnchors, bundledAnchors, removeUserAnchor, userAnchors } from "./anchors";
import { readLinkConfig, resolveDeepLink } from "./deep-link";
import { h } from "./dom";
import { LANGS, type Lang, chooseLang, t } from "./i18n";
import { renderDocument, renderFailure } from "./render";
import { type ProgressListener, VerifyClient, readWithProgress } from "./verify-client";
import { formatSize, toDocumentView } from "./view-model";
import "./style.css";

/** One checked file: where its bytes came from and what the worker said. */
interface Checked {
  readonly name: string;
  readonly source: Blob;
  readonly outcome: { readonly report: VerificationReport } | { readonly error: string };
}

const LANG_KEY = "teken.verifier.lang";
const client = new VerifyClient();
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
let lang: Lang = chooseLang(new URLSearchParams(location.search).get("lang"), safeGet(LANG_KEY));
let anchors: Anchor[] = [];
let checked: Checked[] = [];

function safeGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

async function loadAnchors(): Promise<void> {
  anchors = [...(await bundledAnchors(__TEKEN_BUNDLED_ANCHORS__)), ...(await userAnchors(localStorage))];
}

function showProgress(label: string): ProgressListener {
  const box = $("progress");
  const bar = h("progress", { max: "100", "aria-label": label });
  const text = h("span", {}, label);
  box.replaceChildren(bar, text);
  box.hidden = false;
  return (loaded, total) => {
    if (total !== null && total > 0) bar.value = Math.round((loaded / total) * 100);
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

async function check(name: string, source: Blob, bytes?: Uint8Array): Promise<Checked> {
  try {
    const pdf =
      bytes ??
      (await readWithProgress(source.stream(), source.size, showProgress(`${t(lang, "reading")} ${name}`)));
    showVerifying(name);
    const report = await client.verify(
      pdf,
      anchors.map((a) => a.der),
    );
    return { name, source, outcome: { report } };
  } catch (error) {
    return {
      name,
      source,
      outcome: { error: t(lang, "workerFailed", { detail: (error as Error).message }) },
    };
  }
}

function download(c: Checked): void {
  if (!("report" in c.outcome)) return;
  const blob = new Blob([JSON.stringify({ file: c.name, ...c.outcome.report }, null, 2)], {
    type: "application/json",
  });
  const a = h("a", {
    href: URL.createObjectURL(blob),
    download: `${c.name.replace(/\.pdf$/i, "")}.verification.json`,
  });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function renderResults(): void {
  const list = $("results");
  list.replaceChildren(
    ...checked.map((c) =>
      "report" in c.outcome
        ? renderDocument(toDocumentView(c.outcome.report, { lang, anchors, fileName: c.name }), lang, {
            onDownload: () => download(c),
          })
        : renderFailure(c.name, c.outcome.error, lang),
    ),
  );
  $("results-section").hidden = checked.length === 0;
}

async function checkFiles(files: readonly Blob[], names: readonly string[]): Promise<void> {
  // User Timing marks: the bench measures from the pick/drop to the first verdict on screen.
  performance.mark("teken:picked");
  $("results-section").hidden = false;
  for (const [i, file] of files.entries()) {
    const result = await check(names[i] ?? "document.pdf", file);
    checked = [result, ...checked.filter((c) => c.source !== file)];
    renderResults();
    performance.mark("teken:verdict");
  }
  $("progress").hidden = true;
}

async function recheckAll(): Promise<void> {
  const previous = checked;
  checked = [];
  // Only verified files are checked again; fetch failures and refused links keep their message.
  for (const c of previous.reverse())
    checked = ["report" in c.outcome ? await check(c.name, c.source) : c, ...checked];
  renderResults();
  $("progress").hidden = true;
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
    checked = [
      {
        name: location.search,
        source: new Blob([]),
        outcome: { error: t(lang, link.reason === "no-api" ? "noApi" : "deepLinkRefused") },
      },
    ];
    renderResults();
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
      showProgress(`${t(lang, "fetching")} ${link.label}`),
    );
    const blob = new Blob([bytes.slice()], { type: "application/pdf" });
    checked = [await check(link.label, blob, bytes), ...checked];
  } catch (error) {
    checked = [
      {
        name: link.label,
        source: new Blob([]),
        outcome: { error: t(lang, "fetchFailed", { detail: (error as Error).message }) },
      },
      ...checked,
    ];
  }
  $("progress").hidden = true;
  renderResults();
}

async function main(): Promise<void> {
  await loadAnchors();
  renderAll();
  wireInputs();
  // Load and compile the verification worker while the user is still choosing a file.
  if ("requestIdleCallback" in window) requestIdleCallback(() => client.warm(), { timeout: 2000 });
  else setTimeout(() => client.warm(), 500);
  await followDeepLink();
}

void main();
