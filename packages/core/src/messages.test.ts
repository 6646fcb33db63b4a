import { describe, expect, it } from "vitest";
import { coreIssueCodes } from "./codes";
import { coreMessages, formatIssue, formatIssues, formatMessage, label } from "./messages";

describe("message catalogue", () => {
  it.each(["id", "en"] as const)("has a %s text for exactly the core codes", (lang) => {
    expect(Object.keys(coreMessages[lang]).sort()).toEqual([...coreIssueCodes].sort());
    for (const code of coreIssueCodes) expect(coreMessages[lang][code].length).toBeGreaterThan(10);
  });
  it("uses the same placeholders in both languages", () => {
    const names = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const code of coreIssueCodes)
      expect(names(coreMessages.id[code])).toEqual(names(coreMessages.en[code]));
  });
  it("fills parameters and translates word values", () => {
    expect(formatIssue({ code: "NIK_LENGTH", path: [], params: { length: 15 } }, "id")).toBe(
      "NIK harus 16 digit (diterima 15 karakter).",
    );
    expect(formatIssue({ code: "NIK_LENGTH", path: [], params: { length: 15 } }, "en")).toBe(
      "A NIK has 16 digits (got 15 characters).",
    );
    expect(formatMessage("NIP_NIK_SEX_MISMATCH", { nip: "female", nik: "male" }, "id")).toBe(
      "Jenis kelamin pada NIP (perempuan) berbeda dengan NIK (laki-laki).",
    );
  });
  it("defaults to Indonesian, keeps unknown placeholders and falls back to the code", () => {
    expect(formatMessage("NIK_SERIAL_INVALID")).toBe("Nomor urut pada NIK tidak boleh 0000.");
    expect(formatMessage("NIK_LENGTH", {}, "en")).toBe("A NIK has 16 digits (got {length} characters).");
    expect(formatMessage("APP_SOMETHING", {}, "en")).toBe("APP_SOMETHING");
    expect(formatMessage("APP_SOMETHING", { n: 2 }, "en", { en: { APP_SOMETHING: "n={n}" } })).toBe("n=2");
  });
  it("prefixes paths in formatIssues", () => {
    expect(
      formatIssues(
        [
          { code: "NIK_SERIAL_INVALID", path: ["nik"] },
          { code: "EMAIL_FORMAT", path: [] },
        ],
        "en",
      ),
    ).toEqual(["nik: The serial number in the NIK cannot be 0000.", "The email address is not well formed."]);
  });
});

describe("labels", () => {
  it("cover every state, event and role of every machine in both languages", async () => {
    const { accountMachine } = await import("./state/account");
    const { certificateMachine } = await import("./state/certificate");
    const { documentMachine } = await import("./state/document");
    const { roles } = await import("./state/roles");
    const { labelsEn, labelsId } = await import("./state/labels");
    const keys = [accountMachine, certificateMachine, documentMachine].flatMap((m) => [
      m.name,
      ...m.states,
      ...m.events,
    ]);
    for (const k of [...keys, ...roles]) {
      expect(labelsId[k as keyof typeof labelsId]).toBeTruthy();
      expect(labelsEn[k as keyof typeof labelsEn]).toBeTruthy();
    }
  });
  it("translate transition refusals", () => {
    const params = { machine: "account", state: "verified", event: "approve", role: "pegawai" };
    expect(formatMessage("STATE_EVENT_NOT_ALLOWED", params, "id")).toBe(
      'Aksi "setujui" tidak dapat dilakukan pada status "lolos verifikasi" (akun).',
    );
    expect(formatMessage("STATE_ROLE_FORBIDDEN", { ...params, role: "admin_satker" }, "en")).toBe(
      'Role unit admin may not perform action "approve" (account).',
    );
    expect(label("ISSUE", "id")).toBe("sertifikat terbit");
    expect(label("toString", "id")).toBe("toString");
    expect(label("unknown-thing", "en")).toBe("unknown-thing");
  });
});
