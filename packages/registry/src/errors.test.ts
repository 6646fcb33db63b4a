import { describe, expect, it } from "vitest";
import { RegistryError, registryCodes, registryMessage } from "./errors";

describe("registry errors", () => {
  it("has an Indonesian and an English message for every code", () => {
    for (const code of registryCodes) {
      expect(registryMessage(code, "id")).not.toBe(registryMessage(code, "en"));
      expect(registryMessage(code)).toBe(registryMessage(code, "id"));
    }
  });

  it("keeps the code and the cause", () => {
    const cause = new Error("disk");
    const e = new RegistryError("STORAGE_CORRUPT", { cause });
    expect(e).toMatchObject({ code: "STORAGE_CORRUPT", cause, name: "RegistryError" });
    expect(e.message).toBe("Berkas tersimpan rusak / Stored file is corrupt");
  });
});
