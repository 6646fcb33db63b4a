import { describe, expect, it } from "vitest";
import { MESSAGE_KEYS, chooseLang, localeOf, t } from "./i18n";

describe("i18n", () => {
  it("has a non-empty Indonesian and English text for every key, with the same placeholders", () => {
    for (const key of MESSAGE_KEYS) {
      const id = t("id", key);
      const en = t("en", key);
      expect(id, key).not.toBe("");
      expect(en, key).not.toBe("");
      const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(vars(id), key).toEqual(vars(en));
    }
  });
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(t("id", "signatureN", { n: 2 })).toBe("Tanda tangan 2");
    expect(t("en", "signatureN", { n: 2 })).toBe("Signature 2");
    expect(t("en", "signatureN")).toBe("Signature {n}");
  });
  it("defaults to Indonesian and accepts only id/en", () => {
    expect(chooseLang(null, undefined)).toBe("id");
    expect(chooseLang("fr", "en")).toBe("en");
    expect(chooseLang("id", "en")).toBe("id");
    expect(localeOf("id")).toBe("id-ID");
    expect(localeOf("en")).toBe("en-GB");
  });
  it("says in both languages that nothing is uploaded", () => {
    expect(t("id", "privacy")).toContain("tidak diunggah");
    expect(t("en", "privacy")).toContain("not uploaded");
  });
});
