import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Nip, parseNip } from "./nip";

const now = new Date("2026-11-25T12:00:00Z");

const valid: [string, Partial<Nip>][] = [
  [
    "19660801 198803 1 001",
    {
      nip: "196608011988031001",
      kind: "pns",
      birthDate: "1966-08-01",
      appointment: "1988-03",
      appointmentYear: 1988,
      appointmentMonth: 3,
      sex: "male",
      serial: "001",
    },
  ],
  ["199901012022032001", { kind: "pns", birthDate: "1999-01-01", appointment: "2022-03", sex: "female" }],
  [
    "198505122023212003",
    {
      kind: "pppk",
      birthDate: "1985-05-12",
      appointment: "2023",
      pppkCode: "21",
      sex: "female",
      serial: "003",
    },
  ],
  [
    "197003152022291015",
    { kind: "pppk", birthDate: "1970-03-15", appointmentYear: 2022, pppkCode: "29", sex: "male" },
  ],
  ["200002292026111999", { kind: "pns", birthDate: "2000-02-29", appointment: "2026-11", serial: "999" }],
];

const invalid: [string, string, string[]][] = [
  ["17 digits", "19660801198803100", ["NIP_LENGTH"]],
  ["a letter", "19660801198803100I", ["NIP_NOT_DIGITS"]],
  ["30 February", "196602301988031001", ["NIP_BIRTH_DATE_INVALID"]],
  ["born 1899", "189912011988031001", ["NIP_BIRTH_DATE_IMPLAUSIBLE"]],
  ["born in the future", "202701012045031001", ["NIP_BIRTH_DATE_IMPLAUSIBLE", "NIP_APPOINTMENT_FUTURE"]],
  ["TMT month 13", "196608011988131001", ["NIP_APPOINTMENT_MONTH_INVALID"]],
  ["TMT month 00", "196608011988001001", ["NIP_APPOINTMENT_MONTH_INVALID"]],
  ["PPPK code 20", "198505122023202003", ["NIP_PPPK_CODE_INVALID"]],
  ["TMT next month", "199901012026121001", ["NIP_APPOINTMENT_FUTURE"]],
  ["PPPK next year", "198505122027212003", ["NIP_APPOINTMENT_FUTURE"]],
  ["appointed at 11", "199901012010011001", ["NIP_APPOINTMENT_AGE_IMPLAUSIBLE"]],
  ["appointed at 65", "195001012015011001", ["NIP_APPOINTMENT_AGE_IMPLAUSIBLE"]],
  ["sex digit 3", "196608011988033001", ["NIP_SEX_INVALID"]],
  ["sex digit 0", "196608011988030001", ["NIP_SEX_INVALID"]],
  ["serial 000", "196608011988031000", ["NIP_SERIAL_INVALID"]],
];

describe("parseNip", () => {
  it.each(valid)("parses %s", (input, expected) => {
    const r = parseNip(input, { now });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject(expected);
  });
  it.each(invalid)("refuses %s", (_label, input, codes) => {
    const r = parseNip(input, { now });
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(codes);
  });
  it("reports the age and configurable limits", () => {
    const r = parseNip("199901012015011001", { now });
    expect(r.ok ? undefined : r.issues[0]?.params).toEqual({ age: 16, min: 18, max: 60 });
    expect(parseNip("199901012015011001", { now, minAppointmentAge: 16 }).ok).toBe(true);
    expect(parseNip("196608011988031001", { now, maxAppointmentAge: 20 }).ok).toBe(false);
  });
  it("computes the PNS age at the first of the TMT month", () => {
    expect(parseNip("200012152018121001", { now }).ok).toBe(false); // 17 on 2018-12-01
    expect(parseNip("200012012018121001", { now }).ok).toBe(true); // 18 on 2018-12-01
  });

  it("parses back any generated PNS NIP (property)", () => {
    const pad = (n: number, w: number) => String(n).padStart(w, "0");
    fc.assert(
      fc.property(
        fc.date({
          min: new Date(Date.UTC(1960, 0, 1)),
          max: new Date(Date.UTC(1995, 11, 31)),
          noInvalidDate: true,
        }),
        fc.integer({ min: 19, max: 30 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(1, 2),
        fc.integer({ min: 1, max: 999 }),
        (birth, age, month, sex, serial) => {
          const ymd = birth.toISOString().slice(0, 10);
          const year = birth.getUTCFullYear() + age;
          const nip = `${ymd.replaceAll("-", "")}${year}${pad(month, 2)}${sex}${pad(serial, 3)}`;
          const r = parseNip(nip, { now });
          expect(r.ok && r.value).toEqual({
            nip,
            kind: "pns",
            birthDate: ymd,
            appointment: `${year}-${pad(month, 2)}`,
            appointmentYear: year,
            appointmentMonth: month,
            sex: sex === 1 ? "male" : "female",
            serial: pad(serial, 3),
          });
        },
      ),
    );
  });
});
