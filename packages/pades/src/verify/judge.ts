import type { Finding, Indication, ReasonCode, SubIndication } from "./report";

/** One failed check: its indication, sub-indication and reason. */
export interface Failure {
  readonly indication: "TOTAL_FAILED" | "INDETERMINATE";
  readonly sub: SubIndication;
  readonly reason: Finding<ReasonCode>;
}

/**
 * Combines failures into one verdict (EN 319 102-1 §5.1.3): any TOTAL_FAILED wins over
 * INDETERMINATE; within a class the first recorded (the earlier check) wins.
 */
export function judge(failures: readonly Failure[]): { indication: Indication; sub: SubIndication | null } {
  const fail = failures.find((f) => f.indication === "TOTAL_FAILED");
  if (fail !== undefined) return { indication: "TOTAL_FAILED", sub: fail.sub };
  const ind = failures[0];
  if (ind !== undefined) return { indication: "INDETERMINATE", sub: ind.sub };
  return { indication: "TOTAL_PASSED", sub: null };
}
