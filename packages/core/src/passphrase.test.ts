import { describe, expect, it } from "vitest";
import { characterClasses, checkPassphrase } from "./passphrase";

const context = {
  nip: "199901012022032001",
  nik: "3201014101990001",
  email: "siti.aminah@kemenag.go.id",
  password: "kopi tubruk di pagi hari",
  previous: "Rahasia#Kantor2024",
};

const accepted = ["Sejuk-Pagi-di-Ambon-7", "Lampu Kota Ternate 1985", "gX7#pQ2!vL9@", "Ombak.Biru.Bunaken!"];

const refused: [string, string, string[], Record<string, unknown>?][] = [
  ["too short", "Short-1a", ["PASSPHRASE_TOO_SHORT"], { min: 12 }],
  ["too long", `Aa1!${"x".repeat(125)}`, ["PASSPHRASE_TOO_LONG"], { max: 128 }],
  ["two classes", "kopi tubruk di sore hari", ["PASSPHRASE_CLASSES"], { required: 3, found: 2 }],
  ["common base", "Bismillah#2025", ["PASSPHRASE_COMMON"]],
  ["repetitive", "Aaaaaaaaaaa1!", ["PASSPHRASE_REPETITIVE"]],
  ["sequential", "Abcd1234Efgh!", ["PASSPHRASE_REPETITIVE"]],
  ["NIP birth date", "Siti#19990101x", ["PASSPHRASE_CONTAINS_IDENTIFIER"], { field: "NIP" }],
  ["the TTE password", "Kopi Tubruk di Pagi Hari", ["PASSPHRASE_SAME_AS_PASSWORD"]],
  ["the previous one, next year", "rahasia#kantor2025", ["PASSPHRASE_REUSED"]],
  ["the previous one, other case", "RAHASIA#kantor2024", ["PASSPHRASE_REUSED"]],
];

describe("checkPassphrase", () => {
  it.each(accepted)("accepts %j", (p) => {
    const r = checkPassphrase(p, context);
    expect(r.ok ? r.value.length : r.issues).toBeGreaterThanOrEqual(12);
  });
  it.each(refused)("refuses %s", (_label, p, codes, params) => {
    const r = checkPassphrase(p, context);
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(codes);
    if (params !== undefined) expect(r.ok ? undefined : r.issues[0]?.params).toEqual(params);
  });
  it("counts character classes, Unicode letters included", () => {
    expect(characterClasses("abc")).toBe(1);
    expect(characterClasses("Ábc 1")).toBe(4);
    expect(checkPassphrase("kopi tubruk di sore hari", {}, { minClasses: 2 }).ok).toBe(true);
  });
  it("never echoes the passphrase, the password or the previous passphrase", () => {
    const r = checkPassphrase("rahasia#kantor2025", context);
    const text = JSON.stringify(r).toLowerCase();
    for (const secret of ["rahasia", "kopi tubruk"]) expect(text).not.toContain(secret);
  });
});
