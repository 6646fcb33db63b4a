import type { SimulatorState } from "./state";

/** Where the simulator keeps its state between restarts. */
export interface SimulatorStore {
  /** The saved state, or undefined when nothing was saved yet. */
  load(): Promise<SimulatorState | undefined>;
  /** Saves the whole state (called after every change). */
  save(state: SimulatorState): Promise<void>;
}

/** A store that keeps the state in memory only (the default); `initial` seeds it (e.g. a shared CA in tests). */
export function memoryStore(initial?: SimulatorState): SimulatorStore {
  let saved: string | undefined = initial === undefined ? undefined : JSON.stringify(initial);
  return {
    async load() {
      return saved === undefined ? undefined : (JSON.parse(saved) as SimulatorState);
    },
    async save(state) {
      saved = JSON.stringify(state);
    },
  };
}
