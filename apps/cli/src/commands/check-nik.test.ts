import { describe, expect, it } from "vitest";
import { runCli } from "../../test/run-cli";

describe("teken check-nik", () => {
  it("prints the parsed fields in Indonesian by default", async () => {
    const r = await runCli(["check-nik", "3201014101990001"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Provinsi        32 Jawa Barat");
    expect(r.out).toMatch(/Tanggal lahir\s+1999-01-01/);
    expect(r.out).toMatch(/Jenis kelamin\s+perempuan/);
  });
  it("prints English labels with --lang en", async () => {
    const r = await runCli(["check-nik", "3171 0205 0685 0003", "--lang", "en"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Regency\/city\s+71 \(kota\)/);
    expect(r.out).toMatch(/Sex\s+male/);
  });
  it("prints JSON with --json", async () => {
    const r = await runCli(["check-nik", "--json", "3201014101990001"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      ok: true,
      nik: {
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
    });
  });
  it("prints every issue localised, with exit code 1", async () => {
    const r = await runCli(["check-nik", "3270004101990000"]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err.trim().split("\n")).toEqual([
      "NIK_REGENCY_INVALID: Kode kabupaten/kota 70 pada NIK tidak valid (01-69 atau 71-99).",
      "NIK_DISTRICT_INVALID: Kode kecamatan pada NIK tidak boleh 00.",
      "NIK_SERIAL_INVALID: Nomor urut pada NIK tidak boleh 0000.",
    ]);
  });
  it("prints issues as JSON in English", async () => {
    const r = await runCli(["check-nik", "123", "--json", "--lang=en"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({
      ok: false,
      issues: [
        {
          code: "NIK_LENGTH",
          path: [],
          params: { length: 3 },
          message: "A NIK has 16 digits (got 3 characters).",
        },
      ],
    });
  });
  it.each([
    [["check-nik"]],
    [["check-nik", "1", "2"]],
    [["check-nik", "1", "--lang", "fr"]],
    [["check-nik", "1", "--nik", "2"]],
  ])("refuses bad usage %j with exit 2", async (args) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^CLI_USAGE: /);
  });
});
