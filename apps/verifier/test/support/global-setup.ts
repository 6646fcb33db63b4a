// Builds the app once (Vite JS API, default development anchors) and writes the generated
// signed letters, for every test file of this run.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "vite";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The built app (vite build output). */
    distDir: string;
    /** Generated files: the names in GENERATED plus `test-root.pem`. */
    generatedDir: string;
  }
}

const appRoot = new URL("../../", import.meta.url).pathname;

/** Builds the app into `outDir` with the given TEKEN_VERIFIER_ANCHORS (undefined: dev anchors). */
export async function buildApp(outDir: string, anchors?: string): Promise<void> {
  const saved = process.env.TEKEN_VERIFIER_ANCHORS;
  if (anchors === undefined) delete process.env.TEKEN_VERIFIER_ANCHORS;
  else process.env.TEKEN_VERIFIER_ANCHORS = anchors;
  try {
    await build({
      configFile: join(appRoot, "vite.config.ts"),
      logLevel: "warn",
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (saved === undefined) delete process.env.TEKEN_VERIFIER_ANCHORS;
    else process.env.TEKEN_VERIFIER_ANCHORS = saved;
  }
}

/**
 * Writes the generated fixtures into `dir` (in a child Node process: @teken/ca and
 * @teken/pades resolve to source there through the `source` condition).
 */
export function writeGenerated(dir: string): void {
  execFileSync(
    process.execPath,
    ["--conditions=source", "--import", "tsx", join(appRoot, "test/support/generate.ts"), dir],
    {
      cwd: appRoot,
      stdio: "inherit",
    },
  );
}

export default async function setup(project: TestProject): Promise<() => void> {
  const work = mkdtempSync(join(tmpdir(), "teken-verifier-"));
  const distDir = join(work, "dist");
  const generatedDir = join(work, "generated");
  await buildApp(distDir);
  mkdirSync(generatedDir);
  writeGenerated(generatedDir);
  project.provide("distDir", distDir);
  project.provide("generatedDir", generatedDir);
  return () => rmSync(work, { recursive: true, force: true });
}
