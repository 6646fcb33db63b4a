import type { VerificationReport } from "@teken/pades";
import type { VerifyRequest, VerifyResponse } from "./worker-protocol";

/** Reports how many bytes of how many have been read. */
export type ProgressListener = (loaded: number, total: number | null) => void;

/** Reads a stream to one buffer, reporting progress per chunk. */
export async function readWithProgress(
  stream: ReadableStream<Uint8Array>,
  total: number | null,
  onProgress: ProgressListener,
): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onProgress(loaded, total);
  }
  const out = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A Web Worker running @teken/pades `verify`, started on first use (its chunk loads lazily). */
export class VerifyClient {
  #worker: Worker | null = null;
  #next = 1;
  readonly #pending = new Map<
    number,
    { resolve: (r: VerificationReport) => void; reject: (e: Error) => void }
  >();

  #start(): Worker {
    if (this.#worker !== null) return this.#worker;
    const worker = new Worker(new URL("./verify.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<VerifyResponse>) => {
      const waiting = this.#pending.get(event.data.id);
      if (waiting === undefined) return;
      this.#pending.delete(event.data.id);
      if (event.data.ok) waiting.resolve(event.data.report);
      else waiting.reject(new Error(event.data.error));
    };
    worker.onerror = (event) => {
      for (const w of this.#pending.values()) w.reject(new Error(event.message || "worker error"));
      this.#pending.clear();
      this.#worker?.terminate();
      this.#worker = null;
    };
    this.#worker = worker;
    return worker;
  }

  /** Starts the worker now (the page calls this when idle, so a first file does not wait for the chunk). */
  warm(): void {
    this.#start();
  }

  /** Verifies `pdf` (its buffer is handed over to the worker) against the anchors' DER bytes. */
  verify(pdf: Uint8Array, anchors: readonly Uint8Array[]): Promise<VerificationReport> {
    const worker = this.#start();
    const id = this.#next++;
    const buffer =
      pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength ? pdf.buffer : pdf.slice().buffer;
    const request: VerifyRequest = {
      id,
      pdf: buffer as ArrayBuffer,
      anchors: anchors.map((a) => a.slice().buffer as ArrayBuffer),
    };
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage(request, [request.pdf]);
    });
  }
}
