import * as asn1js from "asn1js";
import { AlgorithmIdentifier, RSASSAPSSParams } from "pkijs";
import { PadesSignError } from "../sign/errors";
import { OID } from "./oids";

/** A digest algorithm accepted for PAdES signatures (ETSI TS 119 312 excludes SHA-1). */
export type DigestAlgorithm = "SHA-256" | "SHA-384" | "SHA-512";

/** The signature schemes the builder emits: RSA PKCS#1 v1.5, RSA-PSS and ECDSA (RFC 8017, RFC 5758). */
export type SignatureScheme = "RSASSA-PKCS1-v1_5" | "RSA-PSS" | "ECDSA";

const digestOids: Readonly<Record<DigestAlgorithm, string>> = {
  "SHA-256": OID.sha256,
  "SHA-384": OID.sha384,
  "SHA-512": OID.sha512,
};

const rsaOids: Readonly<Record<DigestAlgorithm, string>> = {
  "SHA-256": OID.sha256WithRSAEncryption,
  "SHA-384": OID.sha384WithRSAEncryption,
  "SHA-512": OID.sha512WithRSAEncryption,
};

const ecdsaOids: Readonly<Record<DigestAlgorithm, string>> = {
  "SHA-256": OID.ecdsaWithSha256,
  "SHA-384": OID.ecdsaWithSha384,
  "SHA-512": OID.ecdsaWithSha512,
};

/** Byte length of each digest, which is also the RSA-PSS salt length we use (RFC 8017 §9.1). */
export const digestLength: Readonly<Record<DigestAlgorithm, number>> = {
  "SHA-256": 32,
  "SHA-384": 48,
  "SHA-512": 64,
};

/** The OID of a digest algorithm. */
export function digestOid(digest: DigestAlgorithm): string {
  return digestOids[digest];
}

/** Maps a digest OID back to its name, or `undefined` for an algorithm we do not accept. */
export function digestFromOid(oid: string): DigestAlgorithm | "SHA-1" | undefined {
  if (oid === OID.sha1) return "SHA-1";
  return (Object.keys(digestOids) as DigestAlgorithm[]).find((d) => digestOids[d] === oid);
}

/** A digest AlgorithmIdentifier with absent parameters (RFC 5754 §2). */
export function digestAlgorithmIdentifier(digest: DigestAlgorithm): AlgorithmIdentifier {
  return new AlgorithmIdentifier({ algorithmId: digestOid(digest) });
}

/** The signatureAlgorithm of a SignerInfo for a scheme and digest (RFC 4055 §3.1, RFC 5758 §3.2). */
export function signatureAlgorithmIdentifier(
  scheme: SignatureScheme,
  digest: DigestAlgorithm,
): AlgorithmIdentifier {
  switch (scheme) {
    case "RSASSA-PKCS1-v1_5":
      return new AlgorithmIdentifier({ algorithmId: rsaOids[digest], algorithmParams: new asn1js.Null() });
    case "ECDSA":
      return new AlgorithmIdentifier({ algorithmId: ecdsaOids[digest] });
    case "RSA-PSS": {
      const hash = digestAlgorithmIdentifier(digest);
      const params = new RSASSAPSSParams({
        hashAlgorithm: hash,
        maskGenAlgorithm: new AlgorithmIdentifier({
          algorithmId: OID.mgf1,
          algorithmParams: hash.toSchema(),
        }),
        saltLength: digestLength[digest],
      });
      return new AlgorithmIdentifier({ algorithmId: OID.rsassaPss, algorithmParams: params.toSchema() });
    }
    default:
      throw new PadesSignError("PADES_SIGN_UNSUPPORTED_KEY", String(scheme));
  }
}

/** Derives the signature scheme from a Web Crypto key algorithm. */
export function schemeOfKey(key: CryptoKey): SignatureScheme {
  const name = key.algorithm.name;
  if (name === "RSASSA-PKCS1-v1_5" || name === "RSA-PSS" || name === "ECDSA") return name;
  throw new PadesSignError("PADES_SIGN_UNSUPPORTED_KEY", name);
}
