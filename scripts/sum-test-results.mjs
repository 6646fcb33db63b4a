#!/usr/bin/env node
// Adds up every package's vitest JSON report and prints the closing line CI reads:
// "N passed, N failed". Exits non-zero when a test failed, a package ran no test, or none ran.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
const empty = [];
for (const group of ["packages", "apps"]) {
  if (!existsSync(join(root, group))) continue;
  for (const name of readdirSync(join(root, group))) {
    const dir = join(root, group, name);
    if (!existsSync(join(dir, "package.json"))) continue;
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    if (!pkg.scripts?.test) continue;
    const file = join(dir, "test-results.json");
    if (!existsSync(file)) {
      empty.push(`${pkg.name} (no report)`);
      failed++;
      continue;
    }
    const r = JSON.parse(readFileSync(file, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + r.numTodoTests;
    if (r.numTotalTests === 0) empty.push(`${pkg.name} (ran no test)`);
    console.log(
      `${pkg.name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`,
    );
  }
}
if (empty.length > 0) console.log(`packages without results: ${empty.join(", ")}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
// In CI a skipped test is a failing test: it proves nothing.
const skippedFails = process.env.CI === "true" && skipped > 0;
if (skippedFails) console.log(`${skipped} skipped test(s) count as failures in CI`);
process.exit(failed > 0 || passed === 0 || empty.length > 0 || skippedFails ? 1 : 0);
