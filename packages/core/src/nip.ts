import type { NipCode } from "./codes";
import { type CalendarDate, ageOn, compareDates, isoDate, isRealDate, utcDate } from "./dates";
import { type Sex, compactDigits } from "./nik";
import { type Issue, type Result, fail, issue, ok } from "./result";

/** The fields of a valid NIP (Perka BKN 22/2007 for PNS; the PPPK form, DOMAIN.md §6). */
export interface Nip {
  readonly nip: string;
  /** `pns`: `YYYYMMDD YYYYMM G NNN`; `pppk`: `YYYYMMDD YYYY 2D G NNN`. */
  readonly kind: "pns" | "pppk";
  /** ISO `YYYY-MM-DD`. */
  readonly birthDate: string;
  /** First appointment (TMT): `YYYY-MM` for PNS, `YYYY` for PPPK. */
  readonly appointment: string;
  readonly appointmentYear: number;
  /** The TMT month (PNS only). */
  readonly appointmentMonth?: number;
  /** The two PPPK digits `2D` (D 1-9), PPPK only. */
  readonly pppkCode?: string;
  readonly sex: Sex;
  readonly serial: string;
}

/** Options of `parseNip`: the clock, and the plausible age range at first appointment. */
export interface NipOptions {
  readonly now?: Date;
  /** Youngest age at first appointment; default 18 (minimum age for CPNS and PPPK). */
  readonly minAppointmentAge?: number;
  /** Oldest age at first appointment; default 60 (PPPK accepts applicants up to a year before retirement). */
  readonly maxAppointmentAge?: number;
}

/** Birth dates before this year are refused as implausible for a serving employee. */
const minBirthYear = 1900;

/** Reads `YYYYMMDD`, checking that it is a real date and not before 1900 or in the future. */
function nipBirthDate(text: string, today: CalendarDate): { date?: CalendarDate; issue?: Issue<NipCode> } {
  const date = {
    year: Number(text.slice(0, 4)),
    month: Number(text.slice(4, 6)),
    day: Number(text.slice(6, 8)),
  };
  if (!isRealDate(date.year, date.month, date.day))
    return { issue: issue("NIP_BIRTH_DATE_INVALID", [], { value: text }) };
  if (date.year < minBirthYear || compareDates(date, today) > 0) {
    return { issue: issue("NIP_BIRTH_DATE_IMPLAUSIBLE", [], { value: isoDate(date) }) };
  }
  return { date };
}

/** Reads the appointment part (digits 9-14): a PNS `YYYYMM`, or a PPPK `YYYY` + `2D`. */
function nipAppointment(nip: string): {
  kind: Nip["kind"];
  year: number;
  month?: number;
  pppkCode?: string;
  issue?: Issue<NipCode>;
} {
  const year = Number(nip.slice(8, 12));
  const tail = nip.slice(12, 14);
  if (tail[0] === "2") {
    const bad = tail === "20" ? issue("NIP_PPPK_CODE_INVALID", [], { value: tail }) : undefined;
    return bad === undefined ? { kind: "pppk", year, pppkCode: tail } : { kind: "pppk", year, issue: bad };
  }
  const month = Number(tail);
  if (month < 1 || month > 12)
    return { kind: "pns", year, issue: issue("NIP_APPOINTMENT_MONTH_INVALID", [], { month: tail }) };
  return { kind: "pns", year, month };
}

/** Checks the appointment against today and against the employee's age then. */
function appointmentIssues(
  birth: CalendarDate | undefined,
  app: { year: number; month?: number },
  today: CalendarDate,
  options: NipOptions,
): Issue<NipCode>[] {
  const start = { year: app.year, month: app.month ?? 1, day: 1 };
  const label = app.month === undefined ? String(app.year) : isoDate(start).slice(0, 7);
  if (compareDates(start, today) > 0) return [issue("NIP_APPOINTMENT_FUTURE", [], { value: label })];
  if (birth === undefined) return [];
  const min = options.minAppointmentAge ?? 18;
  const max = options.maxAppointmentAge ?? 60;
  // A PPPK NIP carries only the year: take the oldest age the employee can have had that year.
  const age = app.month === undefined ? app.year - birth.year : ageOn(birth, start);
  return age < min || age > max ? [issue("NIP_APPOINTMENT_AGE_IMPLAUSIBLE", [], { age, min, max })] : [];
}

/**
 * Parses and validates a NIP (Nomor Induk Pegawai), PNS or PPPK; spaces are ignored.
 * @example parseNip("19660801 198803 1 001") // ok: pns, born 1966-08-01, TMT 1988-03, male, serial 001
 */
export function parseNip(input: string, options: NipOptions = {}): Result<Nip, NipCode> {
  const nip = compactDigits(input);
  if (!/^\d*$/.test(nip)) return fail(issue("NIP_NOT_DIGITS"));
  if (nip.length !== 18) return fail(issue("NIP_LENGTH", [], { length: nip.length }));
  const today = utcDate(options.now ?? new Date());
  const birth = nipBirthDate(nip.slice(0, 8), today);
  const app = nipAppointment(nip);
  const issues = [birth.issue, app.issue].filter((i): i is Issue<NipCode> => i !== undefined);
  if (app.issue === undefined) issues.push(...appointmentIssues(birth.date, app, today, options));
  const sexDigit = nip.slice(14, 15);
  if (sexDigit !== "1" && sexDigit !== "2") issues.push(issue("NIP_SEX_INVALID", [], { digit: sexDigit }));
  if (nip.slice(15) === "000") issues.push(issue("NIP_SERIAL_INVALID", [], { serial: "000" }));
  if (issues.length > 0 || birth.date === undefined) return fail(...issues);
  const appointment = app.month === undefined ? String(app.year) : `${app.year}-${nip.slice(12, 14)}`;
  return ok({
    nip,
    kind: app.kind,
    birthDate: isoDate(birth.date),
    appointment,
    appointmentYear: app.year,
    ...(app.month === undefined ? {} : { appointmentMonth: app.month }),
    ...(app.pppkCode === undefined ? {} : { pppkCode: app.pppkCode }),
    sex: sexDigit === "1" ? "male" : "female",
    serial: nip.slice(15),
  });
}
