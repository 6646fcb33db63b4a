import { mergeConfig } from "vitest/config";
import { tekenVitestConfig } from "../../vitest.shared";

// End-to-end files build the app once (global setup) and drive Chromium: generous timeouts,
// one file at a time so two cores are enough.
export default mergeConfig(tekenVitestConfig({ testTimeout: 180_000, fileParallelism: false }), {
  test: { globalSetup: ["test/support/global-setup.ts"], hookTimeout: 180_000 },
});
