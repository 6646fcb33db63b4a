/**
 * The worker side of {@link threadSigner}: runs the default PAdES signer in a worker thread.
 * Time-stamp, OCSP and CRL requests go back to the parent, which owns the simulator's CA.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { PadesLevel } from "@teken/pades";
import { BsreFault } from "../faults";
import { defaultSigner } from "../pades-adapter";
import type { SimulatorSignRequest } from "../signer-port";
import type { FromWorker, ToWorker } from "./thread-signer";

const port = parentPort;
if (!port) throw new Error("sign-worker: not started as a worker thread");
const { level, baseUrl, revocationCacheMs } = workerData as {
  level: PadesLevel;
  baseUrl: string;
  revocationCacheMs?: number;
};

const pending = new Map<number, (answer: Extract<ToWorker, { kind: "fetched" }>) => void>();
let nextFetch = 0;
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** A fetch answered by the parent thread's PKI routes. */
async function parentFetch(url: string, init?: RequestInit): Promise<Response> {
  const id = nextFetch++;
  const body = init?.body instanceof ArrayBuffer ? init.body : undefined;
  const answer = await new Promise<Extract<ToWorker, { kind: "fetched" }>>((resolve) => {
    pending.set(id, resolve);
    send({
      kind: "fetch",
      id,
      url,
      method: init?.method ?? "GET",
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      ...(body ? { body } : {}),
    });
  });
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

const signer = defaultSigner({
  level,
  pki: { baseUrl, fetch: parentFetch },
  ...(revocationCacheMs === undefined ? {} : { revocationCacheMs }),
});

port.on("message", async (message: ToWorker) => {
  if (message.kind === "fetched") {
    pending.get(message.id)?.(message);
    pending.delete(message.id);
    return;
  }
  if (message.kind === "revoked") {
    signer.onRevocation?.();
    return;
  }
  try {
    const pdf = await signer.signPdf(message.request as SimulatorSignRequest);
    const copy = pdf.slice();
    send({ kind: "signed", id: message.id, pdf: copy }, [copy.buffer]);
  } catch (error) {
    send(
      error instanceof BsreFault
        ? { kind: "failed", id: message.id, refusal: error.error }
        : { kind: "failed", id: message.id, message: error instanceof Error ? error.message : String(error) },
    );
  }
});
