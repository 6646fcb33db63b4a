import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFileBlobStore } from "../src/blob/file-blob-store";
import { blobStoreContract } from "./support/blob-store-contract";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
const root = await mkdtemp(join(tmpdir(), "teken-blobs-"));
dirs.push(root);

describe("file blob store", () => {
  blobStoreContract(() => createFileBlobStore(root));

  it("leaves no temporary files and detects a corrupted file", async () => {
    const store = createFileBlobStore(root);
    const hash = await store.put(new TextEncoder().encode("integrity"));
    const path = join(root, hash.slice(0, 2), hash.slice(2, 4), hash);
    expect(
      (await readdir(join(root, hash.slice(0, 2), hash.slice(2, 4)))).filter((n) => n.endsWith(".tmp")),
    ).toEqual([]);
    await writeFile(path, "tampered");
    await expect(store.get(hash)).rejects.toMatchObject({ code: "STORAGE_CORRUPT" });
  });
});
