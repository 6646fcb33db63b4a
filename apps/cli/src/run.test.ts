import { describe, expect, it } from "vitest";
import { runCli } from "../test/run-cli";

describe("teken", () => {
  it("prints help with exit 0", async () => {
    const r = await runCli(["help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Usage: teken <command>");
  });
  it("refuses an unknown command with a coded line and exit 2", async () => {
    const r = await runCli(["nope"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^CLI_UNKNOWN_COMMAND: /);
  });
});
