/** A certificate together with the key pair it certifies. */
export interface CertifiedKey {
  /** The certificate, DER-encoded. */
  readonly certificate: Uint8Array;
  /** The private key (extractable unless created otherwise). */
  readonly privateKey: CryptoKey;
  /** The public key in the certificate. */
  readonly publicKey: CryptoKey;
}

/** URLs a CA writes into the certificates it issues (RFC 5280 §4.2.2.1, §4.2.1.13). */
export interface PublicationUrls {
  /** OCSP responder URL for certificates this CA issues (AIA id-ad-ocsp). */
  readonly ocspUrl?: string;
  /** Where this CA's own certificate can be fetched (AIA id-ad-caIssuers). */
  readonly caIssuersUrl?: string;
  /** Where this CA's CRL can be fetched (CRL distribution point). */
  readonly crlUrl?: string;
}

/** A certificate authority: certificate, keys, a short id used in URLs and the store, and its URLs. */
export interface CertificateAuthority extends CertifiedKey {
  /** Short, URL-safe id, e.g. `root` or `issuing` (used in `/crl/{id}.crl` and `CaStore`). */
  readonly id: string;
  /** URLs written into certificates this CA issues; each may be absent. */
  readonly urls: PublicationUrls;
}

/** The URLs served by `createCaHttpApp` mounted at `baseUrl`, for the CA with the given id. */
export function caUrls(baseUrl: string, caId: string): Required<PublicationUrls> {
  const base = baseUrl.replace(/\/+$/, "");
  return {
    ocspUrl: `${base}/ocsp`,
    caIssuersUrl: `${base}/certs/${caId}.crt`,
    crlUrl: `${base}/crl/${caId}.crl`,
  };
}
