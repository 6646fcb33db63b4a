import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPassword } from "./password";
import { isSequential, secretCore } from "./secret-checks";

const context = {
  nip: "199901012022032001",
  nik: "3201014101990001",
  email: "siti.aminah@kemenag.go.id",
  name: "Siti Aminah",
};

const accepted = [
  "kopi tubruk di pagi hari",
  "Rumah-Hijau-Lombok-88",
  "gX7#pQ2!vL9@",
  "Sate ayam Madura \u{1F414}",
  "8472 9361 0573",
  "KanwilJatim2024",
];

const refused: [string, string, string[], Record<string, unknown>?][] = [
  ["too short", "short1!", ["PASSWORD_TOO_SHORT"], { min: 12 }],
  ["11 code points (emoji count once)", "\u{1F414}".repeat(11), ["PASSWORD_TOO_SHORT"]],
  ["too long", "a".repeat(129), ["PASSWORD_TOO_LONG"], { max: 128 }],
  ["Bismillah123!", "Bismillah123!", ["PASSWORD_COMMON"]],
  ["bismillah twice", "bismillahbismillah", ["PASSWORD_COMMON"]],
  ["leet password", "P@ssw0rd2024", ["PASSWORD_COMMON"]],
  ["kemenag12345", "kemenag12345", ["PASSWORD_COMMON"]],
  ["Indonesia2024!", "Indonesia2024!", ["PASSWORD_COMMON"]],
  ["alhamdulillah", "alhamdulillah", ["PASSWORD_COMMON"]],
  ["spaced sayang", "  sayang 2024 !!", ["PASSWORD_COMMON"]],
  ["the service name", "Teken-2024-!!", ["PASSWORD_COMMON"]],
  ["one letter", "aaaaaaaaaaaa", ["PASSWORD_REPETITIVE"]],
  ["a repeated unit", "xyzxyzxyzxyz", ["PASSWORD_REPETITIVE"]],
  ["four distinct characters", "abab1212abab", ["PASSWORD_REPETITIVE"]],
  ["digits in a row", "123456789012", ["PASSWORD_SEQUENTIAL"]],
  ["reversed keyboard row", "poiuytrewq12", ["PASSWORD_SEQUENTIAL"]],
  ["abcd1234efgh", "abcd1234efgh", ["PASSWORD_SEQUENTIAL"]],
  ["NIP birth date", "Siti19990101!", ["PASSWORD_CONTAINS_IDENTIFIER"], { field: "NIP" }],
  ["birth date DDMMYYYY", "Kopi01011999!", ["PASSWORD_CONTAINS_IDENTIFIER"], { field: "NIP" }],
  ["the NIK", "Rumahku3201014101990001", ["PASSWORD_CONTAINS_IDENTIFIER"], { field: "NIK" }],
  ["the email local part", "siti.aminah#2024", ["PASSWORD_CONTAINS_IDENTIFIER"], { field: "email" }],
  ["a token of the email", "SitiAminah!2024", ["PASSWORD_CONTAINS_IDENTIFIER"], { field: "email" }],
  ["common and derived", "Bismillah19990101", ["PASSWORD_COMMON", "PASSWORD_CONTAINS_IDENTIFIER"]],
];

describe("checkPassword", () => {
  it.each(accepted)("accepts %j", (pw) => {
    const r = checkPassword(pw, context);
    expect(r.ok ? r.value.length : r.issues).toBeGreaterThanOrEqual(12);
  });
  it.each(refused)("refuses %s", (_label, pw, codes, params) => {
    const r = checkPassword(pw, context);
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(codes);
    if (params !== undefined) expect(r.ok ? undefined : r.issues[0]?.params).toEqual(params);
  });
  it("refuses a name token and configured extra words", () => {
    const name = checkPassword("Pratama-Kuat-77", { name: "Muhammad Rizky Pratama" });
    expect(name.ok ? undefined : name.issues[0]?.params).toEqual({ field: "name" });
    expect(checkPassword("KanwilJatim2024", { extraWords: ["kanwil jatim"] }).ok).toBe(false);
  });
  it("takes configurable bounds", () => {
    expect(checkPassword("Lombok!88", {}, { minLength: 8 }).ok).toBe(true);
    expect(checkPassword("kopi tubruk di pagi hari", {}, { maxLength: 20 }).ok).toBe(false);
  });
  it("never echoes the password in an issue", () => {
    const secret = "Bismillah19990101";
    const r = checkPassword(secret, context);
    expect(JSON.stringify(r)).not.toContain(secret);
    expect(JSON.stringify(r).toLowerCase()).not.toContain("bismillah");
  });
  it("reduces a secret to its core", () => {
    expect(secretCore("P@ssw0rd2024")).toBe("password");
    expect(secretCore("!!Indonesia 2024")).toBe("indonesia");
    expect(secretCore("Kemenag.Kemenag.2024")).toBe("kemenag");
    expect(isSequential("gX7#pQ2!vL9@")).toBe(false);
  });
});

describe("checkPassword does not over-reject (property)", () => {
  const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789#%&*+=?@!".split("");
  it("accepts random 16-character passwords", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 16, maxLength: 16 }), (chars) => {
        expect(checkPassword(chars.join(""), context).ok).toBe(true);
      }),
    );
  });
  it("accepts four random words as a passphrase-style password", () => {
    const words = [
      "kopi",
      "hujan",
      "gunung",
      "lontar",
      "sampan",
      "cengkeh",
      "angklung",
      "pelangi",
      "kenari",
      "bambu",
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(words, { minLength: 4, maxLength: 4 }), (picked) => {
        expect(checkPassword(picked.join(" "), context).ok).toBe(true);
      }),
    );
  });
});
