import { describe, expect, it } from "vitest";
import { digestRanges } from "./crypto-verify";

describe("digestRanges", () => {
  it("hashes two ranges of one buffer like their concatenation and leaves the buffer unchanged", async () => {
    for (const [len, a, b] of [
      [1000, 100, 900],
      [1000, 10, 980],
      [1000, 600, 700],
      [64, 1, 2],
    ] as const) {
      const buf = new Uint8Array(len).map((_, i) => (i * 31 + 7) & 255);
      const copy = buf.slice();
      const parts = [buf.subarray(0, a), buf.subarray(b)];
      const joined = new Uint8Array([...parts[0]!, ...parts[1]!]);
      const want = new Uint8Array(await crypto.subtle.digest("SHA-256", joined));
      expect(await digestRanges(crypto, "SHA-256", parts)).toEqual(want);
      expect(buf).toEqual(copy);
    }
  });
});
