import { CaError, exportEncryptedPrivateKey, importEncryptedPrivateKey } from "@teken/ca";
import { fromB64, toB64 } from "./bytes";

/** Options of the key vault. */
export interface KeyVaultOptions {
  readonly crypto: Crypto;
  /** PBKDF2 iterations (default @teken/ca's 600 000; tests lower it, never below 1 000). */
  readonly iterations?: number;
}

/**
 * Encrypts `key` (extractable) under `passphrase` as PKCS#8 EncryptedPrivateKeyInfo
 * (RFC 5958 §3, PBES2 with PBKDF2-HMAC-SHA-256 + AES-256-CBC, from @teken/ca); returns base64 DER.
 */
export async function sealKey(key: CryptoKey, passphrase: string, options: KeyVaultOptions): Promise<string> {
  const der = await exportEncryptedPrivateKey(key, passphrase, {
    crypto: options.crypto,
    ...(options.iterations === undefined ? {} : { iterations: options.iterations }),
  });
  return toB64(der);
}

/**
 * Decrypts a sealed key; undefined when the passphrase is wrong. This is how the simulator
 * checks a passphrase: it is never stored, only tried against the encrypted key.
 */
export async function openKey(
  sealed: string,
  passphrase: string,
  options: KeyVaultOptions,
): Promise<CryptoKey | undefined> {
  try {
    return await importEncryptedPrivateKey(fromB64(sealed), passphrase, { crypto: options.crypto });
  } catch (error) {
    if (error instanceof CaError && error.code === "CA_WRONG_PASSPHRASE") return undefined;
    throw error;
  }
}

/** Describes a key's algorithm in JSON. */
function describe(key: CryptoKey): WrappedAlgorithm {
  const a = key.algorithm as RsaHashedKeyAlgorithm & EcKeyAlgorithm;
  return {
    name: a.name,
    ...(a.hash ? { hash: a.hash.name } : {}),
    ...(a.namedCurve ? { namedCurve: a.namedCurve } : {}),
  };
}

/** Algorithm of a master-wrapped key. */
interface WrappedAlgorithm {
  readonly name: string;
  readonly hash?: string;
  readonly namedCurve?: string;
}

/** Algorithm parameters to re-import a key of this algorithm for signing. */
function importAlgorithm(alg: WrappedAlgorithm): RsaHashedImportParams | EcKeyImportParams {
  if (alg.name === "ECDSA") return { name: "ECDSA", namedCurve: alg.namedCurve ?? "P-256" };
  return { name: alg.name, hash: alg.hash ?? "SHA-256" };
}

/** Wraps a key under the simulator's master AES-GCM key (base64 raw), for TOTP signing. */
export async function wrapWithMaster(key: CryptoKey, masterKey: string, crypto: Crypto): Promise<string> {
  const master = await crypto.subtle.importKey("raw", fromB64(masterKey) as BufferSource, "AES-GCM", false, [
    "encrypt",
  ]);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", key));
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, master, pkcs8));
  return JSON.stringify({ v: 1, iv: toB64(iv), data: toB64(data), algorithm: describe(key) });
}

/** Unwraps a key wrapped by {@link wrapWithMaster}. */
export async function unwrapWithMaster(
  wrapped: string,
  masterKey: string,
  crypto: Crypto,
): Promise<CryptoKey> {
  const parsed = JSON.parse(wrapped) as { iv: string; data: string; algorithm: WrappedAlgorithm };
  const master = await crypto.subtle.importKey("raw", fromB64(masterKey) as BufferSource, "AES-GCM", false, [
    "decrypt",
  ]);
  const pkcs8 = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: fromB64(parsed.iv) as BufferSource },
    master,
    fromB64(parsed.data) as BufferSource,
  );
  return crypto.subtle.importKey("pkcs8", pkcs8, importAlgorithm(parsed.algorithm), true, ["sign"]);
}
