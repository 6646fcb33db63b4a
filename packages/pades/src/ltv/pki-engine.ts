import * as pkijs from "pkijs";

/** A PKI.js engine over the given Web Crypto (never PKI.js's global engine). */
export function pkiEngine(crypto: Crypto): pkijs.CryptoEngine {
  return new pkijs.CryptoEngine({ name: "teken-ltv", crypto });
}
