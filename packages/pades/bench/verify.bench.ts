/**
 * Verification benchmark against poppler's `pdfsig` on the same files in the same run:
 * a 10 MB file with 1 signature, files with 5 and 20 signatures (growth should be linear),
 * a 100 MB file with 1 signature.
 * Run: node --expose-gc --conditions=source --import tsx bench/verify.bench.ts
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verify } from "../src/verify/index";
import { appendUpdate, nextObjectNumber } from "../src/verify/testing/incremental";
import { createTestPki } from "../src/verify/testing/test-pki";
import { testSign } from "../src/verify/testing/test-signer";
import { verifyFixture } from "../test/verify-fixtures";

const base = verifyFixture("gs-letter.pdf");
const pki = await createTestPki();
const signOpts = {
  certificate: pki.signer.certificate,
  chain: pki.signer.chain,
  privateKey: pki.signer.privateKey,
};

/** Pads a PDF to about `mb` megabytes with an incompressible, unreferenced stream. */
function padded(mb: number): Uint8Array {
  const size = mb * 1024 * 1024;
  const noise = new Uint8Array(size);
  for (let i = 0; i < size; i += 65536) crypto.getRandomValues(noise.subarray(i, Math.min(size, i + 65536)));
  const hex = Buffer.from(noise.subarray(0, size / 2)).toString("hex");
  return appendUpdate(base, [
    { num: nextObjectNumber(base), text: `<</Length ${hex.length}>>\nstream\n${hex}\nendstream` },
  ]);
}

async function build(): Promise<{ name: string; bytes: Uint8Array; sigs: number }[]> {
  const ten = await testSign(padded(10), { ...signOpts, fieldName: "S1" });
  let five: Uint8Array = base;
  let twenty: Uint8Array = base;
  for (let i = 1; i <= 20; i++) {
    twenty = await testSign(twenty, { ...signOpts, fieldName: `S${i}` });
    if (i === 5) five = twenty;
  }
  const hundred = await testSign(padded(100), { ...signOpts, fieldName: "S1" });
  return [
    { name: "10 MB, 1 signature", bytes: ten, sigs: 1 },
    { name: "5 signatures", bytes: five, sigs: 5 },
    { name: "20 signatures", bytes: twenty, sigs: 20 },
    { name: "100 MB, 1 signature", bytes: hundred, sigs: 1 },
  ];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const dir = mkdtempSync(join(tmpdir(), "teken-verify-bench-"));
const rows: string[] = [];

/** pdfsig's wall time and its own user+system CPU time (from /usr/bin/time), in ms. */
function runPdfsig(path: string, sigs: number): { wall: number; cpu: number } {
  const t = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "CPU %U %S", "pdfsig", "-nocert", "-no-ocsp", path], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const wall = performance.now() - t;
  if ((r.stdout.match(/Signature is Valid/g) ?? []).length !== sigs) throw new Error("pdfsig disagrees");
  const m = /CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : Number.NaN };
}

/** Our wall and CPU time (this process, all threads) and the extra heap + buffer memory. */
async function runOurs(bytes: Uint8Array, sigs: number): Promise<{ wall: number; cpu: number; mem: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  const t = performance.now();
  const cpu = process.cpuUsage();
  const report = await verify(bytes, { trustAnchors: [pki.root.certificate], requireRevocation: false });
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - t;
  const after = process.memoryUsage();
  if (report.verdict !== "TOTAL_PASSED" || report.signatures.length !== sigs)
    throw new Error(`unexpected ${report.verdict}`);
  return {
    wall,
    cpu: (used.user + used.system) / 1000,
    mem: after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers),
  };
}

for (const input of await build()) {
  const path = join(dir, `${input.name.replace(/\W+/g, "-")}.pdf`);
  writeFileSync(path, input.bytes);
  const ours = [];
  const theirs = [];
  for (let i = 0; i < 5; i++) ours.push(await runOurs(input.bytes, input.sigs));
  for (let i = 0; i < 5; i++) theirs.push(runPdfsig(path, input.sigs));
  const mb = (input.bytes.length / 1048576).toFixed(1).padStart(6);
  const m = (xs: number[]) => median(xs).toFixed(0).padStart(5);
  rows.push(
    `${input.name.padEnd(20)} ${mb} MB  wall ms: teken ${m(ours.map((o) => o.wall))} pdfsig ${m(theirs.map((o) => o.wall))}  cpu ms: teken ${m(ours.map((o) => o.cpu))} pdfsig ${m(theirs.map((o) => o.cpu))}  extra memory ${(Math.max(...ours.map((o) => o.mem)) / 1048576).toFixed(0)} MB`,
  );
}
console.log(rows.join("\n"));
