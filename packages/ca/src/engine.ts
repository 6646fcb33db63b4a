import * as pkijs from "pkijs";
import { toBytes } from "./bytes";

/** A PKI.js crypto engine over the given Web Crypto, passed explicitly (never `setEngine`). */
export function pkijsEngine(crypto: Crypto): pkijs.ICryptoEngine {
  return new pkijs.CryptoEngine({ name: "teken", crypto });
}

/** Parses a DER certificate with PKI.js. */
export function pkijsCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(toBytes(der));
}

/** Digest of `data` with a Web Crypto hash name. */
export async function digest(crypto: Crypto, hash: string, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(hash, toBytes(data)));
}
