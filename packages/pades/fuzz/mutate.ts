/**
 * Mutation engine for the verifier fuzzer: byte flips, inserts, deletes and PDF-token edits
 * (numbers, names, keywords) on seed files, driven by a seeded PRNG so every case replays.
 */

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  "obj",
  "endobj",
  "stream",
  "endstream",
  "xref",
  "trailer",
  "startxref",
  "%%EOF",
  "R",
  "null",
  "<<",
  ">>",
  "[",
  "]",
  "/ByteRange",
  "/Contents",
  "/Prev",
  "/Size",
  "/Root",
  "/Type",
  "/Sig",
  "/DocTimeStamp",
  "/Annots",
  "/Kids",
  "/Parent",
  "/Length",
  "/Filter",
  "/FlateDecode",
  "/ObjStm",
  "/XRef",
  "0",
  "1",
  "-1",
  "99999999",
  "2147483648",
  "1e308",
  "()",
  "<>",
  "<00>",
];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

/** Positions of ASCII digit runs (number tokens) in `bytes`, sampled. */
function numberAt(bytes: Uint8Array, rnd: () => number): [number, number] | null {
  for (let tries = 0; tries < 32; tries++) {
    let i = Math.floor(rnd() * bytes.length);
    if (bytes[i]! < 0x30 || bytes[i]! > 0x39) continue;
    while (i > 0 && bytes[i - 1]! >= 0x30 && bytes[i - 1]! <= 0x39) i--;
    let j = i;
    while (j < bytes.length && bytes[j]! >= 0x30 && bytes[j]! <= 0x39) j++;
    return [i, j];
  }
  return null;
}

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at));
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

/** The mutation kinds, for reporting. */
export const MUTATIONS = ["flip", "insert", "delete", "number", "token", "duplicate", "truncate"] as const;

/** Applies 1-4 random mutations to a copy of `seed`. */
export function mutate(seed: Uint8Array, rnd: () => number): { bytes: Uint8Array; applied: string[] } {
  let bytes: Uint8Array = seed.slice();
  const applied: string[] = [];
  const n = 1 + Math.floor(rnd() * 4);
  const enc = new TextEncoder();
  for (let k = 0; k < n && bytes.length > 0; k++) {
    const kind = pick(rnd, MUTATIONS);
    const at = Math.floor(rnd() * bytes.length);
    applied.push(kind);
    if (kind === "flip") bytes[at] = bytes[at]! ^ (1 << Math.floor(rnd() * 8));
    else if (kind === "insert")
      bytes = splice(bytes, at, 0, crypto.getRandomValues(new Uint8Array(1 + Math.floor(rnd() * 16))));
    else if (kind === "delete")
      bytes = splice(bytes, at, Math.min(bytes.length - at, 1 + Math.floor(rnd() * 64)), new Uint8Array());
    else if (kind === "number") {
      const r = numberAt(bytes, rnd);
      if (r)
        bytes = splice(
          bytes,
          r[0],
          r[1] - r[0],
          enc.encode(
            pick(rnd, ["0", "1", "99999999999", "4294967296", "-5", String(Math.floor(rnd() * 100000))]),
          ),
        );
    } else if (kind === "token") bytes = splice(bytes, at, 0, enc.encode(` ${pick(rnd, TOKENS)} `));
    else if (kind === "duplicate") {
      const len = Math.min(bytes.length - at, 1 + Math.floor(rnd() * 256));
      bytes = splice(bytes, Math.floor(rnd() * bytes.length), 0, bytes.slice(at, at + len));
    } else bytes = bytes.slice(0, at);
  }
  return { bytes, applied };
}
