import type { VerificationReport } from "../src/verify/index";

/** The outcome of one fuzz case. */
export interface FuzzOutcome {
  readonly label: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly problem: string | null;
}

/** Runs `verify` on one mutated file: it must resolve to a versioned report within `maxMs`. */
export async function fuzzOne(
  verify: (b: Uint8Array) => Promise<VerificationReport>,
  bytes: Uint8Array,
  label: string,
  maxMs = 2000,
): Promise<FuzzOutcome> {
  const t = performance.now();
  try {
    const r = await verify(bytes);
    const ms = performance.now() - t;
    const shapeOk =
      r.version === "teken.verify/1" && Array.isArray(r.signatures) && JSON.stringify(r).length > 0;
    if (!shapeOk) return { label, ok: false, ms, problem: "report has the wrong shape" };
    if (ms > maxMs) return { label, ok: false, ms, problem: `took ${ms.toFixed(0)} ms` };
    return { label, ok: true, ms, problem: null };
  } catch (error) {
    return {
      label,
      ok: false,
      ms: performance.now() - t,
      problem: `threw ${(error as Error)?.stack ?? String(error)}`,
    };
  }
}
