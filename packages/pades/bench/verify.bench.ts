/**
 * Verification benchmark against poppler's `pdfsig` on the same files in the same run:
 * files with 1, 5, 10 and 20 signatures, a 10 MB file and a 100 MB file with 1 signature. Every
 * file carries a DSS with the CRLs of the signer's CA and of the root, so the full check passes
 * (chain to the trusted root, revocation of every certificate of the path, change analysis).
 *
 * Rows per file, each the median of REPS runs:
 * - teken in-process, node digester: `verify()` in this process with `@teken/pades/node`'s
 *   digester (how the API's POST /verify runs it), after every file has been verified untimed
 *   three times (a running service: code compiled, certificates cached);
 * - teken in-process, Web Crypto: the same without a digester (the browser verifier's path);
 * - teken CLI, fresh process: `node apps/cli/dist/main.js verify FILE --trust root.pem` — node's
 *   start, module load, reading the file, verifying, printing;
 * - node floor: a fresh `node` that only reads the file and hashes it with SHA-256 — what any
 *   verifier written for Node pays before it checks anything;
 * - pdfsig: its whole process, `-nocert -no-ocsp` (it checks the CMS and the byte range, not
 *   the path to a trusted root, revocation or later changes).
 * CPU of a child = user + system from bash's `times` (millisecond resolution), peak RSS from
 * /usr/bin/time. Ratios are pdfsig / teken (above 1.00x: teken is faster). In-process timing
 * runs take no memory samples; the heap + buffer growth is measured in separate runs.
 * Run: node --expose-gc --conditions=source --import tsx bench/verify.bench.ts
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { nodeDigester } from "../src/adapters/node";
import { verify } from "../src/verify/index";
import { appendUpdate, nextObjectNumber } from "../src/verify/testing/incremental";
import { createTestPki, currentCrl, rootCrl } from "../src/verify/testing/test-pki";
import { testAddDss, testSign } from "../src/verify/testing/test-signer";
import { verifyFixture } from "../test/verify-fixtures";

const REPS = 7;
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

const dss = { certs: [pki.issuing.certificate], crls: [await currentCrl(pki), await rootCrl(pki)] };

async function build(): Promise<Input[]> {
  const out: Input[] = [];
  let pdf: Uint8Array = base;
  for (let i = 1; i <= 20; i++) {
    pdf = await testSign(pdf, { ...signOpts, fieldName: `S${i}` });
    if ([1, 5, 10, 20].includes(i))
      out.push({ name: `${i} signature(s)`, bytes: testAddDss(pdf, dss), sigs: i });
  }
  for (const mb of [10, 100])
    out.push({
      name: `${mb} MB, 1 signature`,
      bytes: testAddDss(await testSign(padded(mb), { ...signOpts, fieldName: "S1" }), dss),
      sigs: 1,
    });
  return out;
}

const here = fileURLToPath(new URL(".", import.meta.url));
const repo = join(here, "..", "..", "..");
const dir = mkdtempSync(join(tmpdir(), "teken-verify-bench-"));
const rootPem = join(dir, "root.pem");
writeFileSync(rootPem, pki.pem.root);

/** Builds @teken/pades and the CLI (`node apps/cli/dist/main.js` is what `teken` runs once installed). */
function buildCli(): string {
  const b = spawnSync("pnpm", ["--filter", "@teken/pades", "--filter", "@teken/cli", "build"], {
    cwd: repo,
    encoding: "utf8",
  });
  if (b.status !== 0) throw new Error(`build failed: ${b.stdout}\n${b.stderr}`);
  return join(repo, "apps", "cli", "dist", "main.js");
}

/** A floor for any Node verifier: start node, read the file, SHA-256 it, exit. */
const FLOOR = `const b=require("fs").readFileSync(process.argv[1]);process.stdout.write(require("crypto").createHash("sha256").update(b).digest("hex").slice(0,8)+"\\n")`;

interface Run {
  readonly wall: number;
  readonly cpu: number;
  readonly rssMb: number;
  readonly stdout: string;
  readonly status: number | null;
}

/**
 * Runs a command under bash so that `times` reports the child's user + system CPU to the
 * millisecond (/usr/bin/time rounds to 10 ms), and under /usr/bin/time for its peak RSS.
 */
function timed(cmd: string, args: string[]): Run {
  const script = `"$@" > "${dir}/out.txt"; s=$?; times; exit $s`;
  const t = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "RSS %M", "bash", "-c", script, "bash", cmd, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const wall = performance.now() - t;
  // `times` prints the shell's own times, then its children's: "0m0.123s 0m0.045s"
  const lines = r.stdout.trim().split("\n");
  const m = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s/.exec(lines[lines.length - 1] ?? "");
  const rss = /RSS (\d+)/.exec(r.stderr);
  const cpu = m ? (Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4])) * 1000 : Number.NaN;
  const stdout = spawnSync("cat", [join(dir, "out.txt")], { encoding: "utf8", maxBuffer: 1 << 26 }).stdout;
  return { wall, cpu, rssMb: rss ? Number(rss[1]) / 1024 : Number.NaN, stdout, status: r.status };
}

function runPdfsig(path: string, sigs: number): Run {
  const r = timed("pdfsig", ["-nocert", "-no-ocsp", path]);
  if ((r.stdout.match(/Signature is Valid/g) ?? []).length !== sigs) throw new Error("pdfsig disagrees");
  return r;
}

function runCli(cli: string, path: string, sigs: number): Run {
  const r = timed(process.execPath, [cli, "verify", path, "--trust", rootPem, "--json"]);
  const reports = JSON.parse(r.stdout) as { verdict: string; signatures: unknown[] }[];
  if (r.status !== 0 || reports[0]?.verdict !== "TOTAL_PASSED" || reports[0].signatures.length !== sigs)
    throw new Error(`teken verify: exit ${r.status}, ${reports[0]?.verdict}`);
  return r;
}

function runFloor(path: string): Run {
  return timed(process.execPath, ["-e", FLOOR, path]);
}

const check = (bytes: Uint8Array, webCrypto: boolean) =>
  verify(bytes, { trustAnchors: [pki.root.certificate], ...(webCrypto ? {} : { digester: nodeDigester }) });

/** Our wall and CPU time in this process (no memory sampling while timed). */
async function runOurs(
  bytes: Uint8Array,
  sigs: number,
  webCrypto: boolean,
): Promise<{ wall: number; cpu: number }> {
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const report = await check(bytes, webCrypto);
  const used = process.cpuUsage(cpu0);
  const wall = performance.now() - t;
  if (report.verdict !== "TOTAL_PASSED" || report.signatures.length !== sigs)
    throw new Error(`unexpected ${report.verdict}: ${JSON.stringify(report.signatures[0]?.reasons)}`);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

/** Heap + ArrayBuffer growth during one in-process verification, sampled every 2 ms. */
async function memoryOf(bytes: Uint8Array, webCrypto: boolean): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  const base = before.heapUsed + before.arrayBuffers;
  let peak = 0;
  const probe = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed + m.arrayBuffers - base);
  }, 2);
  await check(bytes, webCrypto);
  clearInterval(probe);
  const after = process.memoryUsage();
  return Math.max(peak, after.heapUsed + after.arrayBuffers - base);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const cli = buildCli();
const inputs = await build();
for (let i = 0; i < 3; i++)
  for (const w of inputs) for (const wc of [false, true]) await runOurs(w.bytes, w.sigs, wc);
const lines: string[] = [];
const growth: string[] = [];
const ms = (x: number) => x.toFixed(1).padStart(7);
for (const input of inputs) {
  const path = join(dir, `${input.name.replace(/\W+/g, "-")}.pdf`);
  writeFileSync(path, input.bytes);
  const reps = input.bytes.length > 50 * 1048576 ? 5 : REPS;
  const ours: { wall: number; cpu: number }[] = [];
  const web: { wall: number; cpu: number }[] = [];
  const fresh: Run[] = [];
  const floor: Run[] = [];
  const theirs: Run[] = [];
  // interleaved, so a burst of load on the shared machine hits every row alike
  for (let i = 0; i < reps; i++) {
    ours.push(await runOurs(input.bytes, input.sigs, false));
    web.push(await runOurs(input.bytes, input.sigs, true));
    theirs.push(runPdfsig(path, input.sigs));
    fresh.push(runCli(cli, path, input.sigs));
    floor.push(runFloor(path));
  }
  const memNode = await memoryOf(input.bytes, false);
  const memWeb = await memoryOf(input.bytes, true);
  const p = { wall: median(theirs.map((x) => x.wall)), cpu: median(theirs.map((x) => x.cpu)) };
  const row = (label: string, xs: { wall: number; cpu: number }[], extra: string) => {
    const w = median(xs.map((x) => x.wall));
    const c = median(xs.map((x) => x.cpu));
    return `  ${label.padEnd(30)} wall ${ms(w)} ms (${(p.wall / w).toFixed(2).padStart(5)}x)  cpu ${ms(c)} ms (${(p.cpu / c).toFixed(2).padStart(5)}x)  ${extra}`;
  };
  const rss = (xs: Run[]) => {
    const mb = Math.max(...xs.map((x) => x.rssMb));
    return `peak RSS ${mb.toFixed(0)} MB (${((mb * 1048576) / input.bytes.length).toFixed(2)}x file)`;
  };
  const grow = (b: number) =>
    `heap+buffers +${(b / 1048576).toFixed(1)} MB (${(b / input.bytes.length).toFixed(2)}x file)`;
  lines.push(
    `${input.name} (${(input.bytes.length / 1048576).toFixed(1)} MB)`,
    row("teken in-process, node digest", ours, grow(memNode)),
    row("teken in-process, Web Crypto", web, grow(memWeb)),
    row("teken CLI, fresh process", fresh, rss(fresh)),
    row("node floor (read + SHA-256)", floor, rss(floor)),
    `  ${"pdfsig -nocert -no-ocsp".padEnd(30)} wall ${ms(p.wall)} ms          cpu ${ms(p.cpu)} ms           ${rss(theirs)}`,
  );
  if (input.name.endsWith("signature(s)")) {
    const o = median(ours.map((x) => x.cpu));
    growth.push(
      `${input.sigs}: ${(o / input.sigs).toFixed(2)} ms/sig (pdfsig ${(p.cpu / input.sigs).toFixed(2)})`,
    );
  }
}
console.log(
  `medians of ${REPS} runs (5 at 100 MB); (Nx) = pdfsig time / that row's time, above 1.00x faster than pdfsig`,
);
console.log(lines.join("\n"));
console.log(`in-process CPU per signature (node digest): ${growth.join("; ")}`);
