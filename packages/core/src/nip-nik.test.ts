import { describe, expect, it } from "vitest";
import { parseNik } from "./nik";
import { parseNip } from "./nip";
import { crossCheckNipNik } from "./nip-nik";

const now = new Date("2026-11-25T12:00:00Z");

describe("crossCheckNipNik", () => {
  it("accepts a matching pair, as strings or parsed values", () => {
    const r = crossCheckNipNik("199901012022032001", "3201014101990001", { now });
    expect(r.ok && r.value.nip.birthDate).toBe("1999-01-01");
    const nip = parseNip("199901012022032001", { now });
    const nik = parseNik("3201014101990001", { now });
    if (!nip.ok || !nik.ok) throw new Error("fixture");
    expect(crossCheckNipNik(nip.value, nik.value, { now }).ok).toBe(true);
  });
  it("compares the NIK's two-digit year, not its guessed century", () => {
    // NIK 1006?25 reads as 2025-06-10 (not in the future); the NIP says 1925.
    expect(crossCheckNipNik("192506101950012001", "3201015006250001", { now }).ok).toBe(true);
  });
  it.each([
    ["another day", "199901012022032001", "3201014201990001", "NIP_NIK_BIRTH_DATE_MISMATCH"],
    ["another year", "199901012022032001", "3201014101980001", "NIP_NIK_BIRTH_DATE_MISMATCH"],
    ["male NIK, female NIP", "199901012022032001", "3201010101990001", "NIP_NIK_SEX_MISMATCH"],
  ])("reports %s", (_label, nip, nik, code) => {
    const r = crossCheckNipNik(nip, nik, { now });
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual([code]);
  });
  it("reports the values for the message", () => {
    const r = crossCheckNipNik("199901012022032001", "3201010101990001", { now });
    expect(r.ok ? undefined : r.issues[0]?.params).toEqual({ nip: "female", nik: "male" });
  });
  it("reports invalid inputs under nip / nik", () => {
    const r = crossCheckNipNik("1999", "3201014101990000", { now });
    expect(r.ok ? [] : r.issues.map((i) => [i.path, i.code])).toEqual([
      [["nip"], "NIP_LENGTH"],
      [["nik"], "NIK_SERIAL_INVALID"],
    ]);
  });
});
