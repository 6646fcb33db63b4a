import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatIssues } from "./messages";
import { checkRegistration, type RegistrationInput } from "./registration";

const now = new Date("2026-11-25T12:00:00Z");
const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url)));

const valid: RegistrationInput = {
  nip: "199901012022032001",
  nik: "3201014101990001",
  email: "Siti.Aminah@kemenag.go.id",
  password: "kopi tubruk di pagi hari",
  passwordConfirmation: "kopi tubruk di pagi hari",
  name: "Siti Aminah",
  uploads: {
    signature_specimen: { bytes: fixture("specimen.png"), declaredType: "image/png" },
    ktp: { bytes: fixture("ktp.jpg"), declaredType: "image/jpeg" },
    recommendation_letter: { bytes: fixture("gs-letter.pdf"), declaredType: "application/pdf" },
  },
};

describe("checkRegistration", () => {
  it("accepts a complete, consistent form and returns the parsed fields", () => {
    const r = checkRegistration(valid, { now });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.nip.kind).toBe("pns");
    expect(r.value.nik.provinceName).toBe("Jawa Barat");
    expect(r.value.email.address).toBe("siti.aminah@kemenag.go.id");
    expect(r.value.uploads.signature_specimen).toEqual({
      type: "image/png",
      size: 3342,
      width: 400,
      height: 150,
    });
    expect(JSON.stringify(r.value)).not.toContain("tubruk");
  });

  it("reports every problem at once under its field", () => {
    const r = checkRegistration(
      {
        ...valid,
        nik: "3201010101990001",
        email: "siti@gmail.com",
        password: "Bismillah123!",
        passwordConfirmation: "Bismillah123",
        uploads: {
          ktp: { bytes: fixture("ktp.jpg"), declaredType: "application/pdf" },
          recommendation_letter: { bytes: fixture("ktp.jpg") },
        },
      },
      { now },
    );
    expect(r.ok ? [] : r.issues.map((i) => [i.path.join("."), i.code])).toEqual([
      ["nik", "NIP_NIK_SEX_MISMATCH"],
      ["email", "EMAIL_DOMAIN_NOT_ALLOWED"],
      ["password", "PASSWORD_COMMON"],
      ["passwordConfirmation", "REGISTRATION_PASSWORD_MISMATCH"],
      ["uploads.signature_specimen", "REGISTRATION_UPLOAD_MISSING"],
      ["uploads.ktp", "UPLOAD_TYPE_MISMATCH"],
      ["uploads.recommendation_letter", "UPLOAD_TYPE_NOT_ALLOWED"],
    ]);
    if (!r.ok) {
      expect(formatIssues(r.issues, "id")[4]).toBe(
        "uploads.signature_specimen: Berkas spesimen tanda tangan wajib diunggah.",
      );
    }
  });

  it("refuses a password made of the name and honours configured policies", () => {
    const pw = "Aminah Siti Kuat 77";
    const r = checkRegistration(
      { ...valid, email: "s.a@kemenag.go.id", password: pw, passwordConfirmation: pw },
      { now },
    );
    expect(r.ok ? [] : r.issues.map((i) => i.params)).toEqual([{ field: "name" }]);
    const big = checkRegistration(valid, {
      now,
      uploads: { ktp: { types: ["image/jpeg"], maxBytes: 1000 } },
    });
    expect(big.ok ? [] : big.issues.map((i) => i.code)).toEqual(["UPLOAD_TOO_LARGE"]);
    const subdomain = checkRegistration(
      { ...valid, email: "siti@jatim.kemenag.go.id" },
      { now, email: { allowSubdomains: true } },
    );
    expect(subdomain.ok).toBe(true);
  });
});
