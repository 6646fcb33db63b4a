/// <reference lib="webworker" />
import { verify } from "@teken/pades";
import { type DocumentSource, type FromWorker, STREAM_FROM, type ToWorker } from "./worker-protocol";

// Verification runs here so a 50 MB file never freezes the page; the bytes stay in this tab.
const scope = self as unknown as DedicatedWorkerGlobalScope;
const now = () => performance.timeOrigin + performance.now();
const post = (m: FromWorker) => scope.postMessage(m);

/** The trust anchors, kept between files (the page sends them once, and again when they change). */
let anchors: Uint8Array[] = [];

/** Progress is posted at most every this many bytes (a 50 MB file gives a dozen updates). */
const PROGRESS_STEP = 4 * 1024 * 1024;

/** Reads a picked file here, off the page's thread, reporting progress for big files. */
async function read(id: number, source: DocumentSource): Promise<Uint8Array> {
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  const total = source.size;
  if (total <= STREAM_FROM) return new Uint8Array(await source.arrayBuffer());
  const out = new Uint8Array(total);
  const reader = source.stream().getReader();
  let at = 0;
  let reported = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (at + value.length > total) throw new Error("the file grew while it was read");
    out.set(value, at);
    at += value.length;
    if (at - reported >= PROGRESS_STEP) {
      reported = at;
      post({ type: "progress", id, loaded: at, total });
    }
  }
  return at === total ? out : out.subarray(0, at);
}

async function handle(message: ToWorker): Promise<void> {
  if (message.type === "anchors") {
    anchors = message.anchors.map((a) => new Uint8Array(a));
    return;
  }
  const { id } = message;
  try {
    if (message.type === "verify") {
      const received = now();
      const pdf = await read(id, message.source);
      const readAt = now();
      post({ type: "verifying", id });
      const report = await verify(pdf, { trustAnchors: anchors });
      post({ type: "report", id, report, timing: { received, read: readAt, verified: now() } });
    } else {
      // The widget locator (the PDF object reader) is its own chunk: it is not needed for a verdict.
      const { locateSignatureWidgets } = await import("./locate-widgets");
      post({ type: "widgets", id, widgets: await locateSignatureWidgets(await read(id, message.source)) });
    }
  } catch (error) {
    post({ type: "error", id, error: (error as Error)?.message ?? String(error) });
  }
}

scope.onmessage = (event: MessageEvent<ToWorker>) => void handle(event.data);
