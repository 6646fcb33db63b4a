/**
 * `pnpm --filter @teken/api bench`: starts the API on a real port (PGlite in a temporary folder,
 * or DATABASE_URL, with the in-process simulator at PAdES-BASELINE-LT) and measures signatures
 * per second with p50/p99 latency at 1, 10 and 50 concurrent signers, then verifications per second.
 * BENCH_KDF (default 600000) sets the simulator's PBKDF2 iterations per key unlock.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config";
import { silentLogger } from "../src/http/logger";
import { demo } from "../src/seed";
import { startApi } from "../src/start";

const here = new URL("..", import.meta.url).pathname;
const letter = readFileSync(join(here, "assets/sample-letter.pdf"));
const dir = mkdtempSync(join(tmpdir(), "teken-api-bench-"));
const api = await startApi(
  loadConfig({
    ...(process.env.DATABASE_URL
      ? { DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: `bench_${Date.now()}` }
      : {}),
    DATA_DIR: join(dir, "data"),
    PORT: "0",
    SECURE_COOKIES: "false",
    BSRE_SIM_KDF_ITERATIONS: process.env.BENCH_KDF ?? "600000",
  }),
  silentLogger,
);
const base = api.url;

async function login(loginName: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login: loginName, password: demo.password }),
  });
  const body = (await res.json()) as { csrfToken: string; userId: string };
  return {
    cookie: (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
    "x-csrf-token": body.csrfToken,
    userId: body.userId,
  };
}

const admin = await login(demo.admin.email);
const officials = await Promise.all(demo.officials.map((o) => login(o.nip)));

async function upload(signer: Record<string, string>): Promise<string> {
  const form = new FormData();
  form.set("file", new Blob([letter]), "surat.pdf");
  form.set("jenis", "Surat Undangan");
  form.set("perihal", "Bench");
  form.set("steps", JSON.stringify([{ kind: "sign", userId: signer.userId }]));
  const res = await fetch(`${base}/api/documents`, {
    method: "POST",
    headers: { cookie: admin.cookie ?? "", "x-csrf-token": admin["x-csrf-token"] ?? "" },
    body: form,
  });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { documentId: string }).documentId;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function run<T>(jobs: T[], concurrency: number, task: (job: T) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++] as T;
        const t = performance.now();
        await task(job);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: jobs.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    n: jobs.length,
  };
}

let lastSigned = "";
for (const concurrency of [1, 10, 50]) {
  const total = Math.max(20, concurrency * 3);
  const jobs: { id: string; who: number }[] = [];
  for (let i = 0; i < total; i++) jobs.push({ id: await upload(officials[i % 2] ?? {}), who: i % 2 });
  const r = await run(jobs, concurrency, async ({ id, who }) => {
    const o = officials[who] ?? {};
    const res = await fetch(`${base}/api/documents/${id}/sign`, {
      method: "POST",
      headers: {
        cookie: o.cookie ?? "",
        "x-csrf-token": o["x-csrf-token"] ?? "",
        "content-type": "application/json",
        "idempotency-key": randomUUID(),
      },
      body: JSON.stringify({ passphrase: demo.officials[who]?.passphrase }),
    });
    if (res.status !== 200) throw new Error(`sign: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    lastSigned = id;
  });
  console.log(
    `sign  c=${String(concurrency).padStart(2)} n=${r.n}: ${r.perSecond.toFixed(1)} signatures/s, p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms`,
  );
}

const signed = new Uint8Array(
  await (
    await fetch(`${base}/api/documents/${lastSigned}/revisions/latest`, {
      headers: { cookie: officials[0]?.cookie ?? "" },
    })
  ).arrayBuffer(),
);
const verifyJobs = Array.from({ length: 100 }, (_, i) => i);
const v = await run(verifyJobs, 10, async () => {
  const form = new FormData();
  form.set("file", new Blob([signed]), "signed.pdf");
  const res = await fetch(`${base}/verify`, { method: "POST", body: form });
  if (res.status !== 200) throw new Error(`verify: ${res.status}`);
  await res.arrayBuffer();
});
console.log(
  `verify c=10 n=${v.n}: ${v.perSecond.toFixed(1)} verifications/s, p50 ${v.p50.toFixed(0)} ms, p99 ${v.p99.toFixed(0)} ms`,
);
await api.close();
rmSync(dir, { recursive: true, force: true });
