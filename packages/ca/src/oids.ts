/** Object identifiers used by @teken/ca, in one table (RFC 5280, RFC 6960, RFC 3161, RFC 5035, RFC 8018). */
export const OID = {
  // RFC 5280 §4.2.1.12 extended key usages
  ekuEmailProtection: "1.3.6.1.5.5.7.3.4",
  ekuTimeStamping: "1.3.6.1.5.5.7.3.8",
  ekuOcspSigning: "1.3.6.1.5.5.7.3.9",
  /** RFC 9336 document signing. */
  ekuDocumentSigning: "1.3.6.1.5.5.7.3.36",
  // RFC 6960
  ocspBasic: "1.3.6.1.5.5.7.48.1.1",
  ocspNonce: "1.3.6.1.5.5.7.48.1.2",
  ocspNoCheck: "1.3.6.1.5.5.7.48.1.5",
  // RFC 5280 extensions
  crlNumber: "2.5.29.20",
  crlReason: "2.5.29.21",
  authorityKeyIdentifier: "2.5.29.35",
  anyPolicy: "2.5.29.32.0",
  // X.520 attributes
  serialNumber: "2.5.4.5",
  // CMS / RFC 3161 / RFC 5035
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  ctTstInfo: "1.2.840.113549.1.9.16.1.4",
  signedData: "1.2.840.113549.1.7.2",
  data: "1.2.840.113549.1.7.1",
  /** Default TSA policy: an arc under a private, clearly non-production branch. */
  tekenDevTsaPolicy: "1.3.6.1.4.1.57264.9.1",
  // hashes
  sha1: "1.3.14.3.2.26",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha384: "2.16.840.1.101.3.4.2.2",
  sha512: "2.16.840.1.101.3.4.2.3",
  // RFC 8018
  pbes2: "1.2.840.113549.1.5.13",
  pbkdf2: "1.2.840.113549.1.5.12",
  hmacWithSha256: "1.2.840.113549.2.9",
  hmacWithSha1: "1.2.840.113549.2.7",
  hmacWithSha384: "1.2.840.113549.2.10",
  hmacWithSha512: "1.2.840.113549.2.11",
  aes128Cbc: "2.16.840.1.101.3.4.1.2",
  aes192Cbc: "2.16.840.1.101.3.4.1.22",
  aes256Cbc: "2.16.840.1.101.3.4.1.42",
  // key algorithms in PKCS#8
  rsaEncryption: "1.2.840.113549.1.1.1",
  rsassaPss: "1.2.840.113549.1.1.10",
  ecPublicKey: "1.2.840.10045.2.1",
  secp256r1: "1.2.840.10045.3.1.7",
  secp384r1: "1.3.132.0.34",
  // PKCS#12 (RFC 7292)
  pkcs8ShroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  certBag: "1.2.840.113549.1.12.10.1.3",
  x509Certificate: "1.2.840.113549.1.9.22.1",
  friendlyName: "1.2.840.113549.1.9.20",
  localKeyId: "1.2.840.113549.1.9.21",
} as const;

/** Hash algorithms we accept in TSA and OCSP requests, by OID. */
export const HASH_BY_OID: Readonly<Record<string, "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512">> = {
  [OID.sha1]: "SHA-1",
  [OID.sha256]: "SHA-256",
  [OID.sha384]: "SHA-384",
  [OID.sha512]: "SHA-512",
};

/** Digest length in bytes for each accepted hash. */
export const HASH_LENGTH: Readonly<Record<string, number>> = {
  "SHA-1": 20,
  "SHA-256": 32,
  "SHA-384": 48,
  "SHA-512": 64,
};
