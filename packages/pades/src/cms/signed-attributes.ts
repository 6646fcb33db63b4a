import { bufferSource } from "./buffer-source";
import { type DigestAlgorithm, digestOid } from "./algorithms";
import { TAG, derOid, derSetOf, derTime, tlv } from "./der";
import { issuerSerialOf } from "./issuer-serial";
import { OID } from "./oids";

/** What the signed attributes of a PAdES / PKCS#7 SignerInfo are built from. */
export interface SignedAttributesInput {
  /** Digest algorithm of the message digest and of the ESSCertIDv2 hash. */
  readonly digest: DigestAlgorithm;
  /** Digest of the PDF byte ranges. */
  readonly messageDigest: Uint8Array;
  /** DER of the signer's certificate. */
  readonly signerCertificate: Uint8Array;
  /** Only for `adbe.pkcs7.detached`: PAdES B-B forbids signing-time (ETSI EN 319 142-1 §5.2.3). */
  readonly signingTime?: Date;
  /** Web Crypto used to hash the certificate. */
  readonly crypto?: Crypto;
}

/** Encodes one Attribute `SEQUENCE { attrType OID, attrValues SET OF ANY }` (RFC 5652 §5.3). */
export function encodeAttribute(oid: string, values: readonly Uint8Array[]): Uint8Array {
  return tlv(TAG.sequence, derOid(oid), derSetOf(values));
}

const certHashes = new WeakMap<Uint8Array, Map<string, Uint8Array>>();

/**
 * Encodes signing-certificate-v2 (RFC 5035 §3): `SigningCertificateV2 ::= SEQUENCE { certs
 * SEQUENCE OF ESSCertIDv2 }`, `ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256,
 * certHash OCTET STRING, issuerSerial IssuerSerial }`.
 */
export async function signingCertificateV2(
  certificate: Uint8Array,
  digest: DigestAlgorithm,
  crypto: Crypto = globalThis.crypto,
): Promise<Uint8Array> {
  const key = `${digest}`;
  const known = certHashes.get(certificate)?.get(key);
  const hash = known ?? new Uint8Array(await crypto.subtle.digest(digest, bufferSource(certificate)));
  if (!known) certHashes.set(certificate, (certHashes.get(certificate) ?? new Map()).set(key, hash));
  const { issuer, serialNumber } = issuerSerialOf(certificate);
  const generalNames = tlv(TAG.sequence, tlv(TAG.context4, issuer));
  const issuerSerial = tlv(TAG.sequence, generalNames, serialNumber);
  // DER omits a DEFAULT value (X.690 §11.5): sha256 is the default hashAlgorithm.
  const hashAlgorithm = digest === "SHA-256" ? [] : [tlv(TAG.sequence, derOid(digestOid(digest)))];
  const essCertId = tlv(TAG.sequence, ...hashAlgorithm, tlv(TAG.octetString, hash), issuerSerial);
  return tlv(TAG.sequence, tlv(TAG.sequence, essCertId));
}

/**
 * Builds the DER `SET OF Attribute` that the signer signs (RFC 5652 §5.4): content-type id-data,
 * message-digest, signing-certificate-v2 and, for PKCS#7 only, signing-time.
 */
export async function buildSignedAttributes(input: SignedAttributesInput): Promise<Uint8Array> {
  const attributes = [
    encodeAttribute(OID.contentType, [derOid(OID.data)]),
    encodeAttribute(OID.messageDigest, [tlv(TAG.octetString, input.messageDigest)]),
    encodeAttribute(OID.signingCertificateV2, [
      await signingCertificateV2(input.signerCertificate, input.digest, input.crypto),
    ]),
  ];
  if (input.signingTime !== undefined) {
    attributes.push(encodeAttribute(OID.signingTime, [derTime(input.signingTime)]));
  }
  return derSetOf(attributes);
}
