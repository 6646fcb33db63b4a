import type { VerificationReport } from "@teken/pades";

/** Files up to this size are read in one call (fastest); bigger ones as a stream, with progress. */
export const STREAM_FROM = 32 * 1024 * 1024;

/** Where a document's bytes come from: a picked File/Blob (cloned as a handle, no copy) or a transferred buffer. */
export type DocumentSource = Blob | ArrayBuffer;

/** A visible signature widget: the field it belongs to, its 0-based page and `/Rect` (normalised x1<x2, y1<y2). */
export interface WidgetLocation {
  readonly fieldName: string;
  readonly page: number;
  readonly rect: readonly [number, number, number, number];
}

/** Times (ms since the Unix epoch, `performance.timeOrigin + now()`) the worker saw while verifying. */
export interface WorkerTiming {
  readonly received: number;
  readonly read: number;
  readonly verified: number;
}

/** Page -> worker messages. */
export type ToWorker =
  /** The trust anchors (DER), sent once and again only when they change. */
  | { readonly type: "anchors"; readonly anchors: readonly ArrayBuffer[] }
  /** Verify a document against the current anchors. */
  | { readonly type: "verify"; readonly id: number; readonly source: DocumentSource }
  /** Find the visible signature widgets of a document (for the page preview). */
  | { readonly type: "locate"; readonly id: number; readonly source: DocumentSource };

/** Worker -> page messages. */
export type FromWorker =
  | { readonly type: "progress"; readonly id: number; readonly loaded: number; readonly total: number }
  | { readonly type: "verifying"; readonly id: number }
  | {
      readonly type: "report";
      readonly id: number;
      readonly report: VerificationReport;
      readonly timing: WorkerTiming;
    }
  | { readonly type: "widgets"; readonly id: number; readonly widgets: readonly WidgetLocation[] }
  /** An unexpected failure (verify itself never throws for bad input). */
  | { readonly type: "error"; readonly id: number; readonly error: string };
