/** Latency buckets in seconds for the request histogram. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

/** In-process Prometheus metrics: request latency histogram, signatures, failures by code. */
export class Metrics {
  private readonly latency = new Map<string, Histogram>();
  private readonly failures = new Map<string, number>();
  private signatures = 0;

  /** Records one request's duration under its method, route pattern and status. */
  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `method="${method}",route="${escapeLabel(route)}",status="${status}"`;
    let h = this.latency.get(key);
    if (!h) {
      h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.latency.set(key, h);
    }
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) h.counts[i] = (h.counts[i] ?? 0) + 1;
    });
    h.sum += seconds;
    h.count += 1;
  }

  /** Counts one completed signature. */
  signature(): void {
    this.signatures += 1;
  }

  /** Counts one failed answer by its stable code. */
  failure(code: string): void {
    this.failures.set(code, (this.failures.get(code) ?? 0) + 1);
  }

  /** The Prometheus text exposition format (version 0.0.4). */
  render(): string {
    const lines: string[] = [
      "# HELP teken_http_request_duration_seconds HTTP request latency.",
      "# TYPE teken_http_request_duration_seconds histogram",
    ];
    for (const [labels, h] of this.latency) {
      BUCKETS.forEach((b, i) => {
        lines.push(`teken_http_request_duration_seconds_bucket{${labels},le="${b}"} ${h.counts[i] ?? 0}`);
      });
      lines.push(`teken_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${h.count}`);
      lines.push(`teken_http_request_duration_seconds_sum{${labels}} ${h.sum}`);
      lines.push(`teken_http_request_duration_seconds_count{${labels}} ${h.count}`);
    }
    lines.push(
      "# HELP teken_signatures_total Completed signing steps.",
      "# TYPE teken_signatures_total counter",
    );
    lines.push(`teken_signatures_total ${this.signatures}`);
    lines.push(
      "# HELP teken_failures_total Failed answers by stable code.",
      "# TYPE teken_failures_total counter",
    );
    for (const [code, n] of this.failures)
      lines.push(`teken_failures_total{code="${escapeLabel(code)}"} ${n}`);
    return `${lines.join("\n")}\n`;
  }
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
