/**
 * Signing benchmark: signs generated 1, 10 and 100 MB PDFs with `signPdf` (PAdES B-B, RSA-2048)
 * and compares wall time and peak memory with a floor measured in the same run — SHA-256 over
 * the file + one RSA-2048 signature + writing the output — then compares the 20th signature on
 * a document with the 1st. The same files are also signed by `@signpdf/signpdf` (pdf-lib
 * placeholder + node-forge P12 signer) and `@libpdf/core` (issue 4's comparison); a tool that
 * fails or runs out of time on a file is printed as FAILED with its reason, never hidden.
 * Each measurement runs in its own child process so peak RSS is its own.
 * Run: `node --expose-gc --import tsx bench/sign.bench.ts` (from packages/pades; `pnpm bench` runs it).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signPdf } from "../src/sign/sign-pdf";
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

type Mode = "floor" | "sign" | "sign-node" | "signpdf" | "libpdf";

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

/** The node:crypto incremental digester a Node caller (the CLI) passes to `signPdf`. */
async function nodeDigester(parts: readonly Uint8Array[], algorithm: string): Promise<Uint8Array> {
  const hash = createHash(algorithm.replace("-", "").toLowerCase());
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

/** Child: one timed operation on `file`, printing `{ ms, peak }` (peak = max RSS growth over the warmed-up baseline). */
async function child(mode: Mode, file: string, out: string): Promise<void> {
  const signer = await corpusSigner();
  const other = mode === "signpdf" || mode === "libpdf" ? await otherSigner(mode) : undefined;
  const small = new Uint8Array(readFileSync(letter));
  // warm-up: load modules, JIT
  if (other) await other(small);
  else await signPdf(small, { signer });
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  const buf = readFileSync(file);
  const input = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const t0 = performance.now();
  if (mode === "floor") {
    const digest = await crypto.subtle.digest("SHA-256", input);
    await crypto.subtle.sign("RSASSA-PKCS1-v1_5", signer.privateKey, digest);
    writeFileSync(out, input);
  } else if (other) {
    writeFileSync(out, await other(input));
  } else {
    writeFileSync(
      out,
      await signPdf(input, { signer, digester: mode === "sign-node" ? nodeDigester : undefined }),
    );
  }
  const ms = performance.now() - t0;
  const peak = process.resourceUsage().maxRSS * 1024 - base;
  console.log(JSON.stringify({ ms, peak }));
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
function runChild(mode: Mode, file: string, out: string): { ms: number; peak: number } | { error: string } {
  const r = spawnSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", self, "--child", mode, file, out],
    { encoding: "utf8", cwd: new URL("..", import.meta.url).pathname, timeout: 600_000 },
  );
  const line = r.stdout?.trim().split("\n").at(-1) ?? "";
  if (r.status !== 0 || !line.startsWith("{")) return { error: failure(r) };
  return JSON.parse(line) as { ms: number; peak: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function row(cells: readonly string[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(20) : c.padStart(11))).join(" ");
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "teken-sign-bench-"));
  try {
    console.log("floor = SHA-256 over the file + one RSA-2048 signature + writing the output (same run)");
    console.log("ours = signPdf with the node:crypto digester (what `teken sign` runs)");
    console.log(
      row(["case", "ms", "x floor", "peak MB", "peak/file", "peak/floor", "ms/ours", "peak/ours", "pdfsig"]),
    );
    for (const mb of [1, 10, 100]) {
      const file = join(dir, `in-${mb}.pdf`);
      const bytes = makeBenchPdf(mb * 1024 * 1024, { seed: 7, letters: true });
      writeFileSync(file, bytes);
      const runs = mb === 100 ? 3 : 5;
      let floorMs = 1;
      let floorPeak = 1;
      let oursMs = 1;
      let oursPeak = 1;
      for (const mode of ["floor", "sign", "sign-node", "signpdf", "libpdf"] as const) {
        const out = join(dir, `${mode}.pdf`);
        const label = `${mb} MB ${mode === "sign-node" ? "sign+node hash" : mode}`;
        // The compared libraries are slow on big files: fewer repetitions keep the run bounded.
        const count = mode === "signpdf" || mode === "libpdf" ? (mb === 100 ? 1 : 3) : runs;
        const results: { ms: number; peak: number }[] = [];
        let error: string | undefined;
        for (let k = 0; k < count && error === undefined; k++) {
          const r = runChild(mode, file, out);
          if ("error" in r) error = r.error;
          else results.push(r);
        }
        if (error !== undefined) {
          console.log(`${row([label, "FAILED"])}  ${error}`);
          // A compared library failing is a result; our signer or the floor failing fails the bench.
          if (mode !== "signpdf" && mode !== "libpdf") process.exitCode = 1;
          continue;
        }
        const ms = median(results.map((r) => r.ms));
        const peak = median(results.map((r) => r.peak)) / 1e6;
        if (mode === "floor") {
          floorMs = ms;
          floorPeak = peak;
        }
        if (mode === "sign-node") {
          oursMs = ms;
          oursPeak = peak;
        }
        const check = mode === "floor" ? "" : spawnSync("pdfsig", [out], { encoding: "utf8" }).stdout;
        const valid =
          mode === "floor"
            ? "-"
            : /Signature is Valid\./.test(check) && /Total document signed/.test(check)
              ? "valid"
              : "FAILED";
        const versusOurs = mode === "signpdf" || mode === "libpdf";
        if (valid === "FAILED" && !versusOurs) process.exitCode = 1;
        console.log(
          row([
            label,
            ms.toFixed(1),
            (ms / floorMs).toFixed(2),
            peak.toFixed(1),
            (peak / (bytes.length / 1e6)).toFixed(2),
            (peak / Math.max(floorPeak, 0.1)).toFixed(2),
            versusOurs ? (ms / oursMs).toFixed(2) : "-",
            versusOurs ? (peak / Math.max(oursPeak, 0.1)).toFixed(2) : "-",
            valid,
          ]),
        );
      }
    }
    const signer = await corpusSigner();
    await signPdf(readFileSync(letter), { signer }); // warm-up
    let pdf = makeBenchPdf(10 * 1024 * 1024, { seed: 7, letters: true });
    const times: number[] = [];
    for (let n = 0; n < 20; n++) {
      const t0 = performance.now();
      pdf = await signPdf(pdf, { signer });
      times.push(performance.now() - t0);
    }
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const head = avg(times.slice(0, 3));
    const tail = avg(times.slice(17, 20));
    console.log(
      `20 successive signatures on 10 MB: 1st ${times[0]?.toFixed(1)} ms, 20th ${times[19]?.toFixed(1)} ms; mean of 1-3 ${head.toFixed(1)} ms, of 18-20 ${tail.toFixed(1)} ms, ratio ${(tail / head).toFixed(2)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const i = process.argv.indexOf("--child");
if (i >= 0) await child(process.argv[i + 1] as Mode, process.argv[i + 2] ?? "", process.argv[i + 3] ?? "");
else await main();
