import { describe, expect, it } from "vitest";
import { runCli } from "../test/run-cli";
import { commands } from "./commands/index";

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
  it("lists only commands whose lazily loaded module carries the same name and a usage text", async () => {
    for (const entry of commands) {
      const command = await entry.load();
      expect(command.name).toBe(entry.name);
      expect(command.usage).toContain(entry.name);
    }
  });
  it("prints a command's usage for --help after loading it", async () => {
    const r = await runCli(["verify", "--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("teken verify");
  });
});
