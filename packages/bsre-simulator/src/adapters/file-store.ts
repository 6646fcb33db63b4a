import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SimulatorState } from "../state";
import type { SimulatorStore } from "../store";

/**
 * Persists the state as `state.json` in `dataDir` (written to a temporary file, then renamed,
 * so a crash never leaves half a file). Signed-document bytes and the outbox live in the same file.
 */
export function fileStore(dataDir: string): SimulatorStore {
  const path = join(dataDir, "state.json");
  let queue: Promise<void> = Promise.resolve();
  return {
    async load() {
      try {
        return JSON.parse(await readFile(path, "utf8")) as SimulatorState;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
    save(state) {
      const text = JSON.stringify(state);
      queue = queue.then(async () => {
        await mkdir(dataDir, { recursive: true });
        const tmp = `${path}.${process.pid}.tmp`;
        await writeFile(tmp, text, { mode: 0o600 });
        await rename(tmp, path);
      });
      return queue;
    },
  };
}
