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
export function judge(failures: readonly Failure[]): {
  indication: Indication;
  sub: SubIndication | null;
  ordered: readonly Failure[];
} {
  const decider = failures.find((f) => f.indication === "TOTAL_FAILED") ?? failures[0];
  if (decider === undefined) return { indication: "TOTAL_PASSED", sub: null, ordered: [] };
  // The deciding finding comes first; the others keep their order.
  return {
    indication: decider.indication,
    sub: decider.sub,
    ordered: [decider, ...failures.filter((f) => f !== decider)],
  };
}
