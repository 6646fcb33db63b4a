/** @teken/ca: Embedded PKI: CA hierarchy, certificate issuance, CRL, OCSP responder and RFC 3161 time-stamp authority. */
export { fromBase64, fromHex, normalizeSerial, toBase64, toHex } from "./bytes";
export { caUrls } from "./certificate-authority";
export type { CertificateAuthority, CertifiedKey, PublicationUrls } from "./certificate-authority";
export { certificateSerial } from "./certificate-info";
export { issueCrl } from "./crl";
export type { CrlOptions } from "./crl";
export {
  DEFAULT_PBKDF2_ITERATIONS,
  exportEncryptedPrivateKey,
  importEncryptedPrivateKey,
} from "./encrypted-private-key";
export type { DecryptKeyOptions, EncryptKeyOptions } from "./encrypted-private-key";
export { CaError } from "./errors";
export { createCaHttpApp, PKI_MEDIA_TYPES } from "./http-app";
export type { CaHttpAppOptions } from "./http-app";
export type { CaErrorCode } from "./errors";
export { createHierarchy, DEV_ORGANIZATION } from "./hierarchy";
export type { CaHierarchy, HierarchyOptions, ValidityOptions } from "./hierarchy";
export { generateKeyPair, KEY_ALGORITHMS } from "./key-algorithm";
export type { HashName, KeyAlgorithmName } from "./key-algorithm";
export { MemoryCaStore } from "./memory-ca-store";
export type { NameParts } from "./name";
export { buildOcspRequest } from "./ocsp-client";
export type { OcspRequestOptions } from "./ocsp-client";
export { OCSP_RESPONSE_STATUS, ocspError, respondOcsp } from "./ocsp-responder";
export type { OcspAuthority, OcspCertStatus, OcspResponderOptions } from "./ocsp-responder";
export { OID } from "./oids";
export { fromPem, fromPemAll, toPem } from "./pem";
export type { PemLabel } from "./pem";
export { exportPkcs12 } from "./pkcs12";
export type { Pkcs12Options } from "./pkcs12";
export { PKI_FAILURE, PKI_STATUS } from "./pki-status";
export type { PkiFailure } from "./pki-status";
export { REASON_CODE } from "./ports";
export type { CaStore, IssuedRecord, RevocationReason, RevocationRecord } from "./ports";
export { revokeCertificate } from "./revocation";
export type { RevokeOptions, RevokeOutcome } from "./revocation";
export { createOcspSignerCertificate, createTsaCertificate } from "./service-certificates";
export type { ServiceCertificateOptions } from "./service-certificates";
export { issueSignerCertificate } from "./signer-certificate";
export type {
  IssuedCertificate,
  NikPlacement,
  SignerCertificateOptions,
  SubjectKeySource,
} from "./signer-certificate";
export { createTestPki } from "./test-pki";
export { respondTimeStamp } from "./time-stamp-authority";
export { buildTimeStampRequest, parseTimeStampReply } from "./time-stamp-client";
export type { TimeStampReply, TimeStampRequestOptions } from "./time-stamp-client";
export type { TimeStampAuthorityOptions } from "./time-stamp-authority";
export type { TestPki, TestPkiOptions, TestSigner } from "./test-pki";
