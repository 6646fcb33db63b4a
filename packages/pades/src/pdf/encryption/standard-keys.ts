import { aesCbcDecryptNoPad, aesCbcEncryptNoPad } from "./aes";
import { md5 } from "./md5";
import { rc4 } from "./rc4";
import { concatBytes } from "../../bytes";

/** The 32-byte password padding string (ISO 32000-2 §7.6.4.3.2, Algorithm 2 step a). */
const padding = Uint8Array.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08, 0x2e, 0x2e,
  0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);

/** The parameters of an R2-R4 standard security handler. */
export interface LegacyParams {
  readonly revision: number;
  readonly keyLength: number;
  readonly o: Uint8Array;
  readonly u: Uint8Array;
  readonly p: number;
  readonly id: Uint8Array;
  readonly encryptMetadata: boolean;
}

const concat = (...parts: Uint8Array[]) => concatBytes(parts);

function padPassword(pw: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  out.set(pw.subarray(0, 32));
  out.set(padding.subarray(0, Math.max(0, 32 - pw.length)), Math.min(32, pw.length));
  return out;
}

/** Algorithm 2: the file key from a (user) password, R2-R4. */
function legacyFileKey(pw: Uint8Array, prm: LegacyParams): Uint8Array {
  const p = new Uint8Array(4);
  new DataView(p.buffer).setInt32(0, prm.p, true);
  const meta =
    prm.revision >= 4 && !prm.encryptMetadata ? Uint8Array.from([255, 255, 255, 255]) : new Uint8Array(0);
  let h = md5(concat(padPassword(pw), prm.o.subarray(0, 32), p, prm.id, meta));
  const n = prm.revision === 2 ? 5 : prm.keyLength;
  if (prm.revision >= 3) for (let i = 0; i < 50; i++) h = md5(h.subarray(0, n));
  return h.subarray(0, n);
}

/** Algorithms 4/5: the /U value a file key produces. */
function legacyU(key: Uint8Array, prm: LegacyParams): Uint8Array {
  if (prm.revision === 2) return rc4(key, padding);
  let x = rc4(key, md5(concat(padding, prm.id)));
  for (let i = 1; i <= 19; i++)
    x = rc4(
      key.map((b) => b ^ i),
      x,
    );
  return x;
}

function sameUPrefix(a: Uint8Array, b: Uint8Array, revision: number): boolean {
  const n = revision === 2 ? 32 : 16;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Algorithm 6 (user) then Algorithm 7 (owner): the file key, or undefined for a wrong password. */
export function legacyAuthenticate(pw: Uint8Array, prm: LegacyParams): Uint8Array | undefined {
  const asUser = legacyFileKey(pw, prm);
  if (sameUPrefix(legacyU(asUser, prm), prm.u, prm.revision)) return asUser;
  let h = md5(padPassword(pw));
  const n = prm.revision === 2 ? 5 : prm.keyLength;
  if (prm.revision >= 3) for (let i = 0; i < 50; i++) h = md5(h);
  const ownerKey = h.subarray(0, n);
  let user = prm.o.subarray(0, 32);
  if (prm.revision === 2) user = rc4(ownerKey, user);
  else
    for (let i = 19; i >= 0; i--)
      user = rc4(
        ownerKey.map((b) => b ^ i),
        user,
      );
  const key = legacyFileKey(user, prm);
  return sameUPrefix(legacyU(key, prm), prm.u, prm.revision) ? key : undefined;
}

/** The parameters of an R5/R6 (AES-256) standard security handler. */
export interface ModernParams {
  readonly revision: number;
  readonly o: Uint8Array;
  readonly u: Uint8Array;
  readonly oe: Uint8Array;
  readonly ue: Uint8Array;
}

async function digest(crypto: Crypto, alg: string, data: Uint8Array): Promise<Uint8Array> {
  const copy = new Uint8Array(data.length);
  copy.set(data);
  return new Uint8Array(await crypto.subtle.digest(alg, copy));
}

/** Algorithm 2.B (R6) or plain SHA-256 (R5): the password hash. */
async function hash(
  crypto: Crypto,
  revision: number,
  pw: Uint8Array,
  salt: Uint8Array,
  udata: Uint8Array,
): Promise<Uint8Array> {
  let k = await digest(crypto, "SHA-256", concat(pw, salt, udata));
  if (revision === 5) return k;
  for (let round = 0; ; round++) {
    const k1 = concat(pw, k, udata);
    const block = new Uint8Array(k1.length * 64);
    for (let i = 0; i < 64; i++) block.set(k1, i * k1.length);
    const e = await aesCbcEncryptNoPad(crypto, k.subarray(0, 16), k.subarray(16, 32), block);
    let mod = 0;
    for (let i = 0; i < 16; i++) mod += e[i]!;
    const alg = ["SHA-256", "SHA-384", "SHA-512"][mod % 3]!;
    k = await digest(crypto, alg, e);
    if (round >= 63 && e[e.length - 1]! <= round - 31) break;
  }
  return k.subarray(0, 32);
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Algorithm 2.A: the 32-byte file key for R5/R6, or undefined for a wrong password. */
export async function modernAuthenticate(
  crypto: Crypto,
  password: Uint8Array,
  prm: ModernParams,
): Promise<Uint8Array | undefined> {
  const pw = password.subarray(0, 127);
  const u48 = prm.u.subarray(0, 48);
  const zeroIv = new Uint8Array(16);
  const ownerHash = await hash(crypto, prm.revision, pw, prm.o.subarray(32, 40), u48);
  if (equal(ownerHash, prm.o.subarray(0, 32))) {
    const k = await hash(crypto, prm.revision, pw, prm.o.subarray(40, 48), u48);
    return aesCbcDecryptNoPad(crypto, k, zeroIv, prm.oe.subarray(0, 32));
  }
  const userHash = await hash(crypto, prm.revision, pw, prm.u.subarray(32, 40), new Uint8Array(0));
  if (equal(userHash, prm.u.subarray(0, 32))) {
    const k = await hash(crypto, prm.revision, pw, prm.u.subarray(40, 48), new Uint8Array(0));
    return aesCbcDecryptNoPad(crypto, k, zeroIv, prm.ue.subarray(0, 32));
  }
  return undefined;
}

/** Algorithm 1: the per-object key for RC4 and AESV2 (`sAlT` appended for AES). */
export function objectKey(fileKey: Uint8Array, num: number, gen: number, aes: boolean): Uint8Array {
  const extra = Uint8Array.from([
    num & 0xff,
    (num >> 8) & 0xff,
    (num >> 16) & 0xff,
    gen & 0xff,
    (gen >> 8) & 0xff,
  ]);
  const salt = aes ? Uint8Array.from([0x73, 0x41, 0x6c, 0x54]) : new Uint8Array(0);
  return md5(concat(fileKey, extra, salt)).subarray(0, Math.min(fileKey.length + 5, 16));
}
