import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, stat } from "node:fs/promises";
import { join } from "node:path";
import { RegistryError } from "../errors";
import type { BlobStore } from "../ports";
import { isSha256Hex, sha256Hex } from "./sha256";

/**
 * A `BlobStore` of content-addressed files under `dir` (`ab/cd/<sha256>`), written to a
 * temporary file, fsynced and renamed so a crash never leaves a partial blob under its name.
 */
export function createFileBlobStore(dir: string): BlobStore {
  const pathOf = (hash: string) => join(dir, hash.slice(0, 2), hash.slice(2, 4), hash);
  const exists = async (path: string) =>
    stat(path).then(
      () => true,
      () => false,
    );
  return {
    async put(bytes) {
      const hash = sha256Hex(bytes);
      const path = pathOf(hash);
      if (await exists(path)) return hash;
      await mkdir(join(dir, hash.slice(0, 2), hash.slice(2, 4)), { recursive: true });
      const tmp = `${path}.${randomUUID()}.tmp`;
      const handle = await open(tmp, "wx");
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, path);
      return hash;
    },
    async get(hash) {
      if (!isSha256Hex(hash)) return undefined;
      const bytes = await readFile(pathOf(hash)).catch((e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT") return undefined;
        throw e;
      });
      if (bytes === undefined) return undefined;
      if (sha256Hex(bytes) !== hash) throw new RegistryError("STORAGE_CORRUPT");
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    async has(hash) {
      return isSha256Hex(hash) && exists(pathOf(hash));
    },
  };
}
