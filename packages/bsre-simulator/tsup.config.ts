import { defineConfig } from "tsup";

export default defineConfig({
  // The sign worker is its own entry: threadSigner starts it as dist/sign-worker.js.
  entry: { index: "src/index.ts", "sign-worker": "src/adapters/sign-worker.ts" },
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
  platform: "node",
});
