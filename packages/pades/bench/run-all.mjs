// Runs every benchmark of @teken/pades in turn, each in its own Node process
// (`node --conditions=source --expose-gc --import tsx <file>`), and exits non-zero when one fails.
// `pnpm bench` (here, or from the root through turbo) runs this; pass file names to run only those.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const all = ["read-write.bench.ts", "sign.bench.ts", "ltv.bench.ts", "verify.bench.ts"];
const wanted = process.argv.slice(2);
const files = (wanted.length > 0 ? wanted : all).filter((f) => existsSync(new URL(f, import.meta.url)));
const failed = [];
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ["--conditions=source", "--expose-gc", "--import", "tsx", file], {
    cwd: here,
    stdio: "inherit",
  });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status === 0) console.log(`=== ${file}: ok (${seconds} s) ===`);
  else {
    failed.push(file);
    console.log(`=== ${file}: FAILED (${r.signal ?? `exit ${r.status}`}, ${seconds} s) ===`);
  }
}
if (files.length === 0) {
  console.error("no benchmark files found");
  process.exit(1);
}
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(", ")}`);
  process.exit(1);
}
