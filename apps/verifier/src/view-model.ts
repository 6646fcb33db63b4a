import {
  type CertificateSummary,
  type SignatureReport,
  type VerificationReport,
  describeReason,
  describeReport,
  describeSignature,
  describeWarning,
} from "@teken/pades";
import { type Lang, type MessageKey, localeOf, t } from "./i18n";

/** The colour and wording family of a verdict. */
export type Tone = "valid" | "invalid" | "indeterminate" | "unsigned" | "unreadable";

/** A trust anchor the app knows, by SHA-256 fingerprint (lower-case hex). */
export interface KnownAnchor {
  readonly sha256: string;
  readonly label: string;
  readonly source: "bundled" | "server" | "user";
}

/** One certificate line of the issuer chain. */
export interface CertificateLine {
  readonly subject: string;
  readonly validity: string;
}

/** What the page shows for one signature or document time-stamp. */
export interface SignatureView {
  readonly title: string;
  readonly tone: Tone;
  readonly verdict: string;
  readonly reason: string;
  readonly field: string | null;
  readonly signerName: string | null;
  readonly signerEmail: string | null;
  readonly chain: readonly CertificateLine[];
  readonly anchor: string;
  readonly anchorMatched: boolean;
  readonly claimedTime: string;
  readonly provenTime: string;
  readonly level: string;
  readonly ltv: string;
  readonly certificate: readonly string[];
  readonly changes: readonly { readonly text: string; readonly allowed: boolean }[];
  readonly reasons: readonly string[];
  readonly warnings: readonly string[];
  readonly technical: readonly (readonly [string, string])[];
}

/** What the page shows for one document: the summary first, then each signature. */
export interface DocumentView {
  readonly fileName: string;
  readonly tone: Tone;
  readonly verdict: string;
  readonly reason: string;
  readonly counts: string;
  readonly fileSize: string;
  readonly checkedAt: string;
  readonly signatures: readonly SignatureView[];
}

/** Options of the mapping: language, anchors, and the clock/time zone for formatting. */
export interface ViewOptions {
  readonly lang: Lang;
  readonly anchors: readonly KnownAnchor[];
  readonly fileName: string;
  /** IANA time zone for dates (default: the browser's). */
  readonly timeZone?: string;
}

/** The tone of an EN 319 102-1 indication or document verdict. */
export function toneOf(verdict: VerificationReport["verdict"]): Tone {
  switch (verdict) {
    case "TOTAL_PASSED":
      return "valid";
    case "TOTAL_FAILED":
      return "invalid";
    case "INDETERMINATE":
      return "indeterminate";
    case "NO_SIGNATURE":
      return "unsigned";
    case "UNREADABLE":
      return "unreadable";
  }
}

/** The short verdict word for a tone (Sah / Tidak sah / Tidak dapat ditentukan ...). */
export function verdictText(tone: Tone, lang: Lang): string {
  return t(lang, `verdict.${tone}` as MessageKey);
}

// Intl formatters are slow to create (the first one loads locale data): one per language/zone.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<Lang, Intl.NumberFormat>();

/** Formats an ISO time in the chosen language and time zone, with the zone named. */
export function formatTime(iso: string | null, lang: Lang, timeZone?: string): string {
  if (iso === null) return t(lang, "none");
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const key = `${lang} ${timeZone ?? ""}`;
  let format = dateFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(localeOf(lang), {
      dateStyle: "long",
      timeStyle: "long",
      ...(timeZone ? { timeZone } : {}),
    });
    dateFormats.set(key, format);
  }
  return format.format(date);
}

/** Formats a byte count as KB/MB. */
export function formatSize(bytes: number, lang: Lang): string {
  let nf = numberFormats.get(lang);
  if (nf === undefined) {
    nf = new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 1 });
    numberFormats.set(lang, nf);
  }
  if (bytes < 1024) return `${nf.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${nf.format(bytes / 1024)} KB`;
  return `${nf.format(bytes / 1024 / 1024)} MB`;
}

/** The common name of an RFC 4514 distinguished name, else the whole name. */
export function commonName(dn: string): string {
  const m = /(?:^|,\s*)CN=((?:\\.|[^,])+)/.exec(dn);
  return m?.[1]?.replace(/\\(.)/g, "$1").trim() ?? dn;
}

const normalise = (hex: string) => hex.toLowerCase().replace(/[^0-9a-f]/g, "");

function anchorLine(s: SignatureReport, o: ViewOptions): { text: string; matched: boolean } {
  const top: CertificateSummary | undefined = s.signer?.chain[s.signer.chain.length - 1];
  const known = top === undefined ? undefined : o.anchors.find((a) => a.sha256 === normalise(top.sha256));
  if (s.signer?.trusted !== true || top === undefined)
    return { text: t(o.lang, "anchorNone"), matched: false };
  const source = known === undefined ? "unknown" : known.source;
  return {
    text: t(o.lang, "anchorMatched", {
      name: commonName(top.subject),
      source: t(o.lang, `anchorSource.${source}` as MessageKey),
    }),
    matched: true,
  };
}

function certificateState(s: SignatureReport, lang: Lang, at: Date, timeZone?: string): string[] {
  const signer = s.signer;
  if (signer === null) return [];
  const from = new Date(signer.notBefore);
  const to = new Date(signer.notAfter);
  const state = at < from ? "cert.notYet" : at > to ? "cert.expired" : "cert.valid";
  const day = (d: string) => formatTime(d, lang, timeZone);
  return [
    t(lang, signer.trusted ? "trusted" : "untrusted"),
    `${t(lang, state)} (${t(lang, "validity", { from: day(signer.notBefore), to: day(signer.notAfter) })})`,
    t(lang, `revocation.${signer.revocation}` as MessageKey),
  ];
}

function changeLine(c: SignatureReport["changes"][number], lang: Lang): { text: string; allowed: boolean } {
  const parts = [
    t(lang, `change.${c.kind}` as MessageKey),
    ...(c.field ? [`"${c.field}"`] : []),
    ...(c.page === null ? [] : [t(lang, "page", { n: c.page + 1 })]),
    t(lang, "revision", { n: c.revision + 1 }),
    `— ${t(lang, c.allowed ? "allowed" : "notAllowed")}`,
  ];
  return { text: parts.join(" "), allowed: c.allowed };
}

/** Folds identical change lines into one with a count ("... (×8)"), keeping first-seen order. */
export function groupChanges(
  lines: readonly { readonly text: string; readonly allowed: boolean }[],
): { text: string; allowed: boolean }[] {
  const counts = new Map<string, { text: string; allowed: boolean; n: number }>();
  for (const l of lines) {
    const seen = counts.get(l.text);
    if (seen === undefined) counts.set(l.text, { ...l, n: 1 });
    else seen.n++;
  }
  return [...counts.values()].map((c) => ({
    text: c.n > 1 ? `${c.text} (×${c.n})` : c.text,
    allowed: c.allowed,
  }));
}

function signatureView(s: SignatureReport, n: number, o: ViewOptions, at: Date): SignatureView {
  const tone = toneOf(s.indication);
  const anchor = anchorLine(s, o);
  const chain = (s.signer?.chain ?? []).map((c) => ({
    subject: c.subject,
    validity: t(o.lang, "validity", {
      from: formatTime(c.notBefore, o.lang, o.timeZone),
      to: formatTime(c.notAfter, o.lang, o.timeZone),
    }),
  }));
  return {
    title: t(o.lang, s.kind === "document-timestamp" ? "documentTimestampN" : "signatureN", { n }),
    tone,
    verdict: verdictText(tone, o.lang),
    reason: describeSignature(s, o.lang),
    field: s.fieldName,
    signerName: s.signer?.name ?? (s.signer ? commonName(s.signer.subject) : null),
    signerEmail: s.signer?.email ?? null,
    chain,
    anchor: anchor.text,
    anchorMatched: anchor.matched,
    claimedTime: formatTime(s.claimedTime, o.lang, o.timeZone),
    provenTime: formatTime(s.provenTime, o.lang, o.timeZone),
    level: s.level,
    ltv: s.ltv.ready ? t(o.lang, "ltvReady") : t(o.lang, "ltvMissing", { missing: s.ltv.missing.join(", ") }),
    certificate: certificateState(s, o.lang, at, o.timeZone),
    changes: groupChanges(s.changes.map((c) => changeLine(c, o.lang))),
    reasons: s.reasons.map((r) => describeReason(r.code, o.lang)),
    warnings: s.warnings.map((w) => describeWarning(w.code, o.lang)),
    technical: [
      ["Indication", `${s.indication}${s.subIndication ? ` / ${s.subIndication}` : ""}`],
      ["SubFilter", s.subFilter ?? "-"],
      ["Digest", s.digestAlgorithm ?? "-"],
      ["Signature algorithm", s.signatureAlgorithm ?? "-"],
      ["Codes", [...s.reasons, ...s.warnings].map((f) => f.code).join(", ") || "-"],
      ["ByteRange", s.coverage.byteRange?.join(" ") ?? "-"],
      ...(s.reason ? [["Reason", s.reason] as const] : []),
      ...(s.location ? [["Location", s.location] as const] : []),
    ],
  };
}

/**
 * Maps a verification report to what the page shows, in one language: document summary first
 * (verdict, one-sentence reason, counts), then one view per signature in signing order.
 */
export function toDocumentView(report: VerificationReport, o: ViewOptions): DocumentView {
  const tone = toneOf(report.verdict);
  const at = new Date(report.validationTime);
  let sigs = 0;
  let stamps = 0;
  return {
    fileName: o.fileName,
    tone,
    verdict: verdictText(tone, o.lang),
    reason: describeReport(report, o.lang),
    counts: t(o.lang, "summaryCounts", {
      s: report.document.signatureCount,
      t: report.document.documentTimestampCount,
      r: report.document.revisions,
    }),
    fileSize: formatSize(report.document.fileSize, o.lang),
    checkedAt: formatTime(report.validationTime, o.lang, o.timeZone),
    signatures: report.signatures.map((s) =>
      signatureView(s, s.kind === "document-timestamp" ? ++stamps : ++sigs, o, at),
    ),
  };
}
