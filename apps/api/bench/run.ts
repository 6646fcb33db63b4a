/** Throughput, latency percentiles and process CPU time of one batch of jobs. */
export interface RunResult {
  readonly n: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  /** Process CPU (all threads: event loop, libuv pool, WebCrypto) per job, in ms. */
  readonly cpuMs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Runs `task` over `jobs` with `concurrency` workers pulling from one queue. */
export async function run<T>(
  jobs: readonly T[],
  concurrency: number,
  task: (job: T) => Promise<void>,
): Promise<RunResult> {
  const latencies: number[] = [];
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++] as T;
        const t = performance.now();
        await task(job);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return {
    n: jobs.length,
    perSecond: jobs.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuMs: (used.user + used.system) / 1000 / jobs.length,
  };
}

/** One result as a fixed-width line. */
export function describe(label: string, r: RunResult, unit: string): string {
  return `${label.padEnd(34)} n=${String(r.n).padStart(3)}  ${r.perSecond.toFixed(1).padStart(6)} ${unit}/s  p50 ${r.p50.toFixed(0).padStart(6)} ms  p99 ${r.p99.toFixed(0).padStart(6)} ms  cpu ${r.cpuMs.toFixed(0).padStart(4)} ms/op`;
}
