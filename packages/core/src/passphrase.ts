import type { PassphraseCode } from "./codes";
import type { CheckedSecret } from "./password";
import { type Issue, type Result, fail, issue, ok } from "./result";
import {
  derivedFrom,
  isCommonSecret,
  isRepetitive,
  isSequential,
  normalizeSecret,
  type SecretContext,
  secretCore,
  secretLength,
} from "./secret-checks";

/** Bounds of the BSrE certificate passphrase. */
export interface PassphrasePolicy {
  /** Default 12. */
  readonly minLength?: number;
  /** Default 128. */
  readonly maxLength?: number;
  /** How many of upper case, lower case, digit, symbol it needs; default 3. */
  readonly minClasses?: number;
}

/** The account context plus the secrets the new passphrase must not repeat (compared, never stored or echoed). */
export interface PassphraseContext extends SecretContext {
  /** The TTE account password: the passphrase must differ from it. */
  readonly password?: string;
  /** The previous passphrase on renewal or change: the new one must not be it or a variant of it. */
  readonly previous?: string;
}

/** The character classes a passphrase uses: upper, lower, digit, symbol (anything else, spaces included). */
export function characterClasses(secret: string): number {
  const s = normalizeSecret(secret);
  return [/\p{Lu}/u, /\p{Ll}/u, /\p{Nd}/u, /[^\p{Lu}\p{Ll}\p{Nd}]/u].filter((re) => re.test(s)).length;
}

/** True when two secrets are equal ignoring case, or share their core (`Rahasia#2024` vs `rahasia#2025`). */
function variantOf(a: string, b: string): boolean {
  const x = normalizeSecret(a).toLowerCase();
  const y = normalizeSecret(b).toLowerCase();
  const cx = secretCore(a);
  return x === y || (cx.length >= 4 && cx === secretCore(b));
}

/**
 * Checks a BSrE passphrase, set at enrolment and again, "more complex", on renewal. BSrE's exact
 * rule is not public, so Teken asks for more than the account password: 12-128 code points,
 * 3 of 4 character classes, not common, repetitive, sequential or derived from the NIP, NIK,
 * email or name, not the TTE password, and not the previous passphrase or a variant of it.
 * @example checkPassphrase("Sejuk-Pagi-di-Ambon-7", { previous: "old secret" }) // ok
 */
export function checkPassphrase(
  passphrase: string,
  context: PassphraseContext = {},
  policy: PassphrasePolicy = {},
): Result<CheckedSecret, PassphraseCode> {
  const length = secretLength(passphrase);
  const min = policy.minLength ?? 12;
  const max = policy.maxLength ?? 128;
  if (length < min) return fail(issue("PASSPHRASE_TOO_SHORT", [], { min }));
  if (length > max) return fail(issue("PASSPHRASE_TOO_LONG", [], { max }));
  const issues: Issue<PassphraseCode>[] = [];
  const required = policy.minClasses ?? 3;
  const found = characterClasses(passphrase);
  if (found < required) issues.push(issue("PASSPHRASE_CLASSES", [], { required, found }));
  if (isCommonSecret(passphrase, context.extraWords)) issues.push(issue("PASSPHRASE_COMMON"));
  else if (isRepetitive(passphrase) || isSequential(passphrase)) issues.push(issue("PASSPHRASE_REPETITIVE"));
  const field = derivedFrom(passphrase, context);
  if (field !== undefined) issues.push(issue("PASSPHRASE_CONTAINS_IDENTIFIER", [], { field }));
  if (context.password !== undefined && variantOf(passphrase, context.password))
    issues.push(issue("PASSPHRASE_SAME_AS_PASSWORD"));
  if (context.previous !== undefined && variantOf(passphrase, context.previous))
    issues.push(issue("PASSPHRASE_REUSED"));
  return issues.length > 0 ? fail(...issues) : ok({ length });
}
