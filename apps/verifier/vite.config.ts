import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { defaultClientConditions, defineConfig } from "vite";

const here = new URL(".", import.meta.url).pathname;

/** The bundled trust anchors and whether they are the development (test) roots. */
export interface BundledAnchors {
  readonly pem: string;
  readonly development: boolean;
}

/**
 * Reads the trust anchors to bundle: the PEM files named (comma-separated) by
 * TEKEN_VERIFIER_ANCHORS at build time, else the development root in `anchors/`.
 */
export function bundledAnchors(env: NodeJS.ProcessEnv = process.env): BundledAnchors {
  const list = env.TEKEN_VERIFIER_ANCHORS?.trim();
  const files =
    list === undefined || list === ""
      ? [resolve(here, "anchors/dev-corpus-root.pem")]
      : list.split(",").map((f) => resolve(process.cwd(), f.trim()));
  return {
    pem: files.map((f) => readFileSync(f, "utf8")).join("\n"),
    development: list === undefined || list === "",
  };
}

export default defineConfig(() => {
  const anchors = bundledAnchors();
  return {
    root: here,
    base: "./",
    resolve: { conditions: ["source", ...defaultClientConditions] },
    worker: { format: "es" as const },
    define: {
      __TEKEN_BUNDLED_ANCHORS__: JSON.stringify(anchors.pem),
      __TEKEN_DEV_ANCHORS__: JSON.stringify(anchors.development),
    },
    build: {
      outDir: "dist",
      emptyOutDir: true,
      target: "es2022",
      sourcemap: false,
      rollupOptions: {
        output: {
          // pdf.js' worker ships as .mjs; served as .js it gets a JavaScript type from any web server.
          assetFileNames: (asset: { readonly names?: readonly string[] }) =>
            asset.names?.some((n) => n.endsWith(".mjs"))
              ? "assets/[name]-[hash].js"
              : "assets/[name]-[hash][extname]",
        },
      },
    },
  };
});
