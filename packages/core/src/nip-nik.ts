import type { NikCode, NipCode } from "./codes";
import { type Nik, type NikOptions, parseNik } from "./nik";
import { type Nip, type NipOptions, parseNip } from "./nip";
import { type Issue, type Result, fail, issue, ok } from "./result";

/** Both identifiers of one employee, parsed and consistent with each other. */
export interface NipNik {
  readonly nip: Nip;
  readonly nik: Nik;
}

/** Parses a string, or passes an already parsed value through. */
function parsed<T, C extends string>(value: string | T, parse: (s: string) => Result<T, C>): Result<T, C> {
  return typeof value === "string" ? parse(value) : ok(value);
}

/** Prefixes every issue's path with the field name. */
function under<C extends string>(field: string, issues: readonly Issue<C>[]): Issue<C>[] {
  return issues.map((i) => ({ ...i, path: [field, ...i.path] }));
}

/**
 * Checks that a NIP and a NIK belong to the same person: same birth day, month and two-digit
 * year (the NIK has no century), same sex (female <=> NIK day > 40). Invalid inputs are reported
 * under the paths `nip` / `nik`.
 * @example crossCheckNipNik("199901012022032001", "3201014101990001") // ok
 */
export function crossCheckNipNik(
  nip: string | Nip,
  nik: string | Nik,
  options: NipOptions & NikOptions = {},
): Result<NipNik, NipCode | NikCode> {
  const a = parsed(nip, (s) => parseNip(s, options));
  const b = parsed(nik, (s) => parseNik(s, options));
  if (!a.ok || !b.ok)
    return fail(...under("nip", a.ok ? [] : a.issues), ...under("nik", b.ok ? [] : b.issues));
  const issues: Issue<NipCode>[] = [];
  if (a.value.birthDate.slice(2) !== b.value.birthDate.slice(2)) {
    issues.push(issue("NIP_NIK_BIRTH_DATE_MISMATCH", [], { nip: a.value.birthDate, nik: b.value.birthDate }));
  }
  if (a.value.sex !== b.value.sex)
    issues.push(issue("NIP_NIK_SEX_MISMATCH", [], { nip: a.value.sex, nik: b.value.sex }));
  return issues.length > 0 ? fail(...issues) : ok({ nip: a.value, nik: b.value });
}
