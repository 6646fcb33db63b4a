import { readFileSync } from "node:fs";
import { verify } from "../src/verify/index";
import { fuzzOne, type FuzzOutcome } from "./fuzz-one";
import { mutate, prng } from "./mutate";
import { verifyFixture, verifyFixtureNames } from "../test/verify-fixtures";

const cases = Number(process.argv[2] ?? 20_000);
const seed = Number(process.argv[3] ?? 1);
/** Corpus seeds, plus the encrypted fixtures (opened with their user password, so decryption is fuzzed too). */
const encrypted = ["minimal-aes256.pdf", "minimal-rc4.pdf"].map((f) => ({
  name: f,
  bytes: new Uint8Array(readFileSync(new URL(`../test/fixtures/${f}`, import.meta.url))),
  password: "usersecret",
}));
const seeds: { name: string; bytes: Uint8Array; password?: string }[] = [
  ...verifyFixtureNames().map((f) => ({ name: f, bytes: verifyFixture(f) })),
  ...encrypted,
];
const rnd = prng(seed);
const failures: FuzzOutcome[] = [];
let slowest = 0;
let maxHeap = 0;
const started = performance.now();
for (let i = 0; i < cases; i++) {
  const s = seeds[i % seeds.length]!;
  const { bytes, applied } = mutate(s.bytes, rnd);
  const outcome = await fuzzOne(
    (b) => verify(b, s.password === undefined ? {} : { password: s.password }),
    bytes,
    `${s.name}#${i} ${applied.join("+")}`,
  );
  slowest = Math.max(slowest, outcome.ms);
  maxHeap = Math.max(maxHeap, process.memoryUsage().heapUsed);
  if (!outcome.ok) failures.push(outcome);
  if ((i + 1) % 1000 === 0)
    process.stderr.write(
      `${i + 1}/${cases} cases, ${failures.length} failures, slowest ${slowest.toFixed(0)} ms\n`,
    );
}
const total = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    cases,
    seed,
    failures: failures.length,
    slowestMs: Math.round(slowest),
    maxHeapMB: Math.round(maxHeap / 1048576),
    seconds: Math.round(total),
  }),
);
for (const f of failures.slice(0, 20)) console.log(`FAIL ${f.label}: ${f.problem}`);
process.exitCode = failures.length === 0 && maxHeap < 256 * 1048576 ? 0 : 1;
