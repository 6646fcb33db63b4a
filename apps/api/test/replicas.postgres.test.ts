import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase } from "@teken/registry";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demo } from "../src/seed";
import { POSTGRES_URL } from "./support/world";

const here = new URL("..", import.meta.url).pathname;

async function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => ok(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Starts `src/main.ts` as its own process and waits for its banner. */
function startProcess(env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((ok, fail) => {
    const child = spawn(join(here, "node_modules/.bin/tsx"), ["--conditions=source", "src/main.ts"], {
      cwd: here,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("listening on")) ok(child);
    });
    child.stderr?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("exit", (code) => fail(new Error(`api exited ${code}: ${out}`)));
  });
}

describe("two API processes on one PostgreSQL", () => {
  const schema = `api_rep_${randomBytes(5).toString("hex")}`;
  const children: ChildProcess[] = [];
  let dir: string;
  let urls: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "teken-api-replicas-"));
    const [pa, pb] = [await freePort(), await freePort()];
    const common = {
      DATABASE_URL: POSTGRES_URL,
      DATABASE_SCHEMA: schema,
      DATA_DIR: join(dir, "data"),
      BSRE_SIM_KDF_ITERATIONS: "1000",
      SECURE_COOKIES: "false",
    };
    children.push(await startProcess({ ...common, PORT: String(pa) }));
    // The second replica talks to the first one's simulator over HTTP, as to a real BSrE.
    children.push(
      await startProcess({
        ...common,
        PORT: String(pb),
        BSRE_URL: `http://127.0.0.1:${pa}/bsre`,
        BSRE_USER: "teken",
        BSRE_PASSWORD: "teken-dev",
      }),
    );
    urls = [`http://127.0.0.1:${pa}`, `http://127.0.0.1:${pb}`];
  }, 180_000);
  afterAll(async () => {
    for (const c of children) c.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    const { db, close } = await createDatabase({ url: POSTGRES_URL, migrate: false });
    await db.execute(sql.raw(`drop schema if exists ${schema} cascade`));
    await close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("signs one step exactly once under concurrent requests to both replicas", async () => {
    const official = demo.officials[0];
    const sessions = await Promise.all(
      urls.map(async (base) => {
        const res = await fetch(`${base}/api/session`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ login: official.nip, password: demo.password }),
        });
        expect(res.status).toBe(200);
        const { csrfToken } = (await res.json()) as { csrfToken: string };
        return { base, cookie: (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "", csrfToken };
      }),
    );
    const inbox = (await (
      await fetch(`${urls[0]}/api/inbox`, { headers: { cookie: sessions[0]?.cookie ?? "" } })
    ).json()) as {
      documentId: string;
    }[];
    const documentId = inbox[0]?.documentId;
    expect(documentId).toBeDefined();
    const attempts = Array.from({ length: 8 }, (_, i) => sessions[i % 2]!);
    const results = await Promise.all(
      attempts.map(async (s) => {
        const res = await fetch(`${s.base}/api/documents/${documentId}/sign`, {
          method: "POST",
          headers: {
            cookie: s.cookie,
            "x-csrf-token": s.csrfToken,
            "content-type": "application/json",
            "idempotency-key": randomUUID(),
          },
          body: JSON.stringify({ passphrase: official.passphrase }),
        });
        return { status: res.status, body: (await res.json()) as { code?: string } };
      }),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) {
      expect([
        "SIGNING_IN_PROGRESS",
        "STEP_NOT_ACTIVE",
        "STATE_EVENT_NOT_ALLOWED",
        "WORKFLOW_NOT_YOUR_STEP",
      ]).toContain(r.body.code);
    }
    const revisions = (await (
      await fetch(`${urls[1]}/api/documents/${documentId}/revisions`, {
        headers: { cookie: sessions[1]?.cookie ?? "" },
      })
    ).json()) as { reason: string }[];
    expect(revisions.filter((r) => r.reason === "signed")).toHaveLength(1);
  }, 120_000);
});
