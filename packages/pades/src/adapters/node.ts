/// <reference types="node" />
/**
 * Node.js adapters for `@teken/pades` (`@teken/pades/node`): the parts that need `node:` modules
 * and so stay out of the runtime-neutral entries.
 */
import { createHash } from "node:crypto";
import type { Digester } from "../sign/byte-range";

/**
 * Hashes byte ranges incrementally with `node:crypto`, where they lie: no copy of the document,
 * unlike Web Crypto's one-shot `digest`. Pass it as `digester` to `signPdf`/`signPdfParts` and to
 * `verify` (a 100 MB file then needs no second 100 MB while it is hashed).
 */
export const nodeDigester: Digester = async (parts, algorithm) => {
  const hash = createHash(algorithm.replace("-", "").toLowerCase());
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
};
