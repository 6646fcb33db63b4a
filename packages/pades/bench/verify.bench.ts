/**
 * Verification benchmark against poppler's `pdfsig` on the same files in the same run:
 * a 10 MB file with 1 signature, a file with 20 signatures, a 100 MB file with 1 signature.
 * Run: node --expose-gc --conditions=source --import tsx bench/verify.bench.ts
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verify } from "../src/verify/index";
import { appendUpdate, nextObjectNumber } from "../src/verify/testing/incremental";
import { createTestPki } from "../src/verify/testing/test-pki";
import { testSign } from "../src/verify/testing/test-signer";

const base = new Uint8Array(readFileSync(new URL("../test/fixtures/verify/gs-letter.pdf", import.meta.url)));
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
  let twenty: Uint8Array = base;
  for (let i = 1; i <= 20; i++) twenty = await testSign(twenty, { ...signOpts, fieldName: `S${i}` });
  const hundred = await testSign(padded(100), { ...signOpts, fieldName: "S1" });
  return [
    { name: "10 MB, 1 signature", bytes: ten, sigs: 1 },
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
for (const input of await build()) {
  const path = join(dir, `${input.name.replace(/\W+/g, "-")}.pdf`);
  writeFileSync(path, input.bytes);
  const ours: number[] = [];
  let peak = 0;
  for (let i = 0; i < 3; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage();
    const t = performance.now();
    const report = await verify(input.bytes, {
      trustAnchors: [pki.root.certificate],
      requireRevocation: false,
    });
    ours.push(performance.now() - t);
    const after = process.memoryUsage();
    peak = Math.max(peak, after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers));
    if (report.verdict !== "TOTAL_PASSED" || report.signatures.length !== input.sigs)
      throw new Error(`unexpected verdict ${report.verdict}`);
  }
  const theirs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const out = execFileSync("pdfsig", ["-nocert", "-no-ocsp", path], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    theirs.push(performance.now() - t);
    if ((out.match(/Signature is Valid/g) ?? []).length !== input.sigs) throw new Error("pdfsig disagrees");
  }
  rows.push(
    `${input.name.padEnd(22)} ${(input.bytes.length / 1048576).toFixed(1).padStart(6)} MB  teken ${median(ours).toFixed(0).padStart(6)} ms  pdfsig ${median(theirs).toFixed(0).padStart(6)} ms  extra memory ${(peak / 1048576).toFixed(0)} MB (file ${(input.bytes.length / 1048576).toFixed(0)} MB)`,
  );
}
console.log(rows.join("\n"));
