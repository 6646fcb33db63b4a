/**
 * Verification benchmark against poppler's `pdfsig` on the same files in the same run:
 * a 10 MB file with 1 signature, a 100 MB file with 1 signature, and files with 1, 5, 10 and
 * 20 signatures (growth should be linear in the bytes each signature covers).
 *
 * Three numbers per file, each a median of several runs:
 * - teken in-process: `verify()` in this process (how the API and the verifier app use it);
 * - teken fresh process: a new `node` running a tiny verify script over the built library
 *   (node start + module load + verify: what one `teken verify FILE` costs);
 * - pdfsig: its whole process (spawn included), `-nocert -no-ocsp` (it checks the CMS and the
 *   byte range, not the path to a trusted root; we check the path too).
 * Ratios are pdfsig / teken (> 1: teken is faster). Peak RSS of both processes is measured with
 * /usr/bin/time, and the in-process heap + buffer growth against the file size.
 * Run: node --expose-gc --conditions=source --import tsx bench/verify.bench.ts
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { verify } from "../src/verify/index";
import { appendUpdate, nextObjectNumber } from "../src/verify/testing/incremental";
import { createTestPki } from "../src/verify/testing/test-pki";
import { testSign } from "../src/verify/testing/test-signer";
import { verifyFixture } from "../test/verify-fixtures";

const REPS = 5;
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
  const noise = new Uint8Array(size / 2);
  for (let i = 0; i < noise.length; i += 65536)
    crypto.getRandomValues(noise.subarray(i, Math.min(noise.length, i + 65536)));
  const hex = Buffer.from(noise).toString("hex");
  return appendUpdate(base, [
    { num: nextObjectNumber(base), text: `<</Length ${hex.length}>>\nstream\n${hex}\nendstream` },
  ]);
}

interface Input {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly sigs: number;
}

async function build(): Promise<Input[]> {
  const out: Input[] = [];
  let pdf: Uint8Array = base;
  for (let i = 1; i <= 20; i++) {
    pdf = await testSign(pdf, { ...signOpts, fieldName: `S${i}` });
    if ([1, 5, 10, 20].includes(i)) out.push({ name: `${i} signature(s)`, bytes: pdf, sigs: i });
  }
  out.push({
    name: "10 MB, 1 signature",
    bytes: await testSign(padded(10), { ...signOpts, fieldName: "S1" }),
    sigs: 1,
  });
  out.push({
    name: "100 MB, 1 signature",
    bytes: await testSign(padded(100), { ...signOpts, fieldName: "S1" }),
    sigs: 1,
  });
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const here = fileURLToPath(new URL(".", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "teken-verify-bench-"));
writeFileSync(join(dir, "root.der"), pki.root.certificate);

/**
 * Builds the library without type declarations into node_modules/.cache (so its imports
 * resolve) and writes the one-file verify script the fresh-process runs execute.
 */
function buildOnce(entry: string, name: string): string {
  const out = join(here, "..", "node_modules", ".cache", "teken-verify-bench", name);
  mkdirSync(out, { recursive: true });
  const b = spawnSync(
    "pnpm",
    [
      "exec",
      "tsup",
      "--no-config",
      entry,
      "--format",
      "esm",
      "--out-dir",
      out,
      "--platform",
      "neutral",
      "--target",
      "es2022",
    ],
    { cwd: join(here, ".."), encoding: "utf8" },
  );
  if (b.status !== 0) throw new Error(`library build failed: ${b.stderr}`);
  const script = join(out, "verify-once.mjs");
  writeFileSync(
    script,
    `import { readFileSync } from "node:fs";
import { verify } from "./index.js";
const buf = readFileSync(process.argv[2]);
const r = await verify(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), {
  trustAnchors: [new Uint8Array(readFileSync(process.argv[3]))], requireRevocation: false });
process.stdout.write(r.verdict + " " + r.signatures.length + "\\n");
`,
  );
  return script;
}

/** Wall time of a process, its CPU time (user + system) and peak RSS (from /usr/bin/time). */
function timed(cmd: string, args: string[]): { wall: number; cpu: number; rssMb: number; stdout: string } {
  const t = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "RSS %M CPU %U %S", cmd, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const wall = performance.now() - t;
  const m = /RSS (\d+) CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return {
    wall,
    cpu: m ? (Number(m[2]) + Number(m[3])) * 1000 : Number.NaN,
    rssMb: m ? Number(m[1]) / 1024 : Number.NaN,
    stdout: r.stdout,
  };
}

function runPdfsig(path: string, sigs: number) {
  const r = timed("pdfsig", ["-nocert", "-no-ocsp", path]);
  if ((r.stdout.match(/Signature is Valid/g) ?? []).length !== sigs) throw new Error("pdfsig disagrees");
  return r;
}

function runFresh(script: string, path: string, sigs: number) {
  const r = timed(process.execPath, [script, path, join(dir, "root.der")]);
  if (r.stdout.trim() !== `TOTAL_PASSED ${sigs}`) throw new Error(`fresh process: ${r.stdout}`);
  return r;
}

/** Our wall and CPU time in this process and the heap + buffer growth during the call. */
async function runOurs(bytes: Uint8Array, sigs: number): Promise<{ wall: number; cpu: number; mem: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  let peak = 0;
  const probe = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed + m.arrayBuffers - (before.heapUsed + before.arrayBuffers));
  }, 5);
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const report = await verify(bytes, { trustAnchors: [pki.root.certificate], requireRevocation: false });
  const used = process.cpuUsage(cpu0);
  const wall = performance.now() - t;
  clearInterval(probe);
  const after = process.memoryUsage();
  if (report.verdict !== "TOTAL_PASSED" || report.signatures.length !== sigs)
    throw new Error(`unexpected ${report.verdict}`);
  return {
    wall,
    cpu: (used.user + used.system) / 1000,
    mem: Math.max(peak, after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers)),
  };
}

const fullScript = buildOnce("src/index.ts", "full");
const verifyScript = buildOnce("src/verify/index.ts", "verify-only");
const inputs = await build();
// Untimed calls on the small files so the in-process numbers are those of a running service
// (JIT-compiled, certificates cached), not of start-up; the fresh-process rows show start-up.
for (let i = 0; i < 3; i++) for (const w of inputs.slice(0, 4)) await runOurs(w.bytes, w.sigs);
const lines: string[] = [];
const growth: string[] = [];
const ms = (x: number) => x.toFixed(0).padStart(6);
for (const input of inputs) {
  const path = join(dir, `${input.name.replace(/\W+/g, "-")}.pdf`);
  writeFileSync(path, input.bytes);
  const ours = [];
  const full = [];
  const only = [];
  const theirs = [];
  for (let i = 0; i < REPS; i++) ours.push(await runOurs(input.bytes, input.sigs));
  for (let i = 0; i < REPS; i++) only.push(runFresh(verifyScript, path, input.sigs));
  for (let i = 0; i < REPS; i++) full.push(runFresh(fullScript, path, input.sigs));
  for (let i = 0; i < REPS; i++) theirs.push(runPdfsig(path, input.sigs));
  const p = { wall: median(theirs.map((x) => x.wall)), cpu: median(theirs.map((x) => x.cpu)) };
  const row = (label: string, xs: { wall: number; cpu: number }[], rss: string) => {
    const w = median(xs.map((x) => x.wall));
    const c = median(xs.map((x) => x.cpu));
    return `  ${label.padEnd(34)} wall ${ms(w)} ms (${(p.wall / w).toFixed(2).padStart(5)}x)  cpu ${ms(c)} ms (${(p.cpu / c).toFixed(2).padStart(5)}x)  ${rss}`;
  };
  const rss = (xs: { rssMb: number }[]) => `peak RSS ${Math.max(...xs.map((x) => x.rssMb)).toFixed(0)} MB`;
  const grow = Math.max(...ours.map((x) => x.mem));
  lines.push(
    `${input.name} (${(input.bytes.length / 1048576).toFixed(1)} MB)`,
    row(
      "teken, in-process",
      ours,
      `heap+buffers +${(grow / 1048576).toFixed(0)} MB (${(grow / input.bytes.length).toFixed(2)}x file)`,
    ),
    row("teken, fresh node, verify module", only, rss(only)),
    row("teken, fresh node, whole library", full, rss(full)),
    `  ${"pdfsig -nocert -no-ocsp".padEnd(34)} wall ${ms(p.wall)} ms           cpu ${ms(p.cpu)} ms          ${rss(theirs)}`,
  );
  if (input.name.endsWith("signature(s)")) {
    const o = median(ours.map((x) => x.cpu));
    growth.push(
      `${input.sigs}: ${(o / input.sigs).toFixed(1)} ms/sig (pdfsig ${(p.cpu / input.sigs).toFixed(1)})`,
    );
  }
}
console.log(`medians of ${REPS} runs; (Nx) = pdfsig time / teken time, above 1.00x teken is faster`);
console.log(lines.join("\n"));
console.log(`in-process CPU per signature: ${growth.join("; ")}`);
