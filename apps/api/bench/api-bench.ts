/**
 * `pnpm --filter @teken/api bench`: signatures per second with p50/p99 latency at 1, 10 and 50
 * concurrent signers and verifications per second, against the API on a real port (PGlite in a
 * temporary folder, or DATABASE_URL; the in-process simulator at PAdES-BASELINE-LT; ~100 KB
 * letters), once per simulator KDF setting, with ratios against floors measured in the same run.
 *
 * Environment: BENCH_SETUPS (comma list of `kdf:threads` = the simulator's PBKDF2 iterations and
 * its signing worker threads; default "600000:1,1000:0,1000:1": the production KDF, and a cheap
 * development KDF with signing on the event loop and in a worker), BENCH_CONCURRENCY (default
 * "1,10,50"), BENCH_N (signatures per level; default max(20, 3 x concurrency)), BENCH_VERIFY
 * (verifications; default 100).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config";
import { silentLogger } from "../src/http/logger";
import { demo } from "../src/seed";
import { startApi } from "../src/start";
import { measureFloor, measureKdf } from "./floor";
import { benchLetter } from "./letter";
import { type RunResult, describe, run } from "./run";

const here = new URL("..", import.meta.url).pathname;
const setups = (process.env.BENCH_SETUPS ?? "600000:1,1000:0,1000:1").split(",").map((s) => {
  const [kdf = "600000", threads = "0"] = s.split(":");
  return { kdf: Number(kdf), threads: Number(threads) };
});
const levels = (process.env.BENCH_CONCURRENCY ?? "1,10,50").split(",").map(Number);
const verifications = Number(process.env.BENCH_VERIFY ?? 100);
const letter = await benchLetter(new Uint8Array(readFileSync(join(here, "assets/sample-letter.pdf"))));

console.log(`letter: ${letter.byteLength} bytes (sample letter + a photo), anchor ^; machine: 2 cores`);
console.log("\n# floors (same process, no HTTP, no database, no KDF; the API's QR stamp at ^)");
const floorCached = await measureFloor(letter, { runs: 20, concurrency: 1, revocationCacheMs: 300_000 });
console.log(describe("pades signAtLevel B-LT, c=1", floorCached, "sig"));
const floorCachedC10 = await measureFloor(letter, { runs: 30, concurrency: 10, revocationCacheMs: 300_000 });
console.log(describe("pades signAtLevel B-LT, c=10", floorCachedC10, "sig"));
const floorInvisible = await measureFloor(letter, {
  runs: 10,
  concurrency: 1,
  revocationCacheMs: 300_000,
  stamp: false,
});
console.log(describe("  same, c=1, invisible (no stamp)", floorInvisible, "sig"));
const floorUncached = await measureFloor(letter, { runs: 10, concurrency: 1, revocationCacheMs: 0 });
console.log(describe("  same, c=1, OCSP/CRL fetched each time", floorUncached, "sig"));
for (const k of new Set(setups.map((s) => s.kdf)))
  console.log(`passphrase check, PBKDF2 ${k}: ${(await measureKdf(k)).toFixed(1)} ms CPU`);

/** One API process with the simulator at `kdf` iterations and `threads` signing workers, its demo logins and the runs. */
async function benchApi(
  kdf: number,
  threads: number,
): Promise<{ sign: Map<number, RunResult>; verify: RunResult }> {
  const dir = mkdtempSync(join(tmpdir(), "teken-api-bench-"));
  const api = await startApi(
    loadConfig({
      ...(process.env.DATABASE_URL
        ? { DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: `bench_${Date.now()}` }
        : {}),
      DATA_DIR: join(dir, "data"),
      PORT: "0",
      SECURE_COOKIES: "false",
      BSRE_SIM_KDF_ITERATIONS: String(kdf),
      BSRE_SIM_SIGN_THREADS: String(threads),
    }),
    silentLogger,
  );
  const base = api.url;
  const login = async (name: string): Promise<Record<string, string>> => {
    const res = await fetch(`${base}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: name, password: demo.password }),
    });
    const body = (await res.json()) as { csrfToken: string; userId: string };
    return {
      cookie: (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
      "x-csrf-token": body.csrfToken,
      userId: body.userId,
    };
  };
  const admin = await login(demo.admin.email);
  const officials = await Promise.all(demo.officials.map((o) => login(o.nip)));
  const upload = async (signer: Record<string, string>): Promise<string> => {
    const form = new FormData();
    form.set("file", new Blob([letter as Uint8Array<ArrayBuffer>]), "surat.pdf");
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
  };
  const signOne = async (id: string, who: number): Promise<void> => {
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
  };
  // Warm-up (not timed): JIT, the signing worker's start, both signers' first OCSP answers.
  for (const who of [0, 1]) await signOne(await upload(officials[who] ?? {}), who);
  const sign = new Map<number, RunResult>();
  let lastSigned = "";
  for (const concurrency of levels) {
    const total = Number(process.env.BENCH_N ?? Math.max(20, concurrency * 3));
    const jobs: { id: string; who: number }[] = [];
    for (let i = 0; i < total; i++) jobs.push({ id: await upload(officials[i % 2] ?? {}), who: i % 2 });
    const r = await run(jobs, concurrency, async ({ id, who }) => {
      await signOne(id, who);
      lastSigned = id;
    });
    sign.set(concurrency, r);
    console.log(describe(`sign, c=${concurrency}`, r, "sig"));
  }
  const signed = new Uint8Array(
    await (
      await fetch(`${base}/api/documents/${lastSigned}/revisions/latest`, {
        headers: { cookie: officials[0]?.cookie ?? "" },
      })
    ).arrayBuffer(),
  );
  const verify = await run(
    Array.from({ length: verifications }, (_, i) => i),
    10,
    async () => {
      const form = new FormData();
      form.set("file", new Blob([signed]), "signed.pdf");
      const res = await fetch(`${base}/verify`, { method: "POST", body: form });
      if (res.status !== 200) throw new Error(`verify: ${res.status}`);
      await res.arrayBuffer();
    },
  );
  console.log(describe("POST /verify, c=10", verify, "ver"));
  await api.close();
  rmSync(dir, { recursive: true, force: true });
  return { sign, verify };
}

const results = new Map<string, Awaited<ReturnType<typeof benchApi>>>();
for (const { kdf, threads } of setups) {
  console.log(
    `\n# API on a real port, simulator PBKDF2 ${kdf} iterations, ${threads} signing worker thread(s)`,
  );
  results.set(`${kdf} | ${threads}`, await benchApi(kdf, threads));
}

console.log("\n# summary (ratio = API throughput / floor throughput at the same or nearest concurrency)");
console.log(
  "| simulator KDF | sign threads | concurrent | signatures/s | p50 ms | p99 ms | CPU ms/signature | vs floor |",
);
console.log("|---|---|---|---|---|---|---|---|");
for (const [setup, r] of results) {
  for (const [c, s] of r.sign) {
    const floor = c === 1 ? floorCached : floorCachedC10;
    console.log(
      `| ${setup} | ${c} | ${s.perSecond.toFixed(1)} | ${s.p50.toFixed(0)} | ${s.p99.toFixed(0)} | ${s.cpuMs.toFixed(0)} | ${(s.perSecond / floor.perSecond).toFixed(2)}x |`,
    );
  }
}
const goal = [...results.values()].some((r) => {
  const s = r.sign.get(50);
  return s !== undefined && s.perSecond >= 100 && s.p99 < 500;
});
console.log(
  `goal (>= 100 signatures/s and p99 < 500 ms at 50 concurrent): ${goal ? "met" : "NOT met"}; ` +
    `the floor alone allows at most ${floorCachedC10.perSecond.toFixed(1)} signatures/s here`,
);
