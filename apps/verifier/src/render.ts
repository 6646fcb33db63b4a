import { h } from "./dom";
import { type Lang, t } from "./i18n";
import type { DocumentView, SignatureView } from "./view-model";

const ICON: Readonly<Record<SignatureView["tone"], string>> = {
  valid: "✓",
  invalid: "✗",
  indeterminate: "?",
  unsigned: "–",
  unreadable: "!",
};

function row(label: string, ...value: (Node | string)[]): HTMLElement {
  return h("div", { class: "row" }, h("dt", {}, label), h("dd", {}, ...value));
}

function signatureCard(s: SignatureView, lang: Lang): HTMLElement {
  return h(
    "details",
    { class: `signature tone-${s.tone}` },
    h(
      "summary",
      {},
      h("span", { class: "badge", "aria-hidden": "true" }, ICON[s.tone]),
      h("span", { class: "sig-title" }, s.title),
      h("strong", { class: "sig-verdict", "data-testid": "signature-verdict" }, s.verdict),
      h("span", { class: "sig-who" }, s.signerName ?? ""),
      h("span", { class: "sig-reason" }, s.reason),
    ),
    h(
      "dl",
      {},
      s.field ? row(t(lang, "field"), s.field) : null,
      row(t(lang, "signer"), s.signerName ?? t(lang, "none")),
      row(t(lang, "email"), s.signerEmail ?? t(lang, "none")),
      row(
        t(lang, "signingTime"),
        h(
          "ul",
          {},
          h("li", {}, `${t(lang, "claimedTime")}: ${s.claimedTime}`),
          h("li", {}, `${t(lang, "provenTime")}: ${s.provenTime}`),
        ),
      ),
      row(t(lang, "level"), `${s.level} · ${s.ltv}`),
      row(
        t(lang, "certificate"),
        h(
          "ul",
          {},
          s.certificate.map((c) => h("li", {}, c)),
        ),
      ),
      row(
        t(lang, "issuerChain"),
        h(
          "ol",
          { class: "chain" },
          s.chain.map((c) => h("li", {}, h("span", { class: "dn" }, c.subject), h("small", {}, c.validity))),
        ),
        h("p", { class: s.anchorMatched ? "anchor ok" : "anchor none", "data-testid": "anchor" }, s.anchor),
      ),
      row(
        t(lang, "changes"),
        s.changes.length === 0
          ? t(lang, "noChanges")
          : h(
              "ul",
              {},
              s.changes.map((c) => h("li", { class: c.allowed ? "allowed" : "not-allowed" }, c.text)),
            ),
      ),
      s.reasons.length > 0
        ? row(
            t(lang, "reasons"),
            h(
              "ul",
              {},
              s.reasons.map((r) => h("li", {}, r)),
            ),
          )
        : null,
      s.warnings.length > 0
        ? row(
            t(lang, "warnings"),
            h(
              "ul",
              {},
              s.warnings.map((w) => h("li", {}, w)),
            ),
          )
        : null,
    ),
    h(
      "details",
      { class: "technical" },
      h("summary", {}, t(lang, "technical")),
      h(
        "dl",
        {},
        s.technical.map(([k, v]) => row(k, v)),
      ),
    ),
  );
}

/** Renders one document's result: the summary first, then a collapsible card per signature. */
export function renderDocument(
  view: DocumentView,
  lang: Lang,
  actions: { readonly onDownload: () => void },
): HTMLElement {
  return h(
    "article",
    { class: `document tone-${view.tone}`, "aria-label": view.fileName },
    h(
      "header",
      { class: "doc-summary" },
      h("span", { class: "badge big", "aria-hidden": "true" }, ICON[view.tone]),
      h(
        "div",
        {},
        h("h3", { class: "doc-name" }, view.fileName),
        h("p", { class: "doc-verdict", "data-testid": "verdict", "data-tone": view.tone }, view.verdict),
        h("p", { class: "doc-reason", "data-testid": "reason" }, view.reason),
        h(
          "p",
          { class: "doc-meta" },
          `${view.counts} · ${t(lang, "fileSize")} ${view.fileSize} · ${t(lang, "validationTime")} ${view.checkedAt}`,
        ),
      ),
      h(
        "div",
        { class: "doc-actions no-print" },
        Object.assign(h("button", { type: "button" }, t(lang, "download")), { onclick: actions.onDownload }),
      ),
    ),
    view.signatures.map((s) => signatureCard(s, lang)),
  );
}

/** Renders a failure for one file (fetch error, worker crash). */
export function renderFailure(fileName: string, message: string, lang: Lang): HTMLElement {
  return h(
    "article",
    { class: "document tone-invalid", "aria-label": fileName },
    h(
      "header",
      { class: "doc-summary" },
      h("span", { class: "badge big", "aria-hidden": "true" }, "!"),
      h(
        "div",
        {},
        h("h3", { class: "doc-name" }, fileName),
        h(
          "p",
          { class: "doc-verdict", "data-testid": "verdict", "data-tone": "error" },
          t(lang, "verdict.error"),
        ),
        h("p", { class: "doc-reason", "data-testid": "reason" }, message),
      ),
    ),
  );
}

const FOCUSABLE = "summary, button, a[href], input, select, textarea";

/**
 * Replaces a rendered card with a fresh one, keeping what the reader did with it: which
 * `<details>` panels are open (matched by position) and which control has the focus.
 */
export function replacePreserving(old: HTMLElement, fresh: HTMLElement): void {
  const opened = [...old.querySelectorAll("details")].map((d) => d.open);
  fresh.querySelectorAll("details").forEach((d, i) => {
    const was = opened[i];
    if (was !== undefined) d.open = was;
  });
  const active = old.ownerDocument.activeElement;
  const focusAt = active && old.contains(active) ? [...old.querySelectorAll(FOCUSABLE)].indexOf(active) : -1;
  old.replaceWith(fresh);
  if (focusAt >= 0) fresh.querySelectorAll<HTMLElement>(FOCUSABLE)[focusAt]?.focus({ preventScroll: true });
}
