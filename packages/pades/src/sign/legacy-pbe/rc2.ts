import type { BlockCipher } from "./des";

/** RFC 2268 §2: the permutation of 0..255 derived from the digits of pi. */
const PITABLE = hex(
  "d978f9c419ddb5ed28e9fd794aa0d89dc67e37832b76538e624c6488448bfba2179a59f587b34f1361456d8d09817d32" +
    "bd8f40eb86b77b0bf09521225c6b4e8254d66593ce60b21c7356c014a78cf1dc1275ca1f3bbee4d1423dd430a33cb626" +
    "6fbf0eda4669075727f21d9bbc944303f811c7f690ef3ee706c3d52fc8661ed708e8eade8052eef784aa72ac354d6a2a" +
    "961ad2715a1549744b9fd05e0418a4ecc2e0416e0f51cbcc2491af50a1f47039997c3a8523b8b47afc02365b25559731" +
    "2d5dfa98e38a92ae05df2910676cbac9d300e6cfe19ea82c6316013f58e289a90d38341bab33ffb0bb480c5fb9b1cd2e" +
    "c5f3db47e5a59c770aa62068fe7fc1ad",
);

function hex(s: string): Uint8Array {
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(s.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Exposed for the test that checks the table is a permutation. */
export const rc2PiTable: Uint8Array = PITABLE;

/** RFC 2268 §2: the 64 16-bit expanded key words for `key` with `effectiveBits` effective key bits. */
export function rc2ExpandKey(key: Uint8Array, effectiveBits: number): Uint16Array {
  const t = key.length;
  if (t < 1 || t > 128 || effectiveBits < 1 || effectiveBits > 1024) throw new RangeError("RC2 key size");
  const l = new Uint8Array(128);
  l.set(key);
  for (let i = t; i < 128; i++) l[i] = PITABLE[((l[i - 1] as number) + (l[i - t] as number)) & 255] as number;
  const t8 = Math.ceil(effectiveBits / 8);
  const tm = 0xff >> (8 * t8 - effectiveBits);
  l[128 - t8] = PITABLE[(l[128 - t8] as number) & tm] as number;
  for (let i = 127 - t8; i >= 0; i--) l[i] = PITABLE[(l[i + 1] as number) ^ (l[i + t8] as number)] as number;
  const k = new Uint16Array(64);
  for (let i = 0; i < 64; i++) k[i] = (l[2 * i] as number) | ((l[2 * i + 1] as number) << 8);
  return k;
}

const SHIFT = [1, 2, 3, 5] as const;

/** RC2 (RFC 2268 §3-4) on 8-byte blocks: little-endian 16-bit words, mixing and mashing rounds. */
export function rc2(key: Uint8Array, effectiveBits: number): BlockCipher {
  const k = rc2ExpandKey(key, effectiveBits);
  const words = (b: Uint8Array) =>
    [0, 1, 2, 3].map((i) => (b[2 * i] as number) | ((b[2 * i + 1] as number) << 8));
  const bytes = (r: number[]) => {
    const out = new Uint8Array(8);
    r.forEach((w, i) => {
      out[2 * i] = w & 0xff;
      out[2 * i + 1] = w >> 8;
    });
    return out;
  };
  const at = (r: number[], i: number) => r[(i + 4) % 4] as number;
  return {
    blockSize: 8,
    encrypt(block) {
      const r = words(block);
      let j = 0;
      const mix = () => {
        for (let i = 0; i < 4; i++) {
          const v =
            (at(r, i) + (k[j++] as number) + (at(r, i - 1) & at(r, i - 2)) + (~at(r, i - 1) & at(r, i - 3))) &
            0xffff;
          r[i] = ((v << SHIFT[i]!) | (v >> (16 - SHIFT[i]!))) & 0xffff;
        }
      };
      const mash = () => {
        for (let i = 0; i < 4; i++) r[i] = (at(r, i) + (k[at(r, i - 1) & 63] as number)) & 0xffff;
      };
      for (let n = 0; n < 5; n++) mix();
      mash();
      for (let n = 0; n < 6; n++) mix();
      mash();
      for (let n = 0; n < 5; n++) mix();
      return bytes(r);
    },
    decrypt(block) {
      const r = words(block);
      let j = 63;
      const mix = () => {
        for (let i = 3; i >= 0; i--) {
          const v = at(r, i);
          const x = ((v >> SHIFT[i]!) | (v << (16 - SHIFT[i]!))) & 0xffff;
          r[i] =
            (x - (k[j--] as number) - (at(r, i - 1) & at(r, i - 2)) - (~at(r, i - 1) & at(r, i - 3))) &
            0xffff;
        }
      };
      const mash = () => {
        for (let i = 3; i >= 0; i--) r[i] = (at(r, i) - (k[at(r, i - 1) & 63] as number)) & 0xffff;
      };
      for (let n = 0; n < 5; n++) mix();
      mash();
      for (let n = 0; n < 6; n++) mix();
      mash();
      for (let n = 0; n < 5; n++) mix();
      return bytes(r);
    },
  };
}
