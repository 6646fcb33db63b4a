/// <reference lib="webworker" />
import { verify } from "@teken/pades";
import type { VerifyRequest, VerifyResponse } from "./worker-protocol";

// Verification runs here so a 50 MB file never freezes the page; the bytes stay in this tab.
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<VerifyRequest>) => {
  const { id, pdf, anchors } = event.data;
  let reply: VerifyResponse;
  try {
    const report = await verify(new Uint8Array(pdf), { trustAnchors: anchors.map((a) => new Uint8Array(a)) });
    reply = { id, ok: true, report };
  } catch (error) {
    reply = { id, ok: false, error: (error as Error)?.message ?? String(error) };
  }
  scope.postMessage(reply);
};
