/** One structured log line; callers pass only non-secret fields (ids, codes, durations). */
export type LogEntry = Readonly<Record<string, string | number | boolean | undefined>>;

/** Writes structured logs. */
export type Logger = (entry: LogEntry) => void;

/** A logger writing one JSON object per line to stdout. */
export const jsonLogger: Logger = (entry) => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
};

/** A logger that drops everything (tests). */
export const silentLogger: Logger = () => {};
