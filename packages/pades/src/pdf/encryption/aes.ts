import { PdfError } from "../errors";

/** Copies into a fresh ArrayBuffer-backed array, as Web Crypto's typings require. */
function own(b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(b.length);
  out.set(b);
  return out;
}

async function key(crypto: Crypto, raw: Uint8Array, usage: KeyUsage): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", own(raw), { name: "AES-CBC" }, false, [usage]);
}

/** AES-CBC encryption with PKCS#7 padding (ISO 32000-2 §7.6.3.2 for AESV2/AESV3). */
export async function aesCbcEncrypt(
  crypto: Crypto,
  raw: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
): Promise<Uint8Array> {
  const k = await key(crypto, raw, "encrypt");
  return new Uint8Array(await crypto.subtle.encrypt({ name: "AES-CBC", iv: own(iv) }, k, own(data)));
}

/** AES-CBC encryption of whole blocks without padding (used by the R6 hash, Algorithm 2.B). */
export async function aesCbcEncryptNoPad(
  crypto: Crypto,
  raw: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
): Promise<Uint8Array> {
  const out = await aesCbcEncrypt(crypto, raw, iv, data);
  return out.subarray(0, data.length);
}

/** AES-CBC decryption with PKCS#7 padding; a bad padding falls back to unpadded whole blocks. */
export async function aesCbcDecrypt(
  crypto: Crypto,
  raw: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
): Promise<Uint8Array> {
  if (data.length === 0) return data;
  if (data.length % 16 !== 0) throw new PdfError("PDF_FILTER_BROKEN", "AES data is not whole blocks");
  const k = await key(crypto, raw, "decrypt");
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: "AES-CBC", iv: own(iv) }, k, own(data)));
  } catch {
    return aesCbcDecryptNoPad(crypto, raw, iv, data);
  }
}

/**
 * AES-CBC decryption of whole blocks without padding: Web Crypto always expects PKCS#7, so a
 * block that decrypts to a full padding block is appended first.
 */
export async function aesCbcDecryptNoPad(
  crypto: Crypto,
  raw: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
): Promise<Uint8Array> {
  const last = data.subarray(data.length - 16);
  const pad = (await aesCbcEncrypt(crypto, raw, last, new Uint8Array(16).fill(16))).subarray(0, 16);
  const extended = new Uint8Array(data.length + 16);
  extended.set(data);
  extended.set(pad, data.length);
  const k = await key(crypto, raw, "decrypt");
  const out = new Uint8Array(await crypto.subtle.decrypt({ name: "AES-CBC", iv: own(iv) }, k, own(extended)));
  return out.subarray(0, data.length);
}
