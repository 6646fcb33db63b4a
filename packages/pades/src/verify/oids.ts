/** Object identifiers the verifier uses, in one table (RFC 5652, RFC 5035, RFC 3161, RFC 8017, RFC 5758). */
export const OID = {
  signedData: "1.2.840.113549.1.7.2",
  data: "1.2.840.113549.1.7.1",
  tstInfo: "1.2.840.113549.1.9.16.1.4",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  signingCertificate: "1.2.840.113549.1.9.16.2.12",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  signatureTimeStampToken: "1.2.840.113549.1.9.16.2.14",
  adbeRevocationInfoArchival: "1.2.840.113583.1.1.8",
  ocspResponseRevInfo: "1.3.6.1.5.5.7.16.2",
  ocspBasic: "1.3.6.1.5.5.7.48.1.1",
  ekuTimeStamping: "1.3.6.1.5.5.7.3.8",
  ekuOcspSigning: "1.3.6.1.5.5.7.3.9",
  ocspNoCheck: "1.3.6.1.5.5.7.48.1.5",
  rsaEncryption: "1.2.840.113549.1.1.1",
  rsaPss: "1.2.840.113549.1.1.10",
  ecPublicKey: "1.2.840.10045.2.1",
  keyUsage: "2.5.29.15",
  basicConstraints: "2.5.29.19",
  extKeyUsage: "2.5.29.37",
  subjectKeyIdentifier: "2.5.29.14",
  commonName: "2.5.4.3",
  emailAddress: "1.2.840.113549.1.9.1",
} as const;

/** Digest algorithms by OID, with their Web Crypto names (null: recognised but not computable). */
export const DIGESTS: Readonly<Record<string, { readonly name: string; readonly webCrypto: string | null }>> =
  {
    "1.2.840.113549.2.5": { name: "MD5", webCrypto: null },
    "1.3.14.3.2.26": { name: "SHA-1", webCrypto: "SHA-1" },
    "2.16.840.1.101.3.4.2.4": { name: "SHA-224", webCrypto: null },
    "2.16.840.1.101.3.4.2.1": { name: "SHA-256", webCrypto: "SHA-256" },
    "2.16.840.1.101.3.4.2.2": { name: "SHA-384", webCrypto: "SHA-384" },
    "2.16.840.1.101.3.4.2.3": { name: "SHA-512", webCrypto: "SHA-512" },
  };

/** Signature algorithms by OID: key type and the digest they imply (null: from digestAlgorithm). */
export const SIGNATURE_ALGS: Readonly<
  Record<
    string,
    { readonly key: "RSA" | "RSA-PSS" | "EC"; readonly digest: string | null; readonly name: string }
  >
> = {
  "1.2.840.113549.1.1.1": { key: "RSA", digest: null, name: "RSA" },
  "1.2.840.113549.1.1.4": { key: "RSA", digest: "MD5", name: "MD5withRSA" },
  "1.2.840.113549.1.1.5": { key: "RSA", digest: "SHA-1", name: "SHA1withRSA" },
  "1.2.840.113549.1.1.11": { key: "RSA", digest: "SHA-256", name: "SHA256withRSA" },
  "1.2.840.113549.1.1.12": { key: "RSA", digest: "SHA-384", name: "SHA384withRSA" },
  "1.2.840.113549.1.1.13": { key: "RSA", digest: "SHA-512", name: "SHA512withRSA" },
  "1.2.840.113549.1.1.10": { key: "RSA-PSS", digest: null, name: "RSASSA-PSS" },
  "1.2.840.10045.2.1": { key: "EC", digest: null, name: "ECDSA" },
  "1.2.840.10045.4.1": { key: "EC", digest: "SHA-1", name: "SHA1withECDSA" },
  "1.2.840.10045.4.3.2": { key: "EC", digest: "SHA-256", name: "SHA256withECDSA" },
  "1.2.840.10045.4.3.3": { key: "EC", digest: "SHA-384", name: "SHA384withECDSA" },
  "1.2.840.10045.4.3.4": { key: "EC", digest: "SHA-512", name: "SHA512withECDSA" },
};

/** Named curves by OID (RFC 5480 §2.1.1.1). */
export const CURVES: Readonly<Record<string, { readonly name: string; readonly size: number }>> = {
  "1.2.840.10045.3.1.7": { name: "P-256", size: 32 },
  "1.3.132.0.34": { name: "P-384", size: 48 },
  "1.3.132.0.35": { name: "P-521", size: 66 },
};
