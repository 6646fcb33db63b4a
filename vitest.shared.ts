import { defineConfig } from "vitest/config";

/**
 * The vitest configuration every package extends: workspace packages resolve each other's
 * `.ts` source through the `source` export condition, and every run writes a JSON summary
 * (`test-results.json`) that `.ci/run` adds up.
 */
export function tekenVitestConfig(overrides: { testTimeout?: number; fileParallelism?: boolean } = {}) {
  return defineConfig({
    resolve: { conditions: ["source"] },
    ssr: { resolve: { conditions: ["source"] } },
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      reporters: ["default", "json"],
      outputFile: { json: "./test-results.json" },
      testTimeout: overrides.testTimeout ?? 20_000,
      fileParallelism: overrides.fileParallelism ?? true,
    },
  });
}
