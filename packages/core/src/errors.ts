import { formatIssue } from "./messages";
import type { Issue, Result } from "./result";

/**
 * Thrown only by `unwrap`, for callers that treat a refused input as a bug (seed data, fixtures):
 * the rules themselves never throw. `code` is the first issue's code; the message carries the
 * Indonesian and English texts; `issues` keeps them all.
 */
export class CoreError extends Error {
  readonly code: string;
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[], options?: { cause?: unknown }) {
    const first = issues[0] ?? { code: "CORE_INVALID", path: [] };
    super(`${formatIssue(first, "id")} / ${formatIssue(first, "en")}`, options);
    this.name = "CoreError";
    this.code = first.code;
    this.issues = issues;
  }
}

/**
 * Returns a result's value or throws a `CoreError` with its issues.
 * @example const nik = unwrap(parseNik("3201014101990001"));
 */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new CoreError(result.issues);
}
