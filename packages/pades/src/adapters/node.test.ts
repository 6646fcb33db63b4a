import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { nodeDigester } from "./node";

describe("nodeDigester", () => {
  it("hashes the parts as one message, for each SHA-2 size", async () => {
    const a = new TextEncoder().encode("%PDF-1.7 prefix ");
    const b = new TextEncoder().encode(" suffix %%EOF");
    for (const [alg, node] of [
      ["SHA-256", "sha256"],
      ["SHA-384", "sha384"],
      ["SHA-512", "sha512"],
    ] as const) {
      const want = createHash(node)
        .update(Buffer.concat([a, b]))
        .digest();
      expect(Buffer.from(await nodeDigester([a, b], alg)).equals(want)).toBe(true);
    }
  });
});
