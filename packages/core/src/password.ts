import type { PasswordCode } from "./codes";
import { type Issue, type Result, fail, issue, ok } from "./result";
import {
  derivedFrom,
  isCommonSecret,
  isRepetitive,
  isSequential,
  type SecretContext,
  secretLength,
} from "./secret-checks";

/** Length bounds of the TTE account password. */
export interface PasswordPolicy {
  /** Default 12: NIST SP 800-63B asks at least 8, and 15 when the password is the only factor. */
  readonly minLength?: number;
  /** Default 128: long passphrases welcome, bounded so hashing stays cheap. */
  readonly maxLength?: number;
}

/** A password that passed: only its length is returned, never the password. */
export interface CheckedSecret {
  readonly length: number;
}

/**
 * Checks a TTE account password the NIST SP 800-63B §5.1.1.2 way: length over composition
 * (12-128 code points after NFKC, any characters including spaces), and refuses very common,
 * repetitive or sequential passwords and ones derived from the NIP, NIK, email or name.
 * @example checkPassword("Bismillah123!") // fail: PASSWORD_COMMON
 */
export function checkPassword(
  password: string,
  context: SecretContext = {},
  policy: PasswordPolicy = {},
): Result<CheckedSecret, PasswordCode> {
  const length = secretLength(password);
  const min = policy.minLength ?? 12;
  const max = policy.maxLength ?? 128;
  if (length < min) return fail(issue("PASSWORD_TOO_SHORT", [], { min }));
  if (length > max) return fail(issue("PASSWORD_TOO_LONG", [], { max }));
  const issues: Issue<PasswordCode>[] = [];
  if (isCommonSecret(password, context.extraWords)) issues.push(issue("PASSWORD_COMMON"));
  else if (isRepetitive(password)) issues.push(issue("PASSWORD_REPETITIVE"));
  else if (isSequential(password)) issues.push(issue("PASSWORD_SEQUENTIAL"));
  const field = derivedFrom(password, context);
  if (field !== undefined) issues.push(issue("PASSWORD_CONTAINS_IDENTIFIER", [], { field }));
  return issues.length > 0 ? fail(...issues) : ok({ length });
}
