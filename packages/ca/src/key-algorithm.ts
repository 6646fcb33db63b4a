import { CaError } from "./errors";

/** Key algorithms a CA or certificate holder may use (RSA PKCS#1 v1.5, RSA-PSS, ECDSA). */
export type KeyAlgorithmName =
  | "rsa-2048"
  | "rsa-3072"
  | "rsa-4096"
  | "rsa-pss-2048"
  | "rsa-pss-3072"
  | "rsa-pss-4096"
  | "ecdsa-p256"
  | "ecdsa-p384";

/** Hash names Web Crypto accepts for signatures. */
export type HashName = "SHA-256" | "SHA-384" | "SHA-512";

interface AlgorithmSpec {
  readonly generate: RsaHashedKeyGenParams | EcKeyGenParams;
  readonly hash: HashName;
}

const SPECS: Readonly<Record<KeyAlgorithmName, AlgorithmSpec>> = {
  "rsa-2048": rsa("RSASSA-PKCS1-v1_5", 2048, "SHA-256"),
  "rsa-3072": rsa("RSASSA-PKCS1-v1_5", 3072, "SHA-384"),
  "rsa-4096": rsa("RSASSA-PKCS1-v1_5", 4096, "SHA-384"),
  "rsa-pss-2048": rsa("RSA-PSS", 2048, "SHA-256"),
  "rsa-pss-3072": rsa("RSA-PSS", 3072, "SHA-384"),
  "rsa-pss-4096": rsa("RSA-PSS", 4096, "SHA-384"),
  "ecdsa-p256": { generate: { name: "ECDSA", namedCurve: "P-256" }, hash: "SHA-256" },
  "ecdsa-p384": { generate: { name: "ECDSA", namedCurve: "P-384" }, hash: "SHA-384" },
};

function rsa(name: string, modulusLength: number, hash: HashName): AlgorithmSpec {
  return {
    generate: { name, modulusLength, publicExponent: new Uint8Array([1, 0, 1]), hash },
    hash,
  };
}

/** Every supported key algorithm name. */
export const KEY_ALGORITHMS = Object.keys(SPECS) as readonly KeyAlgorithmName[];

/** Generates a signing key pair; keys are extractable unless told otherwise (PKCS#8/PKCS#12 export). */
export async function generateKeyPair(
  algorithm: KeyAlgorithmName,
  options: { readonly crypto?: Crypto; readonly extractable?: boolean } = {},
): Promise<CryptoKeyPair> {
  const spec = SPECS[algorithm];
  if (spec === undefined) throw new CaError("CA_UNSUPPORTED_ALGORITHM", String(algorithm));
  const crypto = options.crypto ?? globalThis.crypto;
  return (await crypto.subtle.generateKey(spec.generate, options.extractable ?? true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
}

/** The hash a key signs with: bound to RSA keys by Web Crypto, chosen by curve for ECDSA. */
export function hashOfKey(key: CryptoKey): HashName {
  const alg = key.algorithm as RsaHashedKeyAlgorithm | EcKeyAlgorithm;
  if ("hash" in alg) return alg.hash.name as HashName;
  if ("namedCurve" in alg) return alg.namedCurve === "P-256" ? "SHA-256" : "SHA-384";
  throw new CaError("CA_UNSUPPORTED_ALGORITHM", key.algorithm.name);
}

/** Web Crypto signature parameters for a private key (PSS salt = hash length, RFC 8017 §9.1). */
export function signingAlgorithmOf(key: CryptoKey): Algorithm & Record<string, unknown> {
  const hash = hashOfKey(key);
  switch (key.algorithm.name) {
    case "RSASSA-PKCS1-v1_5":
      return { name: "RSASSA-PKCS1-v1_5", hash };
    case "RSA-PSS":
      return { name: "RSA-PSS", hash, saltLength: hash === "SHA-256" ? 32 : hash === "SHA-384" ? 48 : 64 };
    case "ECDSA":
      return { name: "ECDSA", hash };
    default:
      throw new CaError("CA_UNSUPPORTED_ALGORITHM", key.algorithm.name);
  }
}
