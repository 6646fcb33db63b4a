import type { CoreIssueCode } from "./codes";
import { messagesEn } from "./messages/en";
import { messagesId } from "./messages/id";
import type { Issue } from "./result";
import { labelsEn, labelsId } from "./state/labels";

/** A language the catalogue speaks: Indonesian (`id`, the default) or English (`en`). */
export type Lang = "id" | "en";

/** Message templates per language, keyed by issue code; `{param}` marks a parameter. */
export type MessageCatalogue = Readonly<Record<Lang, Readonly<Record<string, string>>>>;

/** The catalogue of every @teken/core code in Indonesian and English. */
export const coreMessages: Readonly<Record<Lang, Readonly<Record<CoreIssueCode, string>>>> = {
  id: messagesId,
  en: messagesEn,
};

/** Parameter values that are words rather than data, translated so a sentence stays in one language. */
const paramWords: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  id: {
    ...labelsId,
    male: "laki-laki",
    female: "perempuan",
    email: "email",
    name: "nama",
    ktp: "scan KTP",
    recommendation_letter: "surat rekomendasi",
    signature_specimen: "spesimen tanda tangan",
  },
  en: {
    ...labelsEn,
    male: "male",
    female: "female",
    email: "email",
    name: "name",
    ktp: "KTP scan",
    recommendation_letter: "recommendation letter",
    signature_specimen: "signature specimen",
  },
};

/** The label of a status, action, role or lifecycle name in the given language (the value itself when unknown). */
export function label(value: string, lang: Lang = "id"): string {
  return Object.hasOwn(paramWords[lang], value) ? (paramWords[lang][value] ?? value) : value;
}

/**
 * Turns a code and its parameters into a sentence; unknown codes fall back to the code itself,
 * so an app can pass issues from its own catalogue through `extra`.
 * @example formatMessage("NIK_SERIAL_INVALID", {}, "en") // "The serial number in the NIK cannot be 0000."
 */
export function formatMessage(
  code: string,
  params: Readonly<Record<string, string | number>> = {},
  lang: Lang = "id",
  extra?: Partial<MessageCatalogue>,
): string {
  const template = extra?.[lang]?.[code] ?? (coreMessages[lang] as Readonly<Record<string, string>>)[code];
  if (template === undefined) return code;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return label(String(value), lang);
  });
}

/**
 * Renders one issue as text in the given language.
 * @example formatIssue({ code: "NIK_LENGTH", path: [], params: { length: 15 } }, "id")
 */
export function formatIssue(issue: Issue, lang: Lang = "id", extra?: Partial<MessageCatalogue>): string {
  return formatMessage(issue.code, issue.params, lang, extra);
}

/** Renders every issue as `path: message` lines (the path omitted when empty). */
export function formatIssues(
  issues: readonly Issue[],
  lang: Lang = "id",
  extra?: Partial<MessageCatalogue>,
): string[] {
  return issues.map((i) => {
    const text = formatIssue(i, lang, extra);
    return i.path.length === 0 ? text : `${i.path.join(".")}: ${text}`;
  });
}
