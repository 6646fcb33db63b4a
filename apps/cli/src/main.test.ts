import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const main = fileURLToPath(new URL("./main.ts", import.meta.url));
const fixtures = fileURLToPath(new URL("../../../packages/pades/test/fixtures/", import.meta.url));

describe("the teken process", () => {
  it("ends quietly with 141 when its reader closes the pipe early (teken verify ... | head -1)", async () => {
    const child = spawn(
      process.execPath,
      [
        "--conditions=source",
        "--import",
        "tsx",
        main,
        "verify",
        ...Array(6).fill(`${fixtures}poppler-signed-twice.pdf`),
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    // Read the first chunk, then close our end like `head -1` does.
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on("close", (c) => done(c)));
    expect(code).toBe(141);
    expect(stderr).not.toContain("EPIPE");
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
