import { describe, expect, it } from "vitest";
import { PdfSyntaxError, type PdfValue } from "./objects";
import { PdfParser } from "./parser";
import { prng as rng } from "../../../fuzz/mutate";

const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

type Outcome = { bytes: number[]; end: number } | { error: string };

function run(f: () => PdfValue): Outcome {
  try {
    const v = f();
    if (v === null || typeof v !== "object" || v.kind !== "string" || !v.hex)
      throw new Error("not a hex string");
    return { bytes: [...v.bytes], end: v.end };
  } catch (error) {
    if (!(error instanceof PdfSyntaxError)) throw error;
    return { error: error.message };
  }
}

/**
 * Reference: ISO 32000-2 §7.3.4.3 read one byte at a time, with the verifier's rules — the
 * string ends at the first `>`, white-space is skipped, any other non-hex byte is an error
 * at its offset, an odd digit count is padded with 0.
 */
function reference(b: Uint8Array, start: number): Outcome {
  const close = b.indexOf(0x3e, start + 1);
  if (close < 0) return { error: `unterminated hex string at byte ${start}` };
  const digits: number[] = [];
  for (let i = start + 1; i < close; i++) {
    const c = b[i]!;
    if ([0x20, 0x0a, 0x0d, 0x09, 0x0c, 0x00].includes(c)) continue;
    const d = Number.parseInt(String.fromCharCode(c), 16);
    if (!/^[0-9A-Fa-f]$/.test(String.fromCharCode(c)) || Number.isNaN(d))
      return { error: `bad byte in hex string at byte ${i}` };
    digits.push(d);
  }
  if (digits.length % 2 === 1) digits.push(0);
  const bytes: number[] = [];
  for (let k = 0; k < digits.length; k += 2) bytes.push((digits[k]! << 4) | digits[k + 1]!);
  return { bytes, end: close + 1 };
}

describe("hex strings (two digits per step)", () => {
  it("decodes digits in both cases, skips white-space, pads an odd count", () => {
    expect(run(() => new PdfParser(enc("<0aFf 1\n2\r\t3\x00\x0c4>")).readValue())).toEqual({
      bytes: [0x0a, 0xff, 0x12, 0x34],
      end: 16,
    });
    expect(run(() => new PdfParser(enc("<abc>")).readValue())).toEqual({ bytes: [0xab, 0xc0], end: 5 });
    expect(run(() => new PdfParser(enc("< a b c >")).readValue())).toEqual({ bytes: [0xab, 0xc0], end: 9 });
    expect(run(() => new PdfParser(enc("<>")).readValue())).toEqual({ bytes: [], end: 2 });
  });

  it("rejects a non-hex byte at its offset, on either side of a pair", () => {
    expect(run(() => new PdfParser(enc("<00g0>")).readValue())).toEqual({
      error: "bad byte in hex string at byte 3",
    });
    expect(run(() => new PdfParser(enc("<000g>")).readValue())).toEqual({
      error: "bad byte in hex string at byte 4",
    });
    expect(run(() => new PdfParser(enc("<0 0(0>")).readValue())).toEqual({
      error: "bad byte in hex string at byte 4",
    });
    expect(run(() => new PdfParser(enc("<00<00>")).readValue())).toEqual({
      error: "bad byte in hex string at byte 3",
    });
    expect(run(() => new PdfParser(enc("<0000")).readValue())).toEqual({
      error: "unterminated hex string at byte 0",
    });
  });

  it("ends at the first `>`", () => {
    const b = enc("<00>11>");
    const p = new PdfParser(b);
    expect(run(() => p.readValue())).toEqual({ bytes: [0], end: 4 });
    expect(p.pos).toBe(4);
  });

  it("decodes zero padding next to digits, white-space and a bad byte at any alignment", () => {
    for (let lead = 0; lead < 12; lead++) {
      for (let tail = 0; tail < 12; tail++) {
        const body = `${"f".repeat(lead)}${"0".repeat(70)}${"a".repeat(tail)}`;
        const digits = body.length % 2 === 1 ? `${body}0` : body;
        const want = [];
        for (let k = 0; k < digits.length; k += 2) want.push(Number.parseInt(digits.slice(k, k + 2), 16));
        // In a larger buffer at an odd offset, so the word reads are unaligned.
        const b = enc(`xyz<${body}>`);
        expect(run(() => new PdfParser(b, 3).readValue())).toEqual({ bytes: want, end: b.length });
        const spaced = enc(`x<${body.slice(0, 30)} ${body.slice(30)}>`);
        expect(run(() => new PdfParser(spaced, 1).readValue())).toEqual({ bytes: want, end: spaced.length });
        const bad = enc(`<${body.slice(0, 40)}g${body.slice(40)}>`);
        expect(run(() => new PdfParser(bad).readValue())).toEqual({
          error: "bad byte in hex string at byte 41",
        });
      }
    }
  });

  it("reads a long odd-length string (no spread of the whole buffer)", () => {
    const n = 400_001;
    const b = new Uint8Array(n + 2).fill(0x61);
    b[0] = 0x3c;
    b[n + 1] = 0x3e;
    const got = run(() => new PdfParser(b).readValue());
    if (!("bytes" in got)) throw new Error(got.error);
    expect(got.bytes.length).toBe(200_001);
    expect(got.bytes[0]).toBe(0xaa);
    expect(got.bytes[200_000]).toBe(0xa0);
    expect(got.end).toBe(n + 2);
  });

  it("agrees with a byte-at-a-time reference on random strings (fixed seed)", () => {
    const next = rng(0x4e_78_2026);
    const int = (n: number): number => Math.floor(next() * n);
    const hex = "0123456789abcdefABCDEF";
    const white = " \n\r\t\x00\x0c";
    const other = "g>G<(/xz\x7f\xff\x80";
    let errors = 0;
    for (let round = 0; round < 5000; round++) {
      const len = int(round % 13 === 0 ? 600 : 40);
      const pWhite = [0, 0.02, 0.3][round % 3]!;
      const pOther = [0, 0.003, 0.05][round % 3]!;
      let text = "<0"; // a digit first: "<<" would start a dictionary
      const zeroRuns = round % 2 === 1; // runs of "0" padding, as signers write (a faster path)
      for (let k = 0; k < len; k++) {
        const r = next();
        if (zeroRuns && r > 0.8) {
          const run = int(40);
          text += "0".repeat(run);
          k += run;
          continue;
        }
        text +=
          r < pOther
            ? other[int(other.length)]!
            : r < pOther + pWhite
              ? white[int(white.length)]!
              : hex[int(16 + 6)]!;
      }
      if (next() < 0.9) text += ">";
      text += next() < 0.5 ? "" : "00>";
      const b = enc(text);
      const want = reference(b, 0);
      const got = run(() => new PdfParser(b).readValue());
      if (JSON.stringify(got) !== JSON.stringify(want))
        throw new Error(`${JSON.stringify(text)}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      if ("error" in want) errors++;
    }
    // Both outcomes are exercised.
    expect(errors).toBeGreaterThan(500);
    expect(errors).toBeLessThan(4500);
  });
});
