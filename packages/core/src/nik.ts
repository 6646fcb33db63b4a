import type { NikCode } from "./codes";
import { type CalendarDate, compareDates, isoDate, isRealDate, utcDate } from "./dates";
import { provinceName } from "./provinces";
import { type Issue, type Result, fail, issue, ok } from "./result";

/** Biological sex as encoded in a NIK (day + 40) or a NIP (digit 1/2). */
export type Sex = "male" | "female";

/** The fields of a valid NIK (`PP KK CC DDMMYY NNNN`, DOMAIN.md §6). */
export interface Nik {
  readonly nik: string;
  readonly provinceCode: string;
  readonly provinceName: string;
  /** Two digits: 01-69 a kabupaten (regency), 71-99 a kota (city). */
  readonly regencyCode: string;
  readonly regencyKind: "kabupaten" | "kota";
  readonly districtCode: string;
  /** ISO `YYYY-MM-DD`; the century is the latest one that does not put the date in the future. */
  readonly birthDate: string;
  readonly sex: Sex;
  readonly serial: string;
}

/** Options of `parseNik`: the clock used to choose the birth year's century. */
export interface NikOptions {
  readonly now?: Date;
}

/** Removes the spaces people type between groups of digits. */
export function compactDigits(input: string): string {
  return input.replace(/[\s.-]/g, "");
}

/** Picks the birth date from `DDMMYY` (day + 40 for women): the 20xx date unless it is in the future. */
function nikBirthDate(ddmmyy: string, now: Date): { date?: CalendarDate; sex: Sex } {
  const rawDay = Number(ddmmyy.slice(0, 2));
  const month = Number(ddmmyy.slice(2, 4));
  const yy = Number(ddmmyy.slice(4, 6));
  const sex: Sex = rawDay > 40 ? "female" : "male";
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  const recent = { year: 2000 + yy, month, day };
  const chosen = compareDates(recent, utcDate(now)) > 0 ? { ...recent, year: 1900 + yy } : recent;
  return isRealDate(chosen.year, month, day) ? { date: chosen, sex } : { sex };
}

/** Checks the region codes: province one of 38, regency 01-69 or 71-99, district not 00. */
function regionIssues(nik: string): Issue<NikCode>[] {
  const issues: Issue<NikCode>[] = [];
  const province = nik.slice(0, 2);
  const regency = Number(nik.slice(2, 4));
  if (provinceName(province) === undefined) issues.push(issue("NIK_PROVINCE_UNKNOWN", [], { province }));
  if (regency === 0 || regency === 70)
    issues.push(issue("NIK_REGENCY_INVALID", [], { regency: nik.slice(2, 4) }));
  if (nik.slice(4, 6) === "00") issues.push(issue("NIK_DISTRICT_INVALID", [], { district: "00" }));
  return issues;
}

/**
 * Parses and validates a NIK (Nomor Induk Kependudukan); spaces, dots and dashes are ignored.
 * @example parseNik("3201014101990001") // ok: Jawa Barat, born 1999-01-01, female, serial 0001
 */
export function parseNik(input: string, options: NikOptions = {}): Result<Nik, NikCode> {
  const nik = compactDigits(input);
  if (!/^\d*$/.test(nik)) return fail(issue("NIK_NOT_DIGITS"));
  if (nik.length !== 16) return fail(issue("NIK_LENGTH", [], { length: nik.length }));
  const issues = regionIssues(nik);
  const { date, sex } = nikBirthDate(nik.slice(6, 12), options.now ?? new Date());
  if (date === undefined) issues.push(issue("NIK_BIRTH_DATE_INVALID", [], { value: nik.slice(6, 12) }));
  if (nik.slice(12) === "0000") issues.push(issue("NIK_SERIAL_INVALID", [], { serial: "0000" }));
  if (issues.length > 0 || date === undefined) return fail(...issues);
  const regency = Number(nik.slice(2, 4));
  return ok({
    nik,
    provinceCode: nik.slice(0, 2),
    provinceName: provinceName(nik.slice(0, 2)) ?? "",
    regencyCode: nik.slice(2, 4),
    regencyKind: regency > 70 ? "kota" : "kabupaten",
    districtCode: nik.slice(4, 6),
    birthDate: isoDate(date),
    sex,
    serial: nik.slice(12),
  });
}
