import { Worker, type WorkerOptions } from "node:worker_threads";
import type { PadesLevel } from "@teken/pades";
import { fault } from "../faults";
import { type PkiServices, pkiFetch } from "../pades-adapter";
import type { SimulatorSignRequest, SimulatorSigner } from "../signer-port";

/** Messages from the parent to a sign worker. */
export type ToWorker =
  | { readonly kind: "sign"; readonly id: number; readonly request: SimulatorSignRequest }
  | {
      readonly kind: "fetched";
      readonly id: number;
      readonly status: number;
      readonly headers: Record<string, string>;
      readonly body: ArrayBuffer;
    }
  | { readonly kind: "revoked" };

/** Messages from a sign worker to the parent. */
export type FromWorker =
  | {
      readonly kind: "fetch";
      readonly id: number;
      readonly url: string;
      readonly method: string;
      readonly headers: Record<string, string>;
      readonly body?: ArrayBuffer;
    }
  | { readonly kind: "signed"; readonly id: number; readonly pdf: Uint8Array }
  | { readonly kind: "failed"; readonly id: number; readonly refusal?: string; readonly message?: string };

/** Options of {@link threadSigner}. */
export interface ThreadSignerOptions {
  /** Worker threads (default 1: with the event loop that makes two busy cores). */
  readonly threads?: number;
  readonly level: PadesLevel;
  /** The simulator's PKI routes: the workers' time-stamp, OCSP and CRL requests are answered here. */
  readonly pki: PkiServices;
  readonly revocationCacheMs?: number;
  /** Node flags of the workers (default: this process's). */
  readonly execArgv?: readonly string[];
}

/** A PAdES signer whose work runs in worker threads; `close()` ends them. */
export interface ThreadSigner extends SimulatorSigner {
  /** Signatures the workers returned so far. */
  readonly signed: number;
  close(): Promise<void>;
}

/**
 * Starts one worker on the built `sign-worker.js`; when this module runs from TypeScript source
 * (tsx, vitest), on `sign-worker.ts` through tsx's loader registered inside the worker, because
 * Node 20 does not apply the parent's `--import` loader hooks to worker threads.
 */
function startWorker(options: WorkerOptions): Worker {
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./sign-worker.js", import.meta.url), options);
  const source = JSON.stringify(new URL("./sign-worker.ts", import.meta.url).href);
  return new Worker(
    `import("tsx/esm/api").then(({ register }) => { register(); return import(${source}); });`,
    { ...options, eval: true },
  );
}

/**
 * The default PAdES signer (`defaultSigner`) moved to worker threads, so signing a PDF (pure
 * JavaScript ASN.1 and PDF work, ~150 ms a signature) runs beside the event loop that serves
 * HTTP and the database instead of on it. The CA stays in this thread: the workers' time-stamp,
 * OCSP and CRL requests are answered by `pki.routes`. Unlocked keys are passed per request
 * (a non-extractable CryptoKey is cloned, never exported) and not kept by the worker.
 * Node only (worker_threads); the worker needs the same loader as this module (tsx in dev).
 */
export function threadSigner(options: ThreadSignerOptions): ThreadSigner {
  const fetch = pkiFetch(options.pki);
  const calls = new Map<
    number,
    { worker: Worker; resolve: (pdf: Uint8Array) => void; reject: (e: Error) => void }
  >();
  let closing = false;
  const busy = new Map<Worker, number>();
  let nextId = 0;
  let signed = 0;
  const spawn = () => {
    const worker = startWorker({
      ...(options.execArgv ? { execArgv: [...options.execArgv] } : {}),
      workerData: {
        level: options.level,
        baseUrl: options.pki.baseUrl,
        ...(options.revocationCacheMs === undefined ? {} : { revocationCacheMs: options.revocationCacheMs }),
      },
    });
    worker.unref();
    worker.on("message", async (message: FromWorker) => {
      if (message.kind === "fetch") {
        let res: Response;
        try {
          res = await fetch(message.url, {
            method: message.method,
            headers: message.headers,
            ...(message.body ? { body: message.body } : {}),
          });
        } catch {
          res = new Response(null, { status: 502 });
        }
        const body = await res.arrayBuffer();
        const answer: ToWorker = {
          kind: "fetched",
          id: message.id,
          status: res.status,
          headers: Object.fromEntries(res.headers.entries()),
          body,
        };
        worker.postMessage(answer, [body]);
        return;
      }
      const call = calls.get(message.id);
      calls.delete(message.id);
      const left = (busy.get(worker) ?? 1) - 1;
      busy.set(worker, left);
      if (left === 0) worker.unref();
      if (!call) return;
      if (message.kind === "signed") {
        signed++;
        call.resolve(new Uint8Array(message.pdf));
      } else
        call.reject(
          message.refusal ? fault.badRequest(message.refusal) : new Error(`sign worker: ${message.message}`),
        );
    });
    // A worker that dies fails its own requests and is replaced; the others carry on.
    const lost = (why: string) => {
      for (const [id, call] of calls)
        if (call.worker === worker) {
          calls.delete(id);
          call.reject(new Error(`sign worker stopped: ${why}`));
        }
      busy.delete(worker);
      const at = workers.indexOf(worker);
      if (at >= 0 && !closing) workers[at] = spawn();
    };
    worker.on("error", (error) => lost(error.message));
    worker.on("exit", (code) => {
      if (busy.has(worker)) lost(`exit code ${code}`);
    });
    busy.set(worker, 0);
    return worker;
  };
  const workers: Worker[] = [];
  for (let i = 0; i < Math.max(1, options.threads ?? 1); i++) workers.push(spawn());
  return {
    get signed() {
      return signed;
    },
    level: `PAdES-BASELINE-${options.level.slice(2)}`,
    signPdf(request) {
      const worker = workers.reduce((a, b) => ((busy.get(b) ?? 0) < (busy.get(a) ?? 0) ? b : a));
      const id = nextId++;
      busy.set(worker, (busy.get(worker) ?? 0) + 1);
      worker.ref();
      return new Promise<Uint8Array>((resolve, reject) => {
        calls.set(id, { worker, resolve, reject });
        const message: ToWorker = { kind: "sign", id, request };
        try {
          worker.postMessage(message);
        } catch (error) {
          // e.g. a key that cannot be cloned: nothing reached the worker.
          calls.delete(id);
          busy.set(worker, Math.max(0, (busy.get(worker) ?? 1) - 1));
          reject(error);
        }
      });
    },
    onRevocation() {
      for (const w of workers) w.postMessage({ kind: "revoked" } satisfies ToWorker);
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
