import type { DigestAlgorithm, SignatureScheme } from "../cms/algorithms";

/**
 * A local Web Crypto private key with its certificate chain: the library signs the DER signed
 * attributes itself (browser keys, test keys, PKCS#12 files).
 */
export interface LocalKeySigner {
  readonly kind: "local";
  /** An RSASSA-PKCS1-v1_5, RSA-PSS or ECDSA private key with the `sign` usage. */
  readonly privateKey: CryptoKey;
  /** DER of the signer's certificate. */
  readonly certificate: Uint8Array;
  /** DER of the issuing CA certificates (signer's issuer first), embedded in the CMS. */
  readonly chain?: readonly Uint8Array[];
}

/**
 * An external raw signer — an HSM or a remote "sign this hash" service: it receives the DER
 * signed attributes (RFC 5652 §5.4) and returns the bare signature value.
 */
export interface RawSigner {
  readonly kind: "raw";
  readonly certificate: Uint8Array;
  readonly chain?: readonly Uint8Array[];
  /** The scheme the signer applies; with `SHA-x` it selects the signatureAlgorithm OID. */
  readonly scheme: SignatureScheme;
  /** ECDSA only: whether `sign` returns DER `Ecdsa-Sig-Value` (default) or raw `r || s`. */
  readonly ecdsaFormat?: "der" | "raw";
  /**
   * Signs `signedAttributes` (hashing them with `digest` is the signer's job; `attributesDigest`
   * is that hash, precomputed for services that only take a digest).
   */
  readonly sign: (request: {
    readonly signedAttributes: Uint8Array;
    readonly attributesDigest: Uint8Array;
    readonly digest: DigestAlgorithm;
  }) => Promise<Uint8Array>;
}

/**
 * An external CMS provider — a remote service that returns a complete detached CMS SignedData
 * for the document's byte-range digest (e.g. BSrE-like APIs).
 */
export interface CmsProvider {
  readonly kind: "cms";
  /** Upper bound of the CMS size in bytes; `/Contents` is reserved from it (default 16 KiB). */
  readonly maxCmsSize?: number;
  readonly signDigest: (request: {
    readonly documentDigest: Uint8Array;
    readonly digest: DigestAlgorithm;
  }) => Promise<Uint8Array>;
}

/** The signing port: one of the three shapes above. */
export type Signer = LocalKeySigner | RawSigner | CmsProvider;
