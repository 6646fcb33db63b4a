/** One reason an input was refused: a stable code, where in the input, and message parameters. */
export interface Issue<C extends string = string> {
  readonly code: C;
  readonly path: readonly (string | number)[];
  readonly params?: Readonly<Record<string, string | number>>;
}

/** The outcome of a rule: the parsed value, or the issues that refused the input. */
export type Result<T, C extends string = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly Issue<C>[] };

/** Wraps a value as a successful result. */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** Builds a failed result from one or more issues. */
export function fail<C extends string>(
  ...issues: Issue<C>[]
): { readonly ok: false; readonly issues: readonly Issue<C>[] } {
  return { ok: false, issues };
}

/** Builds one issue. */
export function issue<C extends string>(
  code: C,
  path: readonly (string | number)[] = [],
  params?: Readonly<Record<string, string | number>>,
): Issue<C> {
  return params === undefined ? { code, path } : { code, path, params };
}
