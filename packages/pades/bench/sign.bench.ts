/**
 * Signing benchmark: signs generated 1, 10 and 100 MB PDFs with `signPdf` (PAdES B-B, RSA-2048)
 * and compares wall time and peak memory with a floor measured in the same run — SHA-256 over
 * the file + one RSA-2048 signature + writing the output — then compares the 20th signature on
 * a document with the 1st. The same files are also signed by `@signpdf/signpdf` (pdf-lib
 * placeholder + node-forge P12 signer) and `@libpdf/core` (issue 4's comparison); a tool that
 * fails or runs out of time on a file is printed as FAILED with its reason, never hidden.
 *
 * Method (the same conditions for the floor and for us):
 * - cold: each measurement is one operation in a fresh child process, after the same warm-up (one
 *   signature of a small letter, so modules are loaded and the crypto is initialised); the input
 *   file is read before the clock starts; the output is written inside the timed region. Children
 *   run interleaved — floor, ours, floor, ours, ... — so a change in machine load hits both, and
 *   each figure is the median of the repetitions. Peak = the child's max RSS growth over the
 *   warmed-up baseline, so peak RSS is its own. CPU = user + system time of the child's threads
 *   during the operation (hashing on the thread pool included): on a loaded machine it is far
 *   steadier than wall time, so both are printed.
 * - warm: one child per size that, after one untimed round on the same file, alternates floor and
 *   ours N times in the same process (median of each): a long-running signing service.
 * - the floor hashes with the same primitive as the signer it is compared with: `floor (node)`
 *   uses node:crypto's incremental hash like `ours` (= `teken sign` at B-B: `signPdfParts` + the
 *   node:crypto digester, the input and the update written one after the other); `floor (web)`
 *   uses Web Crypto's one-shot digest like `signPdf` with no digester (browser path).
 * Run: `node --expose-gc --import tsx bench/sign.bench.ts [--no-compare]` (from packages/pades;
 * `pnpm bench` runs it with the comparisons).
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nodeDigester } from "../src/adapters/node";
import { signPdf, signPdfParts } from "../src/sign/sign-pdf";
import { makeBenchPdf } from "./make-pdf";

const fixtures = new URL("../test/fixtures/sign/", import.meta.url).pathname;
const letter = new URL("../test/fixtures/gs-letter.pdf", import.meta.url).pathname;
const self = new URL(import.meta.url).pathname;

async function corpusSigner() {
  const der = (name: string) =>
    new Uint8Array(
      Buffer.from(readFileSync(join(fixtures, name), "utf8").replace(/-----[^-]+-----|\s/g, ""), "base64"),
    );
  const privateKey = await crypto.subtle.importKey(
    "pkcs8",
    der("signer.key"),
    { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return { kind: "local" as const, privateKey, certificate: der("signer.pem"), chain: [der("ca.pem")] };
}

type Mode = "floor-web" | "floor-node" | "sign" | "ours" | "signpdf" | "libpdf";

const P12_PASSWORD = "test1234";

/** One signing operation of a compared library, on bytes in memory (module loading happens on warm-up). */
async function otherSigner(mode: "signpdf" | "libpdf"): Promise<(input: Uint8Array) => Promise<Uint8Array>> {
  if (mode === "signpdf") {
    const { PDFDocument } = await import("pdf-lib");
    const { pdflibAddPlaceholder } = await import("@signpdf/placeholder-pdf-lib");
    const signpdfModule = (await import("@signpdf/signpdf")) as unknown as {
      default: { sign?: unknown; default?: unknown };
    };
    const signpdf = (signpdfModule.default.sign ? signpdfModule.default : signpdfModule.default.default) as {
      sign: (pdf: Buffer, signer: unknown) => Promise<Buffer>;
    };
    const { P12Signer } = await import("@signpdf/signer-p12");
    // node-forge reads the legacy PBE-SHA1-3DES PKCS#12, not the AES one.
    const p12 = readFileSync(join(fixtures, "signer-legacy-3des.p12"));
    return async (input) => {
      // A P12Signer consumes its forge buffer on first use: one per signature.
      const signer = new P12Signer(p12, { passphrase: P12_PASSWORD });
      const doc = await PDFDocument.load(input, { updateMetadata: false });
      pdflibAddPlaceholder({
        pdfDoc: doc,
        reason: "bench",
        contactInfo: "",
        name: "bench",
        location: "",
        subFilter: "ETSI.CAdES.detached",
      });
      // pdf-lib has no incremental save: the whole file is rewritten with the placeholder.
      const prepared = await doc.save({ useObjectStreams: false });
      return new Uint8Array(await signpdf.sign(Buffer.from(prepared), signer));
    };
  }
  const { PDF, P12Signer } = await import("@libpdf/core");
  const signer = await P12Signer.create(readFileSync(join(fixtures, "signer.p12")), P12_PASSWORD);
  return async (input) => {
    const pdf = await PDF.load(input);
    return (await pdf.sign({ signer, reason: "bench" })).bytes;
  };
}

/** Writes buffers one after the other (what `teken sign` does with `signPdfParts`). */
function writeParts(out: string, parts: readonly Uint8Array[]): void {
  const fd = openSync(out, "w");
  try {
    for (const part of parts)
      for (let at = 0; at < part.length; ) at += writeSync(fd, part, at, part.length - at);
  } finally {
    closeSync(fd);
  }
}

type Signer = Awaited<ReturnType<typeof corpusSigner>>;

/** One operation of `mode` on `input`, output written to `out`. */
async function operation(
  mode: Mode,
  signer: Signer,
  other: ((input: Uint8Array) => Promise<Uint8Array>) | undefined,
  input: Uint8Array,
  out: string,
): Promise<void> {
  if (mode === "floor-web") {
    const digest = await crypto.subtle.digest("SHA-256", input as Uint8Array<ArrayBuffer>);
    await crypto.subtle.sign("RSASSA-PKCS1-v1_5", signer.privateKey, digest);
    writeFileSync(out, input);
  } else if (mode === "floor-node") {
    const digest = await nodeDigester([input], "SHA-256");
    await crypto.subtle.sign("RSASSA-PKCS1-v1_5", signer.privateKey, digest as Uint8Array<ArrayBuffer>);
    writeFileSync(out, input);
  } else if (other) {
    writeFileSync(out, await other(input));
  } else if (mode === "ours") {
    writeParts(out, await signPdfParts(input, { signer, digester: nodeDigester }));
  } else {
    writeFileSync(out, await signPdf(input, { signer }));
  }
}

/** Child: one timed operation on `file`, printing `{ ms, peak }` (peak = max RSS growth over the warmed-up baseline). */
async function child(mode: Mode, file: string, out: string): Promise<void> {
  const signer = await corpusSigner();
  const other = mode === "signpdf" || mode === "libpdf" ? await otherSigner(mode) : undefined;
  const small = new Uint8Array(readFileSync(letter));
  // The same warm-up for every mode: load modules, JIT, initialise the crypto (both hashers).
  if (other) await other(small);
  else {
    await signPdf(small, { signer });
    await signPdfParts(small, { signer, digester: nodeDigester });
  }
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  const buf = readFileSync(file);
  const input = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await operation(mode, signer, other, input, out);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1000;
  const peak = process.resourceUsage().maxRSS * 1024 - base;
  console.log(JSON.stringify({ ms, cpu, peak }));
}

/** Child: floor (node) and ours alternately `count` times in one warm process; prints both medians. */
async function warmChild(file: string, out: string, count: number): Promise<void> {
  const signer = await corpusSigner();
  const buf = readFileSync(file);
  const input = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const times: Record<"floor-node" | "ours", number[]> = { "floor-node": [], ours: [] };
  const cpus: Record<"floor-node" | "ours", number[]> = { "floor-node": [], ours: [] };
  for (let k = -1; k < count; k++) {
    for (const mode of ["floor-node", "ours"] as const) {
      (globalThis as { gc?: () => void }).gc?.();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await operation(mode, signer, undefined, input, out);
      const c = process.cpuUsage(c0);
      if (k >= 0) {
        times[mode].push(performance.now() - t0);
        cpus[mode].push((c.user + c.system) / 1000);
      }
    }
  }
  console.log(
    JSON.stringify({
      floor: median(times["floor-node"]),
      ours: median(times.ours),
      floorCpu: median(cpus["floor-node"]),
      oursCpu: median(cpus.ours),
    }),
  );
}

/** A child's last error line (or the signal / time-out), short enough for one table row. */
function failure(r: ReturnType<typeof spawnSync>): string {
  if (r.error) return String(r.error.message).slice(0, 120);
  if (r.signal) return `killed by ${r.signal}`;
  const lines = String(r.stderr ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => /error|heap|memory|invalid|cannot|failed/i.test(l));
  return (lines[0] ?? `exit ${r.status}`).slice(0, 160);
}

/** Runs one measurement in a fresh process; `{ error }` when the child fails or exceeds 10 minutes. */
function runChild(args: readonly string[]): { line: string } | { error: string } {
  const r = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", self, ...args], {
    encoding: "utf8",
    cwd: new URL("..", import.meta.url).pathname,
    timeout: 600_000,
  });
  const line = r.stdout?.trim().split("\n").at(-1) ?? "";
  if (r.status !== 0 || !line.startsWith("{")) return { error: failure(r) };
  return { line };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function row(cells: readonly string[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(22) : c.padStart(11))).join(" ");
}

const labels: Record<Mode, string> = {
  "floor-node": "floor (node hash)",
  "floor-web": "floor (web crypto)",
  ours: "ours (teken sign)",
  sign: "signPdf (web crypto)",
  signpdf: "@signpdf/signpdf",
  libpdf: "@libpdf/core",
};

/** The floor a mode is compared with: the one hashing with the same primitive. */
const floorOf = (mode: Mode): Mode => (mode === "sign" ? "floor-web" : "floor-node");

function pdfsigVerdict(out: string): "valid" | "FAILED" {
  const check = spawnSync("pdfsig", [out], { encoding: "utf8" }).stdout;
  return /Signature is Valid\./.test(check) && /Total document signed/.test(check) ? "valid" : "FAILED";
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "teken-sign-bench-"));
  // `--no-compare` leaves out the other libraries (a quicker run of floor vs ours only).
  const compare = !process.argv.includes("--no-compare");
  const modes: Mode[] = [
    "floor-node",
    "ours",
    "floor-web",
    "sign",
    ...(compare ? (["signpdf", "libpdf"] as const) : []),
  ];
  try {
    console.log(
      "floor = SHA-256 over the file + one RSA-2048 signature + writing the output (same run, same hasher)",
    );
    console.log(
      "ours = signPdfParts + node:crypto digester, parts written in turn (what `teken sign` runs at B-B)",
    );
    console.log(
      "cold: one operation per fresh process, children interleaved, median; warm: alternated in one process",
    );
    console.log(
      row([
        "case",
        "ms",
        "x floor",
        "cpu ms",
        "cpu x floor",
        "peak MB",
        "peak/file",
        "peak/floor",
        "ms/ours",
        "peak/ours",
        "pdfsig",
      ]),
    );
    for (const mb of [1, 10, 100]) {
      const file = join(dir, `in-${mb}.pdf`);
      const bytes = makeBenchPdf(mb * 1024 * 1024, { seed: 7, letters: true });
      writeFileSync(file, bytes);
      const runs = mb === 100 ? 3 : 5;
      // The compared libraries are slow on big files: fewer repetitions keep the run bounded.
      const repsOf = (mode: Mode) => (mode === "signpdf" || mode === "libpdf" ? (mb === 100 ? 1 : 3) : runs);
      const results = new Map<Mode, { ms: number; cpu: number; peak: number }[]>(modes.map((m) => [m, []]));
      const errors = new Map<Mode, string>();
      const verdicts = new Map<Mode, string>();
      for (let k = 0; k < runs; k++) {
        for (const mode of modes) {
          if (k >= repsOf(mode) || errors.has(mode)) continue;
          const out = join(dir, `${mode}.pdf`);
          const r = runChild(["--child", mode, file, out]);
          if ("error" in r) errors.set(mode, r.error);
          else {
            results.get(mode)?.push(JSON.parse(r.line) as { ms: number; cpu: number; peak: number });
            if (k === 0 && !mode.startsWith("floor")) verdicts.set(mode, pdfsigVerdict(out));
          }
        }
      }
      const summary = new Map<Mode, { ms: number; cpu: number; peak: number }>();
      for (const mode of modes) {
        const rs = results.get(mode) ?? [];
        if (rs.length > 0)
          summary.set(mode, {
            ms: median(rs.map((r) => r.ms)),
            cpu: median(rs.map((r) => r.cpu)),
            peak: median(rs.map((r) => r.peak)) / 1e6,
          });
      }
      const ours = summary.get("ours");
      for (const mode of modes) {
        const label = `${mb} MB ${labels[mode]}`;
        const error = errors.get(mode);
        const m = summary.get(mode);
        if (error !== undefined || !m) {
          console.log(`${row([label, "FAILED"])}  ${error ?? ""}`);
          // A compared library failing is a result; our signer or the floor failing fails the bench.
          if (mode !== "signpdf" && mode !== "libpdf") process.exitCode = 1;
          continue;
        }
        const floor = summary.get(floorOf(mode));
        const isFloor = mode.startsWith("floor");
        const versusOurs = mode === "signpdf" || mode === "libpdf";
        const valid = isFloor ? "-" : (verdicts.get(mode) ?? "FAILED");
        if (valid === "FAILED" && !versusOurs) process.exitCode = 1;
        console.log(
          row([
            label,
            m.ms.toFixed(1),
            isFloor ? "-" : (m.ms / (floor?.ms ?? 1)).toFixed(2),
            m.cpu.toFixed(1),
            isFloor ? "-" : (m.cpu / (floor?.cpu ?? 1)).toFixed(2),
            m.peak.toFixed(1),
            (m.peak / (bytes.length / 1e6)).toFixed(2),
            isFloor ? "-" : (m.peak / Math.max(floor?.peak ?? 0, 0.1)).toFixed(2),
            versusOurs && ours ? (m.ms / ours.ms).toFixed(2) : "-",
            versusOurs && ours ? (m.peak / Math.max(ours.peak, 0.1)).toFixed(2) : "-",
            valid,
          ]),
        );
      }
      const warm = runChild(["--warm", file, join(dir, "warm.pdf"), String(mb === 100 ? 5 : 9)]);
      if ("error" in warm) {
        console.log(`${row([`${mb} MB warm`, "FAILED"])}  ${warm.error}`);
        process.exitCode = 1;
      } else {
        const w = JSON.parse(warm.line) as { floor: number; ours: number; floorCpu: number; oursCpu: number };
        console.log(
          `${mb} MB warm (same process, alternated, median): floor (node hash) ${w.floor.toFixed(1)} ms, ours ${w.ours.toFixed(1)} ms, x floor ${(w.ours / w.floor).toFixed(2)}; cpu ${w.floorCpu.toFixed(1)} vs ${w.oursCpu.toFixed(1)} ms, x floor ${(w.oursCpu / w.floorCpu).toFixed(2)}`,
        );
      }
    }
    const signer = await corpusSigner();
    await signPdf(readFileSync(letter), { signer }); // warm-up
    let pdf = makeBenchPdf(10 * 1024 * 1024, { seed: 7, letters: true });
    const times: number[] = [];
    for (let n = 0; n < 20; n++) {
      const t0 = performance.now();
      pdf = await signPdf(pdf, { signer, digester: nodeDigester });
      times.push(performance.now() - t0);
    }
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const head = avg(times.slice(0, 3));
    const tail = avg(times.slice(17, 20));
    console.log(
      `20 successive signatures on 10 MB (signPdf + node hash, in memory): 1st ${times[0]?.toFixed(1)} ms, 20th ${times[19]?.toFixed(1)} ms; mean of 1-3 ${head.toFixed(1)} ms, of 18-20 ${tail.toFixed(1)} ms, ratio ${(tail / head).toFixed(2)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const i = process.argv.indexOf("--child");
const w = process.argv.indexOf("--warm");
if (i >= 0) await child(process.argv[i + 1] as Mode, process.argv[i + 2] ?? "", process.argv[i + 3] ?? "");
else if (w >= 0)
  await warmChild(process.argv[w + 1] ?? "", process.argv[w + 2] ?? "", Number(process.argv[w + 3] ?? 5));
else await main();
