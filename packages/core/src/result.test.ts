import { describe, expect, it } from "vitest";
import { fail, issue, ok } from "./result";

describe("result helpers", () => {
  it("wraps values and issues", () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(fail(issue("X", ["a"], { n: 1 }))).toEqual({
      ok: false,
      issues: [{ code: "X", path: ["a"], params: { n: 1 } }],
    });
    expect(issue("Y")).toEqual({ code: "Y", path: [] });
  });
});
