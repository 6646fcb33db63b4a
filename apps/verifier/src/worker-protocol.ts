import type { VerificationReport } from "@teken/pades";

/** Page -> worker: verify these bytes against these anchors (buffers are transferred). */
export interface VerifyRequest {
  readonly id: number;
  readonly pdf: ArrayBuffer;
  readonly anchors: readonly ArrayBuffer[];
}

/** Worker -> page: the report, or an unexpected failure (verify itself never throws for bad input). */
export type VerifyResponse =
  | { readonly id: number; readonly ok: true; readonly report: VerificationReport }
  | { readonly id: number; readonly ok: false; readonly error: string };
