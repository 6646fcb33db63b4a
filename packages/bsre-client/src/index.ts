/** @teken/bsre-client: Typed client of BSrE's Esign Client Service API v1 and v2. */
export { createBsreClient } from "./client";
export type { BsreClient } from "./client";
export { BSRE_ERROR_MESSAGES, BsreError, isBsreError } from "./errors";
export type { BsreErrorCode, BsreErrorInit } from "./errors";
export type { BsreAuthorisation, BsreIdentity } from "./identity";
export { DEFAULT_SIGN_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, basicAuthorization } from "./options";
export type {
  BsreCallOptions,
  BsreClientEvent,
  BsreClientOptions,
  BsreCredentials,
  BsreRetryOptions,
} from "./options";
export { REDACTED, maskIdentifier, summariseRequest } from "./request-summary";
export type { RequestSummary, SummaryValue } from "./request-summary";
export { BsreErrorBodySchema, classify } from "./response";
export { SealMessageResponseSchema, SealPdfResponseSchema } from "./seal";
export type { SealMessageResponse, SealPdfRequest } from "./seal";
export type { BsreHalaman, SignPdfV1Request, SignPdfV1Result } from "./sign-v1";
export { SignPdfV2ResponseSchema, SignTotpResponseSchema } from "./sign-v2";
export type { SignPdfV2Request, SignPdfV2Result, SignatureProperties } from "./sign-v2";
export { createBsreSigner } from "./signer";
export type { BsreSignerOptions, PdfSignOptions, PdfSigner, RemoteStamp } from "./signer";
export {
  BSRE_USER_STATUSES,
  RegistrationResponseSchema,
  UserStatusV1ResponseSchema,
  UserStatusV2ResponseSchema,
} from "./user";
export type { BsreUserStatus, RegistrationFile, RegistrationRequest, UserStatus } from "./user";
export {
  VerifyV1DetailSchema,
  VerifyV1ResponseSchema,
  VerifyV2ResponseSchema,
  VerifyV2SignatureSchema,
} from "./verify";
export type { VerifyV1Response, VerifyV2Response } from "./verify";
export { fromBase64, looksLikePdf, toBase64 } from "./base64";
