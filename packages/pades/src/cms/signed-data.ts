import {
  type DigestAlgorithm,
  type SignatureScheme,
  digestAlgorithmIdentifier,
  signatureAlgorithmIdentifier,
} from "./algorithms";
import { TAG, derOid, derSetOf, derSmallInteger, tlv } from "./der";
import { issuerSerialOf } from "./issuer-serial";
import { OID } from "./oids";

/** Everything needed to assemble a detached CMS SignedData with one SignerInfo. */
export interface SignedDataParts {
  readonly digest: DigestAlgorithm;
  readonly scheme: SignatureScheme;
  /** The DER `SET OF Attribute` that was signed (tag 0x31). */
  readonly signedAttributes: Uint8Array;
  /** The signature value (for ECDSA already DER `Ecdsa-Sig-Value`). */
  readonly signature: Uint8Array;
  /** DER of the signer's certificate. */
  readonly signerCertificate: Uint8Array;
  /** DER of further certificates (the chain), without the signer's. */
  readonly chain?: readonly Uint8Array[];
  /** DER-encoded unsigned attributes (each an Attribute SEQUENCE), e.g. a signature time-stamp. */
  readonly unsignedAttributes?: readonly Uint8Array[];
}

function algorithmDer(id: { toSchema(): { toBER(): ArrayBuffer } }): Uint8Array {
  return new Uint8Array(id.toSchema().toBER());
}

/** Encodes a SignerInfo (RFC 5652 §5.3) with issuerAndSerialNumber as its sid (version 1). */
export function encodeSignerInfo(parts: SignedDataParts): Uint8Array {
  const { issuer, serialNumber } = issuerSerialOf(parts.signerCertificate);
  const signedAttrs = new Uint8Array(parts.signedAttributes);
  signedAttrs[0] = TAG.context0; // [0] IMPLICIT SET OF Attribute
  const unsigned =
    parts.unsignedAttributes && parts.unsignedAttributes.length > 0
      ? [derSetOf(parts.unsignedAttributes, TAG.context1)]
      : [];
  return tlv(
    TAG.sequence,
    derSmallInteger(1),
    tlv(TAG.sequence, issuer, serialNumber),
    algorithmDer(digestAlgorithmIdentifier(parts.digest)),
    signedAttrs,
    algorithmDer(signatureAlgorithmIdentifier(parts.scheme, parts.digest)),
    tlv(TAG.octetString, parts.signature),
    ...unsigned,
  );
}

/**
 * Encodes a detached `ContentInfo { signedData }` (RFC 5652 §3, §5.1): version 1, one digest
 * algorithm, eContentType id-data without eContent, the signer's certificate followed by the
 * chain, one SignerInfo — the shape ETSI EN 319 142-1 §6.3 requires for PAdES.
 */
export function encodeSignedData(parts: SignedDataParts): Uint8Array {
  const certificates = [parts.signerCertificate, ...(parts.chain ?? [])];
  const signedData = tlv(
    TAG.sequence,
    derSmallInteger(1),
    tlv(TAG.set, algorithmDer(digestAlgorithmIdentifier(parts.digest))),
    tlv(TAG.sequence, derOid(OID.data)),
    tlv(TAG.context0, ...certificates),
    tlv(TAG.set, encodeSignerInfo(parts)),
  );
  return tlv(TAG.sequence, derOid(OID.signedData), tlv(TAG.context0, signedData));
}
