import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import type { BlobStore } from "../../src/ports";

/** The contract every `BlobStore` adapter satisfies. */
export function blobStoreContract(makeStore: () => BlobStore): void {
  it("stores bytes under their SHA-256 and returns them unchanged", async () => {
    const store = makeStore();
    const bytes = new Uint8Array([0, 1, 2, 255, 254, 37, 80, 68, 70]);
    const hash = await store.put(bytes);
    expect(hash).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(await store.has(hash)).toBe(true);
    expect(Array.from((await store.get(hash))!)).toEqual(Array.from(bytes));
  });

  it("is idempotent for the same content and separates different content", async () => {
    const store = makeStore();
    const a = await store.put(new TextEncoder().encode("same"));
    const b = await store.put(new TextEncoder().encode("same"));
    const c = await store.put(new TextEncoder().encode("other"));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it("answers undefined/false for unknown or malformed hashes", async () => {
    const store = makeStore();
    expect(await store.get("0".repeat(64))).toBeUndefined();
    expect(await store.has("0".repeat(64))).toBe(false);
    expect(await store.get("../../etc/passwd")).toBeUndefined();
  });

  it("round-trips a 1 MiB blob and an empty one", async () => {
    const store = makeStore();
    const big = new Uint8Array(1024 * 1024).map((_, i) => (i * 31) & 0xff);
    const hash = await store.put(big);
    const back = await store.get(hash);
    expect(back?.byteLength).toBe(big.byteLength);
    expect(createHash("sha256").update(back!).digest("hex")).toBe(hash);
    const empty = await store.put(new Uint8Array());
    expect((await store.get(empty))?.byteLength).toBe(0);
  });
}
