import { describe, expect, it } from "vitest";
import { CoreError, unwrap } from "./errors";
import { parseNik } from "./nik";

describe("unwrap", () => {
  it("returns the value of a valid result", () => {
    expect(unwrap(parseNik("3201014101990001", { now: new Date("2026-11-25") })).provinceName).toBe(
      "Jawa Barat",
    );
  });
  it("throws a CoreError with the first code, both languages and every issue", () => {
    let caught: unknown;
    try {
      unwrap(parseNik("3201004101990000"));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CoreError);
    const err = caught as CoreError;
    expect(err.code).toBe("NIK_DISTRICT_INVALID");
    expect(err.message).toBe(
      "Kode kecamatan pada NIK tidak boleh 00. / The district code in the NIK cannot be 00.",
    );
    expect(err.issues.map((i) => i.code)).toEqual(["NIK_DISTRICT_INVALID", "NIK_SERIAL_INVALID"]);
  });
});
