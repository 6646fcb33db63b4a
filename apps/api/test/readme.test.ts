import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config";
import { silentLogger } from "../src/http/logger";
import { type RunningApi, startApi } from "../src/start";

const here = new URL("..", import.meta.url).pathname;

/** The shell blocks between the walkthrough markers of the README, as written. */
function walkthrough(): string {
  const readme = readFileSync(join(here, "README.md"), "utf8");
  const section = readme.split("<!-- walkthrough -->")[1]?.split("<!-- /walkthrough -->")[0] ?? "";
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
  if (blocks.length === 0) throw new Error("README has no walkthrough");
  return blocks.join("\n");
}

describe("README walkthrough", () => {
  let api: RunningApi;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "teken-api-readme-"));
    symlinkSync(join(here, "assets"), join(dir, "assets"));
    const config = loadConfig({ DATA_DIR: join(dir, "data"), PORT: "0", BSRE_SIM_KDF_ITERATIONS: "1000" });
    api = await startApi(config, silentLogger);
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves the deployment's trust anchors to the verifier page at /verify/anchors.pem", async () => {
    const res = await fetch(`${api.url}/verify/anchors.pem`);
    expect(res.status).toBe(200);
    const pem = await res.text();
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----/g) ?? [];
    // The in-process simulator's root at least.
    expect(blocks.length).toBeGreaterThanOrEqual(1);
    expect(pem).not.toContain("PRIVATE KEY");
  });

  it("runs register -> approve -> sign -> verify by token with curl, as written", async () => {
    const port = new URL(api.url).port;
    // Asynchronous: the server runs in this process and must keep answering.
    const { stdout: out } = await promisify(execFile)("bash", ["-euo", "pipefail", "-c", walkthrough()], {
      cwd: dir,
      env: { ...process.env, API: `http://localhost:${port}` },
      encoding: "utf8",
      timeout: 90_000,
    });
    expect(out).toContain('"status":"verified"');
    expect(out).toContain("Rapat koordinasi");
    expect(out).toContain('"status":"completed"');
    expect(out).toMatch(/TOTAL_PASSED\s+VALID\s*$/);
  }, 120_000);
});
