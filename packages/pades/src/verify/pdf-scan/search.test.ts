import { describe, expect, it } from "vitest";
import { indexOf, lastIndexOf } from "./parser";
import { prng as rng } from "../../../fuzz/mutate";

const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Reference: the first s >= from where needle matches, byte by byte. */
function naiveIndexOf(hay: Uint8Array, needle: string, from: number): number {
  if (needle.length === 0) return -1;
  for (let s = Math.max(0, from); s + needle.length <= hay.length; s++) {
    let k = 0;
    while (k < needle.length && hay[s + k] === needle.charCodeAt(k)) k++;
    if (k === needle.length) return s;
  }
  return -1;
}

/** Reference: the last s whose match ends at or before `before`. */
function naiveLastIndexOf(hay: Uint8Array, needle: string, before: number): number {
  if (needle.length === 0) return -1;
  for (let s = Math.min(before, hay.length) - needle.length; s >= 0; s--) {
    let k = 0;
    while (k < needle.length && hay[s + k] === needle.charCodeAt(k)) k++;
    if (k === needle.length) return s;
  }
  return -1;
}

describe("indexOf / lastIndexOf (sampled pair filter)", () => {
  it("finds the needle at 0 and at the very end", () => {
    const hay = enc("/ByteRange [0 1 2 3] /ByteRange");
    expect(indexOf(hay, "/ByteRange")).toBe(0);
    expect(indexOf(hay, "/ByteRange", 1)).toBe(21);
    expect(lastIndexOf(hay, "/ByteRange")).toBe(21);
    expect(lastIndexOf(hay, "/ByteRange", 30)).toBe(0);
    expect(lastIndexOf(hay, "/ByteRange", 31)).toBe(21);
    expect(indexOf(enc("/ByteRange"), "/ByteRange")).toBe(0);
    expect(lastIndexOf(enc("/ByteRange"), "/ByteRange")).toBe(0);
  });

  it("skips overlapping partial matches", () => {
    expect(indexOf(enc("/Byt/ByteRange"), "/ByteRange")).toBe(4);
    expect(lastIndexOf(enc("/ByteRange/ByteRang"), "/ByteRange")).toBe(0);
    expect(indexOf(enc("%%%EOF"), "%%EOF")).toBe(1);
    expect(indexOf(enc("%%E%%EO%%EOF"), "%%EOF")).toBe(7);
    expect(lastIndexOf(enc("%%EOF%%EO"), "%%EOF")).toBe(0);
    expect(indexOf(enc("aaaaaaaaab"), "aaab")).toBe(6);
    expect(lastIndexOf(enc("baaaaaaaaa"), "baaa")).toBe(0);
    expect(indexOf(enc("abababababac"), "ababac")).toBe(6);
  });

  it("returns -1 when the needle is longer than the haystack or `from` is past the end", () => {
    expect(indexOf(enc("/Byte"), "/ByteRange")).toBe(-1);
    expect(lastIndexOf(enc("/Byte"), "/ByteRange")).toBe(-1);
    expect(indexOf(new Uint8Array(0), "x")).toBe(-1);
    expect(lastIndexOf(new Uint8Array(0), "x")).toBe(-1);
    const hay = enc("xx/ByteRange");
    expect(indexOf(hay, "/ByteRange", 3)).toBe(-1);
    expect(indexOf(hay, "/ByteRange", 12)).toBe(-1);
    expect(indexOf(hay, "/ByteRange", 1000)).toBe(-1);
    expect(indexOf(hay, "/ByteRange", -5)).toBe(2);
    expect(lastIndexOf(hay, "/ByteRange", 11)).toBe(-1);
    expect(lastIndexOf(hay, "/ByteRange", -1)).toBe(-1);
    expect(lastIndexOf(hay, "/ByteRange", 1000)).toBe(2);
  });

  it("never matches an empty needle or one with a char above 0xff", () => {
    expect(indexOf(enc("abc"), "")).toBe(-1);
    expect(lastIndexOf(enc("abc"), "")).toBe(-1);
    expect(indexOf(enc("a\u0100b"), "\u0100")).toBe(-1);
    expect(indexOf(enc("abc"), "a\u0162")).toBe(-1);
    expect(lastIndexOf(enc("abc"), "b\u0163")).toBe(-1);
  });

  it("handles needles longer than the pair filter (16 bytes) and binary bytes", () => {
    const needle = "/ByteRange [0 0000000000 0000000000 0000000000]";
    const hay = enc(`xx${needle.slice(0, 30)}yy${needle}zz`);
    expect(indexOf(hay, needle)).toBe(34);
    expect(lastIndexOf(hay, needle)).toBe(34);
    // A match of the first 16 bytes alone is not a match.
    expect(indexOf(enc(`${needle.slice(0, 16)}!${needle.slice(17)}`), needle)).toBe(-1);
    const bin = new Uint8Array(300).fill(0xff);
    bin.set([0xff, 0x00, 0xfe], 297);
    expect(indexOf(bin, "\xff\x00\xfe")).toBe(297);
    expect(lastIndexOf(bin, "\xff\xff")).toBe(296);
  });

  it("agrees with a naive search on random haystacks (fixed seed)", () => {
    const next = rng(0x5eed_2026);
    const int = (n: number): number => Math.floor(next() * n);
    const alphabets = ["ab", "abc", "/ByteRang", "%EOF\n", "\x00\xff\x7f"];
    let cases = 0;
    let found = 0;
    for (let round = 0; round < 4000; round++) {
      const alphabet = alphabets[round % alphabets.length]!;
      const pick = (): string => alphabet[int(alphabet.length)]!;
      const m = 1 + (round % 7 === 0 ? int(40) : int(12));
      let needle = "";
      for (let k = 0; k < m; k++) needle += pick();
      const n = int(round % 11 === 0 ? 2000 : 200);
      let text = "";
      while (text.length < n) {
        // Plant whole or partial copies of the needle between random bytes.
        const r = next();
        if (r < 0.1) text += needle;
        else if (r < 0.2) text += needle.slice(0, 1 + int(needle.length));
        else text += pick();
      }
      const hay = enc(text);
      const froms = [
        -3,
        0,
        1,
        int(hay.length + 1),
        int(hay.length + 1),
        hay.length - m,
        hay.length,
        hay.length + 7,
      ];
      for (const from of froms) {
        const want = naiveIndexOf(hay, needle, from);
        const got = indexOf(hay, needle, from);
        if (got !== want)
          throw new Error(
            `indexOf(${JSON.stringify(text)}, ${JSON.stringify(needle)}, ${from}) = ${got}, want ${want}`,
          );
        const wantLast = naiveLastIndexOf(hay, needle, from);
        const gotLast = lastIndexOf(hay, needle, from);
        if (gotLast !== wantLast)
          throw new Error(
            `lastIndexOf(${JSON.stringify(text)}, ${JSON.stringify(needle)}, ${from}) = ${gotLast}, want ${wantLast}`,
          );
        if (want >= 0) found++;
        cases += 2;
      }
      // Walk every occurrence both ways, as the whole-file scans do.
      const all: number[] = [];
      for (let at = indexOf(hay, needle); at >= 0; at = indexOf(hay, needle, at + 1)) all.push(at);
      const allNaive: number[] = [];
      for (let at = naiveIndexOf(hay, needle, 0); at >= 0; at = naiveIndexOf(hay, needle, at + 1))
        allNaive.push(at);
      expect(all).toEqual(allNaive);
      const back: number[] = [];
      for (let at = lastIndexOf(hay, needle); at >= 0; at = lastIndexOf(hay, needle, at + m - 1))
        back.push(at);
      expect(back).toEqual([...allNaive].reverse());
    }
    expect(cases).toBe(64_000);
    // The generator plants real matches: most searches find one.
    expect(found).toBeGreaterThan(10_000);
  });
});
