import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh temp directory for one test's files. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "teken-ca-"));
}

/** Writes bytes or text into `dir/name` and returns the path. */
export function put(dir: string, name: string, data: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

/** Runs openssl; returns exit status and combined output (never throws on non-zero exit). */
export function openssl(
  args: readonly string[],
  input?: Uint8Array | string,
): { status: number; out: string } {
  const r = spawnSync("openssl", args, { input, encoding: "utf8" });
  if (r.error) throw r.error; // openssl missing: the test must fail, not skip
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

/** Runs openssl and returns raw stdout bytes; throws on failure. */
export function opensslBytes(args: readonly string[], input?: Uint8Array): Uint8Array {
  return new Uint8Array(execFileSync("openssl", args, input ? { input } : {}));
}

/**
 * Runs a command without blocking the event loop (needed when the server under test runs in
 * this same process); resolves with exit status, stdout and stderr.
 */
export function runAsync(
  command: string,
  args: readonly string[],
): Promise<{ status: number; stdout: string; stderr: string; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString("utf8");
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString("utf8");
    });
    child.on("error", reject); // command missing: the test fails
    child.on("close", (code) => resolve({ status: code ?? -1, stdout, stderr, out: stdout + stderr }));
  });
}
