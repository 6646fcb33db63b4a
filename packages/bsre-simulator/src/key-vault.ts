import { fromB64, toB64 } from "./bytes";

/**
 * Keeps a user's private key encrypted under their passphrase: PBKDF2-HMAC-SHA256 (RFC 8018
 * §5.2) derives an AES-256-GCM key that wraps the PKCS#8 (RFC 5208) export. A wrong passphrase
 * fails the GCM tag check, so the passphrase is verified by decrypting and is never stored.
 * Used until @teken/ca exports encrypted PKCS#8 (RFC 5958 / PBES2); the envelope is versioned.
 */
export interface KeyEnvelope {
  readonly v: 1;
  readonly kdf: "PBKDF2-SHA256";
  readonly iterations: number;
  readonly salt: string;
  readonly iv: string;
  readonly data: string;
  readonly algorithm: { readonly name: string; readonly hash?: string; readonly namedCurve?: string };
}

/** Options of the key vault. */
export interface KeyVaultOptions {
  readonly crypto: Crypto;
  /** PBKDF2 iterations (default 210 000, OWASP 2023 for SHA-256... scaled down in tests). */
  readonly iterations?: number;
}

/** Algorithm parameters to re-import a key of this algorithm for signing. */
function importAlgorithm(alg: KeyEnvelope["algorithm"]): RsaHashedImportParams | EcKeyImportParams {
  if (alg.name === "ECDSA") return { name: "ECDSA", namedCurve: alg.namedCurve ?? "P-256" };
  return { name: alg.name, hash: alg.hash ?? "SHA-256" };
}

/** Describes a key's algorithm in JSON. */
function describe(key: CryptoKey): KeyEnvelope["algorithm"] {
  const a = key.algorithm as RsaHashedKeyAlgorithm & EcKeyAlgorithm;
  return {
    name: a.name,
    ...(a.hash ? { hash: a.hash.name } : {}),
    ...(a.namedCurve ? { namedCurve: a.namedCurve } : {}),
  };
}

/** Derives the wrapping key from a passphrase. */
async function derive(
  crypto: Crypto,
  secret: Uint8Array,
  salt: Uint8Array,
  iterations: number,
): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey("raw", secret as BufferSource, "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/** Encrypts `key` (extractable) under `passphrase`; returns the JSON envelope text. */
export async function sealKey(key: CryptoKey, passphrase: string, options: KeyVaultOptions): Promise<string> {
  const { crypto } = options;
  const iterations = options.iterations ?? 210_000;
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const wrapping = await derive(crypto, new TextEncoder().encode(passphrase), salt, iterations);
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", key));
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, wrapping, pkcs8));
  pkcs8.fill(0);
  const envelope: KeyEnvelope = {
    v: 1,
    kdf: "PBKDF2-SHA256",
    iterations,
    salt: toB64(salt),
    iv: toB64(iv),
    data: toB64(data),
    algorithm: describe(key),
  };
  return JSON.stringify(envelope);
}

/** Decrypts an envelope; undefined when the passphrase is wrong (the GCM tag does not verify). */
export async function openKey(
  envelopeText: string,
  passphrase: string,
  options: KeyVaultOptions,
): Promise<CryptoKey | undefined> {
  const { crypto } = options;
  const envelope = JSON.parse(envelopeText) as KeyEnvelope;
  const wrapping = await derive(
    crypto,
    new TextEncoder().encode(passphrase),
    fromB64(envelope.salt),
    envelope.iterations,
  );
  let pkcs8: Uint8Array;
  try {
    pkcs8 = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: fromB64(envelope.iv) as BufferSource },
        wrapping,
        fromB64(envelope.data) as BufferSource,
      ),
    );
  } catch {
    return undefined;
  }
  const key = await crypto.subtle.importKey(
    "pkcs8",
    pkcs8 as BufferSource,
    importAlgorithm(envelope.algorithm),
    true,
    ["sign"],
  );
  pkcs8.fill(0);
  return key;
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
  const parsed = JSON.parse(wrapped) as { iv: string; data: string; algorithm: KeyEnvelope["algorithm"] };
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
