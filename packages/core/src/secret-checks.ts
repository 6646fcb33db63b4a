import { commonPasswordWords } from "./common-passwords";

/** The field a secret was found to be derived from (translated by the message catalogue). */
export type IdentifierField = "NIP" | "NIK" | "email" | "name";

/** What is known about the account, to refuse secrets derived from it (NIST SP 800-63B §5.1.1.2). */
export interface SecretContext {
  readonly nip?: string;
  readonly nik?: string;
  readonly email?: string;
  readonly name?: string;
  /** More words to refuse as a secret's base (service names, the unit's name). */
  readonly extraWords?: readonly string[];
}

const leet: Readonly<Record<string, string>> = {
  "@": "a",
  "4": "a",
  "0": "o",
  "1": "i",
  "!": "i",
  "3": "e",
  "5": "s",
  $: "s",
  "7": "t",
};

/** NFKC-normalises a secret as NIST SP 800-63B §5.1.1.2 asks before it is hashed or compared. */
export function normalizeSecret(secret: string): string {
  return secret.normalize("NFKC");
}

/** Length in Unicode code points (what NIST counts), after NFKC. */
export function secretLength(secret: string): number {
  return [...normalizeSecret(secret)].length;
}

/** Lower case, digits and symbols stripped from both ends and from the middle's spaces, leetspeak undone. */
export function secretCore(secret: string): string {
  const trimmed = normalizeSecret(secret)
    .toLowerCase()
    .replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  const core = [...trimmed]
    .map((c) => leet[c] ?? c)
    .join("")
    .replace(/[\s._-]+/g, "");
  const unit = /^(.+?)\1+$/u.exec(core)?.[1];
  return unit ?? core;
}

/** True when the secret's core is a very common password or one of the extra words. */
export function isCommonSecret(secret: string, extraWords: readonly string[] = []): boolean {
  const core = secretCore(secret);
  const extra = extraWords.map((w) => secretCore(w));
  return core.length > 0 && (commonPasswordWords.has(core) || extra.includes(core));
}

/** True when the secret uses fewer than 5 distinct characters or is one short unit repeated. */
export function isRepetitive(secret: string): boolean {
  const chars = [...normalizeSecret(secret).toLowerCase()];
  return new Set(chars).size < 5 || /^(.+)\1+$/su.test(chars.join(""));
}

const rows = ["`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./"];

/** True when b follows a in the alphabet, the digits or a keyboard row (either direction). */
function adjacent(a: string, b: string): boolean {
  const d = (b.codePointAt(0) ?? 0) - (a.codePointAt(0) ?? 0);
  if ((d === 1 || d === -1) && /[a-z0-9]/.test(a) && /[a-z0-9]/.test(b)) return true;
  return rows.some((r) => {
    const i = r.indexOf(a);
    return i >= 0 && (r[i + 1] === b || r[i - 1] === b);
  });
}

/** True when at least 80% of the characters sit in runs of 3+ sequential keys (`1234abcd`, `qwerty123456`). */
export function isSequential(secret: string): boolean {
  const chars = [...normalizeSecret(secret).toLowerCase()];
  let covered = 0;
  let run = 1;
  for (let i = 1; i <= chars.length; i++) {
    if (i < chars.length && adjacent(chars[i - 1] ?? "", chars[i] ?? "")) {
      run++;
      continue;
    }
    if (run >= 3) covered += run;
    run = 1;
  }
  return chars.length > 0 && covered / chars.length >= 0.8;
}

/** Every `n`-character window of a digit string. */
function windows(digits: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= digits.length; i++) out.push(digits.slice(i, i + n));
  return out;
}

/** Digit strings taken from a NIP: any 8-digit window and the birth date as DDMMYYYY / DDMMYY. */
function nipFragments(nip: string): string[] {
  const d = nip.replace(/\D/g, "");
  if (d.length < 8) return [];
  const birth = `${d.slice(6, 8)}${d.slice(4, 6)}${d.slice(0, 4)}`;
  return [...windows(d, 8), birth, `${birth.slice(0, 4)}${birth.slice(6, 8)}`];
}

/** Digit strings taken from a NIK: any 8-digit window and its `DDMMYY`. */
function nikFragments(nik: string): string[] {
  const d = nik.replace(/\D/g, "");
  return d.length < 12 ? [] : [...windows(d, 8), d.slice(6, 12)];
}

/** Words taken from an email local part or a name: the whole local part (4+) and each 5+ letter token. */
function wordFragments(text: string, whole: boolean): string[] {
  const lower = text.toLowerCase();
  const tokens = lower.split(/[^\p{L}]+/u).filter((t) => t.length >= 5);
  return whole && lower.length >= 4 ? [lower, ...tokens] : tokens;
}

/**
 * The account field a secret is derived from, if any: it contains an 8-digit piece of the NIP or
 * NIK, the birth date, the email's local part, or a 5+ letter part of the name or email.
 */
export function derivedFrom(secret: string, context: SecretContext): IdentifierField | undefined {
  const s = normalizeSecret(secret).toLowerCase();
  const compact = s.replace(/[\s._-]+/g, "");
  const has = (parts: readonly string[]) => parts.some((p) => s.includes(p) || compact.includes(p));
  if (context.nip !== undefined && has(nipFragments(context.nip))) return "NIP";
  if (context.nik !== undefined && has(nikFragments(context.nik))) return "NIK";
  const local = context.email?.split("@")[0];
  if (local !== undefined && has(wordFragments(local, true))) return "email";
  if (context.name !== undefined && has(wordFragments(context.name, false))) return "name";
  return undefined;
}
