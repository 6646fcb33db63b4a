import { type VerificationReport, concatBytes } from "@teken/pades";
import type { DocumentSource, FromWorker, ToWorker, WidgetLocation, WorkerTiming } from "./worker-protocol";

/** Reports how many bytes of how many have been read. */
export type ProgressListener = (loaded: number, total: number | null) => void;

/** What the page hears while one document is checked. */
export interface VerifyListener {
  /** Bytes read so far (big files only). */
  readonly onProgress?: (loaded: number, total: number) => void;
  /** The file is read; verification has started. */
  readonly onVerifying?: () => void;
}

/** Reads a stream to one buffer, reporting progress per chunk (used for deep-link downloads). */
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
  return concatBytes(chunks);
}

interface Waiting {
  readonly resolve: (m: FromWorker) => void;
  readonly reject: (e: Error) => void;
  readonly listener: VerifyListener;
}

/**
 * The Web Worker running @teken/pades `verify`. The page starts it as soon as its script runs
 * (the worker chunk loads and compiles while the user is still choosing a file) and sends the
 * trust anchors once; each file is then posted as a Blob handle (no copy on the page's
 * thread) or a transferred buffer, and read inside the worker.
 */
export class VerifyClient {
  #worker: Worker | null = null;
  #next = 1;
  #anchors: readonly Uint8Array[] = [];
  readonly #pending = new Map<number, Waiting>();

  #start(): Worker {
    if (this.#worker !== null) return this.#worker;
    const worker = new Worker(new URL("./verify.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.#receive(event.data);
    worker.onerror = (event) => {
      for (const w of this.#pending.values()) w.reject(new Error(event.message || "worker error"));
      this.#pending.clear();
      this.#worker?.terminate();
      this.#worker = null;
    };
    this.#worker = worker;
    // A restarted worker gets the anchors again.
    if (this.#anchors.length > 0) this.#send({ type: "anchors", anchors: copies(this.#anchors) });
    return worker;
  }

  #send(message: ToWorker, transfer: Transferable[] = []): void {
    this.#start().postMessage(message, transfer);
  }

  #receive(m: FromWorker): void {
    const waiting = this.#pending.get(m.id);
    if (waiting === undefined) return;
    if (m.type === "progress") waiting.listener.onProgress?.(m.loaded, m.total);
    else if (m.type === "verifying") waiting.listener.onVerifying?.();
    else {
      this.#pending.delete(m.id);
      if (m.type === "error") waiting.reject(new Error(m.error));
      else waiting.resolve(m);
    }
  }

  #request(
    type: "verify" | "locate",
    source: DocumentSource | Uint8Array,
    listener: VerifyListener,
  ): Promise<FromWorker> {
    const id = this.#next++;
    let payload: DocumentSource;
    let transfer: Transferable[] = [];
    if (source instanceof Blob) payload = source;
    else {
      const bytes = source instanceof ArrayBuffer ? new Uint8Array(source) : source;
      // A buffer is moved to the worker, not copied; a view into a larger buffer is cut out first.
      payload =
        bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
          ? (bytes.buffer as ArrayBuffer)
          : (bytes.slice().buffer as ArrayBuffer);
      transfer = [payload];
    }
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, listener });
      this.#send({ type, id, source: payload }, transfer);
    });
  }

  /** Starts the worker now, so the first file does not wait for its chunk to load and compile. */
  warm(): void {
    this.#start();
  }

  /** Sets the trust anchors (DER) used for every later `verify`; sent to the worker once. */
  setAnchors(anchors: readonly Uint8Array[]): void {
    this.#anchors = anchors;
    this.#send({ type: "anchors", anchors: copies(anchors) });
  }

  /**
   * Verifies a document. A Blob is read inside the worker; a Uint8Array/ArrayBuffer is
   * transferred (the caller's buffer is detached afterwards).
   */
  async verify(
    source: DocumentSource | Uint8Array,
    listener: VerifyListener = {},
  ): Promise<{ report: VerificationReport; timing: WorkerTiming }> {
    const m = await this.#request("verify", source, listener);
    if (m.type !== "report") throw new Error(`unexpected reply ${m.type}`);
    return { report: m.report, timing: m.timing };
  }

  /** The visible signature widgets of a document (page + rectangle), for the page preview. */
  async locateWidgets(source: DocumentSource | Uint8Array): Promise<readonly WidgetLocation[]> {
    const m = await this.#request("locate", source, {});
    if (m.type !== "widgets") throw new Error(`unexpected reply ${m.type}`);
    return m.widgets;
  }
}

function copies(anchors: readonly Uint8Array[]): ArrayBuffer[] {
  return anchors.map((a) => a.slice().buffer as ArrayBuffer);
}
