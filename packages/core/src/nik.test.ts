import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Nik, parseNik } from "./nik";
import { provinces } from "./provinces";

const now = new Date("2026-11-25T12:00:00Z");

const valid: [string, Partial<Nik>][] = [
  [
    "3201014101990001",
    {
      nik: "3201014101990001",
      provinceCode: "32",
      provinceName: "Jawa Barat",
      regencyCode: "01",
      regencyKind: "kabupaten",
      districtCode: "01",
      birthDate: "1999-01-01",
      sex: "female",
      serial: "0001",
    },
  ],
  [
    "3171 0205 0685 0003",
    { provinceName: "DKI Jakarta", regencyKind: "kota", birthDate: "1985-06-05", sex: "male" },
  ],
  ["9601011508240001", { provinceName: "Papua Barat Daya", birthDate: "2024-08-15", sex: "male" }],
  ["1101015512260001", { provinceName: "Aceh", birthDate: "1926-12-15", sex: "female" }],
  ["3201012511260001", { birthDate: "2026-11-25", sex: "male" }],
  ["3201012611260001", { birthDate: "1926-11-26", sex: "male" }],
  ["3201012902000001", { birthDate: "2000-02-29", sex: "male" }],
  ["3201016902040001", { birthDate: "2004-02-29", sex: "female" }],
  [
    "7399997112019999",
    { provinceName: "Sulawesi Selatan", regencyKind: "kota", birthDate: "2001-12-31", sex: "female" },
  ],
];

const invalid: [string, string, string[]][] = [
  ["15 digits", "320101410199000", ["NIK_LENGTH"]],
  ["17 digits", "32010141019900012", ["NIK_LENGTH"]],
  ["empty", "", ["NIK_LENGTH"]],
  ["a letter O", "32010141019900O1", ["NIK_NOT_DIGITS"]],
  ["unknown province 20", "2001014101990001", ["NIK_PROVINCE_UNKNOWN"]],
  ["unknown province 97", "9701014101990001", ["NIK_PROVINCE_UNKNOWN"]],
  ["regency 00", "3200014101990001", ["NIK_REGENCY_INVALID"]],
  ["regency 70", "3270014101990001", ["NIK_REGENCY_INVALID"]],
  ["district 00", "3201004101990001", ["NIK_DISTRICT_INVALID"]],
  ["day 00", "3201010001990001", ["NIK_BIRTH_DATE_INVALID"]],
  ["day 32", "3201013201990001", ["NIK_BIRTH_DATE_INVALID"]],
  ["day 40", "3201014001990001", ["NIK_BIRTH_DATE_INVALID"]],
  ["female day 72", "3201017201990001", ["NIK_BIRTH_DATE_INVALID"]],
  ["month 13", "3201010113990001", ["NIK_BIRTH_DATE_INVALID"]],
  ["31 February", "3201013102990001", ["NIK_BIRTH_DATE_INVALID"]],
  ["29 February 2001", "3201012902010001", ["NIK_BIRTH_DATE_INVALID"]],
  ["serial 0000", "3201014101990000", ["NIK_SERIAL_INVALID"]],
  [
    "everything wrong",
    "2070004000000000",
    [
      "NIK_PROVINCE_UNKNOWN",
      "NIK_REGENCY_INVALID",
      "NIK_DISTRICT_INVALID",
      "NIK_BIRTH_DATE_INVALID",
      "NIK_SERIAL_INVALID",
    ],
  ],
];

describe("parseNik", () => {
  it.each(valid)("parses %s", (input, expected) => {
    const r = parseNik(input, { now });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject(expected);
  });
  it.each(invalid)("refuses %s", (_label, input, codes) => {
    const r = parseNik(input, { now });
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(codes);
  });
  it("reports parameters for the messages", () => {
    const r = parseNik("3270014101990001", { now });
    expect(r.ok ? undefined : r.issues[0]).toEqual({
      code: "NIK_REGENCY_INVALID",
      path: [],
      params: { regency: "70" },
    });
    const l = parseNik("123", { now });
    expect(l.ok ? undefined : l.issues[0]?.params).toEqual({ length: 3 });
  });
  it("knows all 38 provinces", () => {
    expect(Object.keys(provinces)).toHaveLength(38);
    for (const code of Object.keys(provinces)) {
      expect(parseNik(`${code}01014101990001`, { now }).ok).toBe(true);
    }
  });

  it("parses back the fields of any generated NIK (property)", () => {
    const codes = Object.keys(provinces);
    const pad = (n: number, w: number) => String(n).padStart(w, "0");
    fc.assert(
      fc.property(
        fc.constantFrom(...codes),
        fc.oneof(fc.integer({ min: 1, max: 69 }), fc.integer({ min: 71, max: 99 })),
        fc.integer({ min: 1, max: 99 }),
        fc.date({ min: new Date(Date.UTC(1926, 10, 26)), max: now, noInvalidDate: true }),
        fc.boolean(),
        fc.integer({ min: 1, max: 9999 }),
        (province, regency, district, birth, female, serial) => {
          const day = birth.getUTCDate() + (female ? 40 : 0);
          const yy = birth.getUTCFullYear() % 100;
          const nik = `${province}${pad(regency, 2)}${pad(district, 2)}${pad(day, 2)}${pad(birth.getUTCMonth() + 1, 2)}${pad(yy, 2)}${pad(serial, 4)}`;
          const r = parseNik(nik, { now });
          expect(r.ok && r.value).toEqual({
            nik,
            provinceCode: province,
            provinceName: provinces[province],
            regencyCode: pad(regency, 2),
            regencyKind: regency > 70 ? "kota" : "kabupaten",
            districtCode: pad(district, 2),
            birthDate: birth.toISOString().slice(0, 10),
            sex: female ? "female" : "male",
            serial: pad(serial, 4),
          });
        },
      ),
    );
  });

  it("never throws and never accepts a non-16-digit string (property)", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseNik(s, { now });
        if (r.ok) expect(r.value.nik).toMatch(/^\d{16}$/);
      }),
    );
  });
});
