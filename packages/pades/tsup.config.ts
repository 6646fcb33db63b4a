import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", "verify/index": "src/verify/index.ts", node: "src/adapters/node.ts" },
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
  platform: "neutral",
});
