/** Long-term signatures: time-stamps, revocation evidence, DSS, document time-stamps (PAdES B-T/LT/LTA). */
export { LtvError, type LtvErrorCode } from "./errors";
export type { FetchLike, HashAlgorithm, RevocationSource, TimestampAuthority } from "./ports";
export {
  type HttpTimestampAuthorityOptions,
  type TsaEndpoint,
  httpTimestampAuthority,
} from "./http-timestamp-authority";
export { type HttpRevocationSourceOptions, httpRevocationSource } from "./http-revocation-source";
export { type MemoryRevocationData, memoryRevocationSource } from "./memory-revocation-source";
export {
  type TimestampExpectation,
  type TimestampTokenInfo,
  checkTimestampToken,
  hasTimestampingEku,
  readTimestampToken,
} from "./timestamp-token";
export { type TimestampRequest, buildTimestampRequest } from "./timestamp-request";
export { unwrapTimestampResponse } from "./timestamp-response";
export { type OcspAnswer, type OcspCertStatus, buildOcspRequest, readOcspAnswer } from "./ocsp";
export { crlUrls, ocspUrls } from "./cert-urls";
export {
  type SignatureTimestampOptions,
  addSignatureTimestamp,
  signatureTimestampsOf,
} from "./signature-timestamp";
export { type PadesLevel, PADES_LEVELS, parsePadesLevel } from "./levels";
export { type ExistingSignature, existingSignatures } from "./existing-signatures";
export {
  type GatherOptions,
  type GatheredValidationData,
  type ValidationData,
  certificatesInCms,
  gatherValidationData,
} from "./validation-data";
export {
  type AddValidationDataOptions,
  type AddValidationDataResult,
  addValidationData,
} from "./add-validation-data";
export { type DocumentTimestampOptions, addDocumentTimestamp } from "./document-timestamp";
export { type ExtendOptions, type ExtendResult, extendPdf, refreshLta } from "./extend-pdf";
export { type SignAtLevelOptions, signAtLevel } from "./sign-at-level";
export {
  type DocMdpPermission,
  type FieldLock,
  assertSignatureAllowed,
  docMdpPermission,
  docMdpReference,
  fieldLockDictionary,
  fieldMdpReference,
} from "./docmdp";
export { type SignWithMdpOptions, signWithMdp } from "./sign-with-mdp";
