import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fuzzOne } from "../../fuzz/fuzz-one";
import { mutate, prng } from "../../fuzz/mutate";
import { verify } from "./verify";
import { verifyFixture, verifyFixtureNames } from "../../test/verify-fixtures";

describe("mutation fuzzing (short pass; `pnpm fuzz` runs the long one)", () => {
  it("returns a typed report for 150 mutated corpus files and never throws", async () => {
    const seeds = verifyFixtureNames()
      .filter((f) => !f.startsWith("poppler"))
      .map((f) => ({ name: f, bytes: verifyFixture(f) }));
    const rnd = prng(20261125);
    const problems: string[] = [];
    const verdicts = new Set<string>();
    for (let i = 0; i < 150; i++) {
      const s = seeds[i % seeds.length]!;
      const { bytes, applied } = mutate(s.bytes, rnd);
      const outcome = await fuzzOne(
        async (b) => {
          const r = await verify(b);
          verdicts.add(r.verdict);
          return r;
        },
        bytes,
        `${s.name}#${i} ${applied.join("+")}`,
        Number.POSITIVE_INFINITY,
      );
      if (!outcome.ok) problems.push(`${outcome.label}: ${outcome.problem}`);
    }
    expect(problems).toEqual([]);
    // The mutations reach the interesting outcomes, not only "unreadable".
    expect([...verdicts].sort()).toEqual(
      expect.arrayContaining(["TOTAL_FAILED", "UNREADABLE", "NO_SIGNATURE"]),
    );
  }, 120_000);
  it("replays the cases `pnpm fuzz 20000 4` found (a damaged object under a certification's /Reference threw from docMdpLevel)", async () => {
    // the same seeds, order and generator as fuzz/run.ts
    const encrypted = ["minimal-aes256.pdf", "minimal-rc4.pdf"].map((f) => ({
      name: f,
      bytes: new Uint8Array(readFileSync(new URL(`../../test/fixtures/${f}`, import.meta.url))),
    }));
    const seeds = [...verifyFixtureNames().map((f) => ({ name: f, bytes: verifyFixture(f) })), ...encrypted];
    const rnd = prng(4);
    const found = [1449, 16468];
    const outcomes: string[] = [];
    for (let i = 0; i <= found[found.length - 1]!; i++) {
      const s = seeds[i % seeds.length]!;
      const { bytes } = mutate(s.bytes, rnd);
      if (!found.includes(i)) continue;
      expect(s.name).toBe("certified-with-indirect-refs-in-dir.pdf");
      const outcome = await fuzzOne((b) => verify(b), bytes, `${s.name}#${i}`, Number.POSITIVE_INFINITY);
      outcomes.push(outcome.ok ? "ok" : `${outcome.label}: ${outcome.problem}`);
    }
    expect(outcomes).toEqual(["ok", "ok"]);
  }, 120_000);
});
