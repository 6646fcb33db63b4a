import { eq } from "drizzle-orm";
import type { Db } from "../db/types";
import { blobs } from "../db/schema";
import { RegistryError } from "../errors";
import type { BlobStore } from "../ports";
import { isSha256Hex, sha256Hex } from "./sha256";

/** A `BlobStore` in the `blobs` table (bytea) of the registry database, PostgreSQL or PGlite. */
export function createDatabaseBlobStore(db: Db): BlobStore {
  return {
    async put(bytes) {
      const hash = sha256Hex(bytes);
      await db
        .insert(blobs)
        .values({ hash, size: bytes.byteLength, data: toDriverBytes(bytes) })
        .onConflictDoNothing();
      return hash;
    },
    async get(hash) {
      if (!isSha256Hex(hash)) return undefined;
      const [row] = await db.select({ data: blobs.data }).from(blobs).where(eq(blobs.hash, hash));
      if (!row) return undefined;
      if (sha256Hex(row.data) !== hash) throw new RegistryError("STORAGE_CORRUPT");
      return row.data;
    },
    async has(hash) {
      if (!isSha256Hex(hash)) return false;
      const rows = await db.select({ hash: blobs.hash }).from(blobs).where(eq(blobs.hash, hash));
      return rows.length > 0;
    },
  };
}

/** node-postgres sends a Buffer as bytea (a plain Uint8Array would be sent as JSON). */
function toDriverBytes(bytes: Uint8Array): Uint8Array {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
