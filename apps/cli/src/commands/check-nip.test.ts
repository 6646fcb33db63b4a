import { describe, expect, it } from "vitest";
import { runCli } from "../../test/run-cli";

describe("teken check-nip", () => {
  it("prints a PNS NIP's fields", async () => {
    const r = await runCli(["check-nip", "19660801 198803 1 001"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Jenis\s+PNS/);
    expect(r.out).toMatch(/TMT pengangkatan\s+1988-03/);
    expect(r.out).toMatch(/Jenis kelamin\s+laki-laki/);
  });
  it("prints a PPPK NIP in English", async () => {
    const r = await runCli(["check-nip", "198505122023212003", "--lang", "en"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Kind\s+PPPK \(21\)/);
    expect(r.out).toMatch(/Appointment \(TMT\)\s+2023/);
    expect(r.out).toMatch(/Sex\s+female/);
  });
  it("cross-checks with --nik and prints both as JSON", async () => {
    const r = await runCli(["check-nip", "199901012022032001", "--nik", "3201014101990001", "--json"]);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out);
    expect(body.ok).toBe(true);
    expect(body.nip.birthDate).toBe("1999-01-01");
    expect(body.nik.provinceName).toBe("Jawa Barat");
  });
  it("says the NIK matches in text mode", async () => {
    const r = await runCli(["check-nip", "199901012022032001", "--nik=3201014101990001", "--lang", "en"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("The NIK matches the NIP.");
  });
  it("reports a sex mismatch with exit code 1", async () => {
    const r = await runCli(["check-nip", "199901012022032001", "--nik", "3201010101990001"]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      "NIP_NIK_SEX_MISMATCH: Jenis kelamin pada NIP (perempuan) berbeda dengan NIK (laki-laki).\n",
    );
  });
  it("reports invalid inputs under their field, as JSON", async () => {
    const r = await runCli([
      "check-nip",
      "196608011988131000",
      "--nik",
      "3201014101990000",
      "--json",
      "--lang",
      "en",
    ]);
    expect(r.code).toBe(1);
    const body = JSON.parse(r.out);
    expect(body.issues.map((i: { code: string; path: string[] }) => [i.path.join("."), i.code])).toEqual([
      ["nip", "NIP_APPOINTMENT_MONTH_INVALID"],
      ["nip", "NIP_SERIAL_INVALID"],
      ["nik", "NIK_SERIAL_INVALID"],
    ]);
    expect(body.issues[0].message).toBe("The appointment month in the NIP (13) must be 01-12.");
  });
  it("prints the path of an issue in text mode", async () => {
    const r = await runCli(["check-nip", "1966", "--nik", "3201014101990001"]);
    expect(r.code).toBe(1);
    expect(r.err).toBe("NIP_LENGTH (nip): NIP harus 18 digit (diterima 4 karakter).\n");
  });
  it("refuses a missing --nik value with exit 2", async () => {
    const r = await runCli(["check-nip", "196608011988031001", "--nik"]);
    expect(r.code).toBe(2);
  });
});
