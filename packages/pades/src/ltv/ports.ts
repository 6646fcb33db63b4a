/** Hash algorithms the long-term layer accepts for imprints and digests. */
export type HashAlgorithm = "SHA-256" | "SHA-384" | "SHA-512";

/**
 * A time-stamping authority (RFC 3161): given a digest, returns a DER TimeStampToken
 * (a CMS ContentInfo wrapping SignedData whose content is a TSTInfo, RFC 3161 §2.4.2).
 * Implementations check the response before returning it.
 */
export interface TimestampAuthority {
  readonly timestamp: (digest: Uint8Array, hashAlg: HashAlgorithm) => Promise<Uint8Array>;
}

/**
 * Where revocation evidence comes from: an OCSP responder (RFC 6960) and CRLs (RFC 5280).
 * Both return DER, or `undefined` when this source has nothing for the certificate; transport
 * failures are thrown as `LtvError` (`LTV_REVOCATION_*`).
 */
export interface RevocationSource {
  /** A full DER OCSPResponse (RFC 6960 §4.2.1) about `cert`, issued under `issuer`. */
  readonly ocsp: (cert: Uint8Array, issuer: Uint8Array) => Promise<Uint8Array | undefined>;
  /** A DER CertificateList (RFC 5280 §5.1) covering `cert`. */
  readonly crl: (cert: Uint8Array) => Promise<Uint8Array | undefined>;
}

/** The `fetch` function the HTTP adapters call; injectable so tests can route to an in-process app. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
