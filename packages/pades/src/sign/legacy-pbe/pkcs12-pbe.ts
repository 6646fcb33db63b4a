import { type BlockCipher, tripleDes } from "./des";
import { rc2 } from "./rc2";
import { rc4 } from "../../pdf/encryption/rc4";
import { sha1 } from "./sha1";

/** The password-based encryption schemes of PKCS#12 v1 (RFC 7292 Appendix C), by OID. */
export const PKCS12_PBE = {
  "1.2.840.113549.1.12.1.1": { name: "pbeWithSHAAnd128BitRC4", cipher: "rc4", keyLength: 16 },
  "1.2.840.113549.1.12.1.2": { name: "pbeWithSHAAnd40BitRC4", cipher: "rc4", keyLength: 5 },
  "1.2.840.113549.1.12.1.3": { name: "pbeWithSHAAnd3-KeyTripleDES-CBC", cipher: "3des", keyLength: 24 },
  "1.2.840.113549.1.12.1.4": { name: "pbeWithSHAAnd2-KeyTripleDES-CBC", cipher: "3des", keyLength: 16 },
  "1.2.840.113549.1.12.1.5": { name: "pbeWithSHAAnd128BitRC2-CBC", cipher: "rc2", keyLength: 16 },
  "1.2.840.113549.1.12.1.6": { name: "pbewithSHAAnd40BitRC2-CBC", cipher: "rc2", keyLength: 5 },
} as const;

export type Pkcs12PbeOid = keyof typeof PKCS12_PBE;

export const isPkcs12Pbe = (oid: string): oid is Pkcs12PbeOid => oid in PKCS12_PBE;

/** The password as PKCS#12 hashes it: a BMPString (UTF-16BE) with a two-byte zero terminator (RFC 7292 B.1). */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    out[2 * i] = c >> 8;
    out[2 * i + 1] = c & 0xff;
  }
  return out;
}

/** Repeats `bytes` to the next multiple of `v` (empty stays empty), RFC 7292 B.2 steps 2-3. */
function stretch(bytes: Uint8Array, v: number): Uint8Array {
  if (bytes.length === 0) return bytes;
  const out = new Uint8Array(Math.ceil(bytes.length / v) * v);
  for (let i = 0; i < out.length; i++) out[i] = bytes[i % bytes.length] as number;
  return out;
}

/**
 * The PKCS#12 key derivation with SHA-1 (RFC 7292 Appendix B.2; u = 20, v = 64): `id` 1 derives
 * key material, 2 an IV, 3 a MAC key. `password` is already BMP-encoded (`bmpPassword`).
 */
export function pkcs12Kdf(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  id: 1 | 2 | 3,
  n: number,
): Uint8Array {
  const u = 20;
  const v = 64;
  const d = new Uint8Array(v).fill(id);
  const i = new Uint8Array([...stretch(salt, v), ...stretch(password, v)]);
  const out = new Uint8Array(n);
  for (let done = 0; done < n; done += u) {
    let a = sha1(new Uint8Array([...d, ...i]));
    for (let r = 1; r < iterations; r++) a = sha1(a);
    out.set(a.subarray(0, Math.min(u, n - done)), done);
    if (done + u >= n) break;
    // I_j = (I_j + B + 1) mod 2^(8v) for each v-byte block I_j, with B = A repeated to v bytes.
    const b = stretch(a, v);
    for (let j = 0; j < i.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = (i[j + k] as number) + (b[k] as number) + carry;
        i[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return out;
}

/** CBC decryption with PKCS#7 padding removed; undefined when the padding is wrong (wrong password). */
export function cbcDecrypt(cipher: BlockCipher, iv: Uint8Array, data: Uint8Array): Uint8Array | undefined {
  const n = cipher.blockSize;
  if (data.length === 0 || data.length % n !== 0) return undefined;
  const out = new Uint8Array(data.length);
  let prev = iv;
  for (let p = 0; p < data.length; p += n) {
    const block = data.subarray(p, p + n);
    const plain = cipher.decrypt(block);
    for (let k = 0; k < n; k++) out[p + k] = (plain[k] as number) ^ (prev[k] as number);
    prev = block;
  }
  const pad = out[out.length - 1] as number;
  if (pad < 1 || pad > n) return undefined;
  for (let k = out.length - pad; k < out.length; k++) if (out[k] !== pad) return undefined;
  return out.subarray(0, out.length - pad);
}

/**
 * Decrypts data protected by one of the PKCS#12 v1 PBE schemes (RFC 7292 Appendix C):
 * key and IV from the PKCS#12 KDF with SHA-1, then 3DES-CBC, RC2-CBC or RC4.
 * Returns undefined when the result cannot be right (bad padding: usually a wrong password).
 */
export function pkcs12PbeDecrypt(
  oid: Pkcs12PbeOid,
  password: string,
  salt: Uint8Array,
  iterations: number,
  data: Uint8Array,
): Uint8Array | undefined {
  const scheme = PKCS12_PBE[oid];
  const pw = bmpPassword(password);
  const key = pkcs12Kdf(pw, salt, iterations, 1, scheme.keyLength);
  if (scheme.cipher === "rc4") return rc4(key, data);
  const iv = pkcs12Kdf(pw, salt, iterations, 2, 8);
  const cipher = scheme.cipher === "3des" ? tripleDes(key) : rc2(key, scheme.keyLength * 8);
  return cbcDecrypt(cipher, iv, data);
}
