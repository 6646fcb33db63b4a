import { bufferSource } from "../cms/buffer-source";
import type * as asn1js from "asn1js";
import { PrivateKeyInfo } from "pkijs";
import type { DigestAlgorithm } from "../cms/algorithms";
import { OID } from "../cms/oids";
import { PadesSignError } from "./errors";

/** How an RSA key is to be used; EC keys always sign with ECDSA. */
export interface ImportKeyOptions {
  readonly digest?: DigestAlgorithm;
  /** RSA only: PKCS#1 v1.5 (default) or PSS (RFC 8017 §8). */
  readonly rsaScheme?: "RSASSA-PKCS1-v1_5" | "RSA-PSS";
  readonly crypto?: Crypto;
}

const curves: Readonly<Record<string, string>> = {
  "1.2.840.10045.3.1.7": "P-256",
  "1.3.132.0.34": "P-384",
  "1.3.132.0.35": "P-521",
};

/** Imports a PKCS#8 `PrivateKeyInfo` (RFC 5208) as a non-extractable Web Crypto signing key. */
export async function importPrivateKey(
  pkcs8: Uint8Array,
  options: ImportKeyOptions = {},
): Promise<CryptoKey> {
  const crypto = options.crypto ?? globalThis.crypto;
  let info: PrivateKeyInfo;
  try {
    info = PrivateKeyInfo.fromBER(bufferSource(pkcs8));
  } catch (cause) {
    throw new PadesSignError("PADES_SIGN_UNSUPPORTED_KEY", "not a PKCS#8 private key", { cause });
  }
  const oid = info.privateKeyAlgorithm.algorithmId;
  let params: RsaHashedImportParams | EcKeyImportParams;
  if (oid === OID.rsaEncryption) {
    params = { name: options.rsaScheme ?? "RSASSA-PKCS1-v1_5", hash: options.digest ?? "SHA-256" };
  } else if (oid === OID.ecPublicKey) {
    const curveOid = (
      info.privateKeyAlgorithm.algorithmParams as asn1js.ObjectIdentifier | undefined
    )?.valueBlock.toString();
    const namedCurve = curveOid ? curves[curveOid] : undefined;
    if (!namedCurve) throw new PadesSignError("PADES_SIGN_UNSUPPORTED_KEY", `curve ${curveOid}`);
    params = { name: "ECDSA", namedCurve };
  } else {
    throw new PadesSignError("PADES_SIGN_UNSUPPORTED_KEY", oid);
  }
  try {
    return await crypto.subtle.importKey("pkcs8", bufferSource(pkcs8), params, false, ["sign"]);
  } catch (cause) {
    throw new PadesSignError("PADES_SIGN_UNSUPPORTED_KEY", "the key cannot be imported", { cause });
  }
}
