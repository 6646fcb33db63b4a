#!/usr/bin/env node
// Fails when a runtime-neutral package (package.json "teken": { "runtimeNeutral": true })
// imports a Node built-in from shipped source outside an `adapters/` folder. Tests may use
// Node (they drive openssl, pdfsig, ...); shipped code must run in a browser unchanged.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const builtins = new Set(builtinModules.flatMap((m) => [m, m.split("/")[0]]));
const importRe =
  /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|require\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm;

/** Yields the shipped TypeScript files below `dir` (tests and adapters excluded). */
function* shippedFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name === "adapters" || name === "node_modules" || name === "__fixtures__") continue;
      yield* shippedFiles(path);
    } else if (/\.(ts|tsx|mts|js|mjs)$/.test(name) && !/\.(test|spec|bench)\.[mc]?[tj]sx?$/.test(name)) {
      yield path;
    }
  }
}

/** True when a module specifier names a Node built-in. */
export function isNodeBuiltin(spec) {
  return spec.startsWith("node:") || builtins.has(spec) || builtins.has(spec.split("/")[0]);
}

const problems = [];
let checked = 0;
for (const group of ["packages", "apps"]) {
  let names = [];
  try {
    names = readdirSync(join(root, group));
  } catch {
    continue;
  }
  for (const name of names) {
    const pkgDir = join(root, group, name);
    let pkg;
    try {
      pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
    } catch {
      continue;
    }
    if (!pkg.teken?.runtimeNeutral) continue;
    checked++;
    for (const file of shippedFiles(join(pkgDir, "src"))) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(importRe)) {
        const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
        if (spec && isNodeBuiltin(spec)) {
          const line = text.slice(0, m.index).split("\n").length;
          problems.push(
            `${relative(root, file)}:${line}: imports Node built-in "${spec}" (${pkg.name} is runtime-neutral; move it under adapters/)`,
          );
        }
      }
    }
  }
}
if (problems.length > 0) {
  console.error(problems.join("\n"));
  console.error(`check-runtime-neutral: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`check-runtime-neutral: ${checked} runtime-neutral package(s) clean`);
