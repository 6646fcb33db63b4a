import { bufferSource } from "../cms/buffer-source";
import { type DigestAlgorithm, type SignatureScheme, schemeOfKey } from "../cms/algorithms";
import { ecdsaRawToDer } from "../cms/ecdsa-signature";
import { buildSignedAttributes } from "../cms/signed-attributes";
import { encodeSignedData } from "../cms/signed-data";
import { PadesSignError } from "./errors";
import type { LocalKeySigner, RawSigner, Signer } from "./ports";

/** The two CMS profiles a PDF signature can carry (ISO 32000-2 §12.8.3.3, ETSI EN 319 142-1 §6.3). */
export type SubFilter = "ETSI.CAdES.detached" | "adbe.pkcs7.detached";

/** Inputs to build the CMS of one PDF signature. */
export interface CreateCmsOptions {
  readonly documentDigest: Uint8Array;
  readonly digest: DigestAlgorithm;
  readonly subFilter: SubFilter;
  /** The claimed signing time; written as signing-time only for `adbe.pkcs7.detached`. */
  readonly signingTime: Date;
  readonly crypto?: Crypto;
}

/** Signs with a local key; RSA keys carry their hash, ECDSA takes it per call (W3C Web Crypto §20–23). */
async function signLocally(
  signer: LocalKeySigner,
  data: Uint8Array,
  digest: DigestAlgorithm,
  crypto: Crypto,
) {
  const scheme = schemeOfKey(signer.privateKey);
  const keyHash = (signer.privateKey.algorithm as RsaHashedKeyAlgorithm).hash?.name;
  if (scheme !== "ECDSA" && keyHash !== digest) {
    throw new PadesSignError("PADES_SIGN_INVALID_OPTIONS", `the key is bound to ${keyHash}, not ${digest}`);
  }
  const params =
    scheme === "ECDSA"
      ? { name: "ECDSA", hash: digest }
      : scheme === "RSA-PSS"
        ? { name: "RSA-PSS", saltLength: { "SHA-256": 32, "SHA-384": 48, "SHA-512": 64 }[digest] }
        : { name: scheme };
  const sig = new Uint8Array(await crypto.subtle.sign(params, signer.privateKey, bufferSource(data)));
  return scheme === "ECDSA" ? ecdsaRawToDer(sig) : sig;
}

async function signRaw(signer: RawSigner, data: Uint8Array, digest: DigestAlgorithm, crypto: Crypto) {
  const attributesDigest = new Uint8Array(await crypto.subtle.digest(digest, bufferSource(data)));
  let sig: Uint8Array;
  try {
    sig = await signer.sign({ signedAttributes: data, attributesDigest, digest });
  } catch (cause) {
    throw new PadesSignError("PADES_SIGN_SIGNER_FAILED", undefined, { cause });
  }
  return signer.scheme === "ECDSA" && signer.ecdsaFormat === "raw" ? ecdsaRawToDer(sig) : sig;
}

/**
 * Signs DER signed attributes with a key-holding signer: a local key signs them through Web
 * Crypto, a raw signer receives them with their digest. DER ECDSA signatures either way.
 */
export async function signSignedAttributes(
  signer: LocalKeySigner | RawSigner,
  signedAttributes: Uint8Array,
  digest: DigestAlgorithm,
  crypto: Crypto = globalThis.crypto,
): Promise<Uint8Array> {
  return signer.kind === "local"
    ? signLocally(signer, signedAttributes, digest, crypto)
    : signRaw(signer, signedAttributes, digest, crypto);
}

/** The signature scheme a key-holding signer applies. */
export function schemeOf(signer: LocalKeySigner | RawSigner): SignatureScheme {
  return signer.kind === "local" ? schemeOfKey(signer.privateKey) : signer.scheme;
}

/**
 * Produces the detached CMS SignedData for a document digest with any `Signer` shape:
 * signed attributes per ETSI EN 319 142-1 §6.3 (no signing-time for CAdES), one SignerInfo,
 * certificates = signer + chain. A CMS provider's answer is returned as is.
 */
export async function createCms(signer: Signer, options: CreateCmsOptions): Promise<Uint8Array> {
  const crypto = options.crypto ?? globalThis.crypto;
  if (signer.kind === "cms") {
    try {
      return await signer.signDigest({ documentDigest: options.documentDigest, digest: options.digest });
    } catch (cause) {
      throw new PadesSignError("PADES_SIGN_SIGNER_FAILED", undefined, { cause });
    }
  }
  const signedAttributes = await buildSignedAttributes({
    digest: options.digest,
    messageDigest: options.documentDigest,
    signerCertificate: signer.certificate,
    signingTime: options.subFilter === "adbe.pkcs7.detached" ? options.signingTime : undefined,
    crypto,
  });
  const signature =
    signer.kind === "local"
      ? await signLocally(signer, signedAttributes, options.digest, crypto)
      : await signRaw(signer, signedAttributes, options.digest, crypto);
  return encodeSignedData({
    digest: options.digest,
    scheme: schemeOf(signer),
    signedAttributes,
    signature,
    signerCertificate: signer.certificate,
    chain: signer.chain,
  });
}
