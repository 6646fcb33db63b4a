/** Narrows a byte view to the `ArrayBuffer`-backed form Web Crypto and PKI.js accept, copying only shared memory. */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
