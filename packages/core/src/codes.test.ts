import { describe, expect, it } from "vitest";
import { type CoreIssueCode, coreIssueCodes } from "./codes";
import { checkEmail } from "./email";
import { formatIssue } from "./messages";
import { parseNik } from "./nik";
import { parseNip } from "./nip";
import { crossCheckNipNik } from "./nip-nik";
import { checkPassphrase } from "./passphrase";
import { checkPassword } from "./password";
import type { Result } from "./result";
import { accountTransition } from "./state/account";
import { createDocumentWorkflow, documentTransition } from "./state/document";
import { checkRegistration } from "./registration";
import { checkUpload, uploadPolicies } from "./uploads";

const now = new Date("2026-11-25T12:00:00Z");
const bytes = (...b: number[]) => new Uint8Array(b);
const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n");
const pngHeader = (w: number, h: number) =>
  bytes(
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    0,
    0,
    0,
    13,
    73,
    72,
    68,
    82,
    0,
    0,
    w >> 8,
    w & 255,
    0,
    0,
    h >> 8,
    h & 255,
  );
const inProgress = {
  status: "in_progress",
  steps: [
    { kind: "paraf", actorId: "a" },
    { kind: "sign", actorId: "b" },
  ],
  currentStep: 0,
} as const;

const form = {
  nip: "199901012022032001",
  nik: "3201014101990001",
  email: "siti.aminah@kemenag.go.id",
  password: "kopi tubruk di pagi hari",
  passwordConfirmation: "kopi tubruk di pagi hari",
  uploads: {},
};

/** One input per code that must produce it: the compiler refuses a code without a row. */
const producers: Record<CoreIssueCode, () => Result<unknown>> = {
  NIK_LENGTH: () => parseNik("123", { now }),
  NIK_NOT_DIGITS: () => parseNik("32010141019900O1", { now }),
  NIK_PROVINCE_UNKNOWN: () => parseNik("9901014101990001", { now }),
  NIK_REGENCY_INVALID: () => parseNik("3270014101990001", { now }),
  NIK_DISTRICT_INVALID: () => parseNik("3201004101990001", { now }),
  NIK_BIRTH_DATE_INVALID: () => parseNik("3201013102990001", { now }),
  NIK_SERIAL_INVALID: () => parseNik("3201014101990000", { now }),
  NIP_LENGTH: () => parseNip("1966", { now }),
  NIP_NOT_DIGITS: () => parseNip("19660801198803100x", { now }),
  NIP_BIRTH_DATE_INVALID: () => parseNip("196602301988031001", { now }),
  NIP_BIRTH_DATE_IMPLAUSIBLE: () => parseNip("189912011988031001", { now }),
  NIP_APPOINTMENT_MONTH_INVALID: () => parseNip("196608011988131001", { now }),
  NIP_PPPK_CODE_INVALID: () => parseNip("198505122023202003", { now }),
  NIP_APPOINTMENT_FUTURE: () => parseNip("199901012027011001", { now }),
  NIP_APPOINTMENT_AGE_IMPLAUSIBLE: () => parseNip("199901012010011001", { now }),
  NIP_SEX_INVALID: () => parseNip("196608011988033001", { now }),
  NIP_SERIAL_INVALID: () => parseNip("196608011988031000", { now }),
  NIP_NIK_BIRTH_DATE_MISMATCH: () => crossCheckNipNik("199901012022032001", "3201014201990001", { now }),
  NIP_NIK_SEX_MISMATCH: () => crossCheckNipNik("199901012022032001", "3201010101990001", { now }),
  EMAIL_FORMAT: () => checkEmail("budi"),
  EMAIL_TOO_LONG: () => checkEmail(`${"a".repeat(70)}@kemenag.go.id`),
  EMAIL_NON_ASCII: () => checkEmail("budi@kemen\u0430g.go.id"),
  EMAIL_PUNYCODE: () => checkEmail("budi@xn--kemnag-n5a.go.id"),
  EMAIL_LOOKALIKE_DOMAIN: () => checkEmail("budi@kemenag.go.id.evil.com"),
  EMAIL_SUBDOMAIN_NOT_ALLOWED: () => checkEmail("budi@jatim.kemenag.go.id"),
  EMAIL_DOMAIN_NOT_ALLOWED: () => checkEmail("budi@gmail.com"),
  UPLOAD_EMPTY: () => checkUpload({ bytes: bytes() }, uploadPolicies.document),
  UPLOAD_TOO_LARGE: () => checkUpload({ bytes: pdf }, { ...uploadPolicies.document, maxBytes: 10 }),
  UPLOAD_TYPE_UNKNOWN: () => checkUpload({ bytes: bytes(0x47, 0x49, 0x46) }, uploadPolicies.ktp),
  UPLOAD_TYPE_NOT_ALLOWED: () => checkUpload({ bytes: pngHeader(10, 10) }, uploadPolicies.document),
  UPLOAD_TYPE_MISMATCH: () => checkUpload({ bytes: pdf, declaredType: "image/png" }, uploadPolicies.ktp),
  UPLOAD_PDF_NO_EOF: () => checkUpload({ bytes: pdf }, uploadPolicies.document),
  UPLOAD_IMAGE_UNREADABLE: () => checkUpload({ bytes: bytes(0xff, 0xd8, 0xff, 0xd9) }, uploadPolicies.ktp),
  UPLOAD_IMAGE_TOO_SMALL: () => checkUpload({ bytes: pngHeader(10, 10) }, uploadPolicies.signature_specimen),
  UPLOAD_IMAGE_TOO_LARGE: () =>
    checkUpload({ bytes: pngHeader(4000, 100) }, uploadPolicies.signature_specimen),
  PASSWORD_TOO_SHORT: () => checkPassword("pendek"),
  PASSWORD_TOO_LONG: () => checkPassword("x".repeat(200)),
  PASSWORD_COMMON: () => checkPassword("bismillah123"),
  PASSWORD_REPETITIVE: () => checkPassword("zzzzzzzzzzzz"),
  PASSWORD_SEQUENTIAL: () => checkPassword("1234567890ab"),
  PASSWORD_CONTAINS_IDENTIFIER: () => checkPassword("Kopi19660801!", { nip: "196608011988031001" }),
  PASSPHRASE_TOO_SHORT: () => checkPassphrase("Aa1!"),
  PASSPHRASE_TOO_LONG: () => checkPassphrase(`Aa1!${"q".repeat(200)}`),
  PASSPHRASE_CLASSES: () => checkPassphrase("lampu kota ternate"),
  PASSPHRASE_COMMON: () => checkPassphrase("Indonesia#2026"),
  PASSPHRASE_REPETITIVE: () => checkPassphrase("Zzzzzzzzzzzz1!"),
  PASSPHRASE_CONTAINS_IDENTIFIER: () => checkPassphrase("Kopi#3201014101990001", { nik: "3201014101990001" }),
  PASSPHRASE_SAME_AS_PASSWORD: () =>
    checkPassphrase("Lampu Kota Ternate 1", { password: "lampu kota ternate 1" }),
  PASSPHRASE_REUSED: () => checkPassphrase("Lampu Kota Ternate 2", { previous: "Lampu Kota Ternate 1" }),
  STATE_UNKNOWN: () => accountTransition("limbo", "approve", { role: "admin_satker" }),
  STATE_EVENT_NOT_ALLOWED: () => accountTransition("verified", "resubmit", { role: "pegawai" }),
  STATE_ROLE_FORBIDDEN: () => accountTransition("waiting_verification", "approve", { role: "public" }),
  STATE_NOTE_REQUIRED: () => accountTransition("waiting_verification", "reject", { role: "admin_satker" }),
  WORKFLOW_NO_STEPS: () => createDocumentWorkflow([]),
  WORKFLOW_LAST_STEP_NOT_SIGN: () => createDocumentWorkflow([{ kind: "paraf", actorId: "a" }]),
  WORKFLOW_STEP_ACTOR_MISSING: () => createDocumentWorkflow([{ kind: "sign", actorId: "" }]),
  WORKFLOW_NOT_YOUR_STEP: () =>
    documentTransition(inProgress, "paraf", { role: "verifikator", actorId: "b" }),
  WORKFLOW_STEP_KIND_MISMATCH: () =>
    documentTransition(inProgress, "sign", { role: "pegawai", actorId: "a" }),
  REGISTRATION_PASSWORD_MISMATCH: () =>
    checkRegistration({ ...form, passwordConfirmation: "something else" }, { now }),
  REGISTRATION_UPLOAD_MISSING: () => checkRegistration(form, { now }),
};

describe("every core code", () => {
  it("has a producer for each code in the union", () => {
    expect(Object.keys(producers).sort()).toEqual([...coreIssueCodes].sort());
  });
  it.each([...coreIssueCodes])("%s is produced and fully formatted in both languages", (code) => {
    const r = producers[code]();
    expect(r.ok).toBe(false);
    const found = r.ok ? undefined : r.issues.find((i) => i.code === code);
    expect(found?.code).toBe(code);
    if (found === undefined) return;
    for (const lang of ["id", "en"] as const) expect(formatIssue(found, lang)).not.toMatch(/\{\w+\}/);
  });
});
