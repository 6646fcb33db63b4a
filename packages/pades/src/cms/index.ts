/** CMS SignedData building and parsing helpers (RFC 5652) shared by signing, LTV and verification. */
export { addUnsignedAttribute } from "./add-unsigned-attribute";
export {
  type DigestAlgorithm,
  type SignatureScheme,
  digestAlgorithmIdentifier,
  digestFromOid,
  digestLength,
  digestOid,
  signatureAlgorithmIdentifier,
} from "./algorithms";
export { base64ToBytes, certificatesFromPem, parseCertificate, pemBlock } from "./certificate";
export { concatBytes as concatDer, derLength, derOid, derSetOf, derTime, tlv, TAG as DER_TAG } from "./der";
export { ecdsaDerToRaw, ecdsaRawToDer } from "./ecdsa-signature";
export { type IssuerSerialDer, issuerSerialOf } from "./issuer-serial";
export { OID } from "./oids";
export {
  type CmsAttribute,
  type ParsedSignedData,
  type ParsedSignerInfo,
  type SignerIdentifier,
  derElementLength,
  parseSignedData,
} from "./parse-signed-data";
export {
  type SignedAttributesInput,
  buildSignedAttributes,
  encodeAttribute,
  signingCertificateV2,
} from "./signed-attributes";
export { type SignedDataParts, encodeSignedData, encodeSignerInfo } from "./signed-data";
export { findSignerCertificate, verifySignerInfoSignature } from "./verify-signer-info";
