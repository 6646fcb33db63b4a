/** Verification: EN 319 102-1 reports for PAdES signatures and document time-stamps. */
export { verify } from "./verify";
export type { VerifyOptions, AlgorithmPolicy } from "./options";
export type { Digester } from "../sign/byte-range";
export { DEFAULT_POLICY } from "./options";
export {
  caIssuersUrls,
  httpIssuerSource,
  type HttpIssuerSourceOptions,
  type IssuerFetch,
  type IssuerSource,
} from "./issuer-source";
export * from "./report";
export {
  describeReason,
  describeReport,
  describeSignature,
  describeSubIndication,
  describeWarning,
  type Lang,
} from "./messages";
export {
  toBsreV1,
  toBsreV2,
  type BsreV1Detail,
  type BsreV1VerifyResponse,
  type BsreV2SignatureInformation,
  type BsreV2VerifyResponse,
} from "./bsre-mappers";
// Online revocation for `verify({ revocationSource })`, so `@teken/pades/verify` alone can check online.
export { type HttpRevocationSourceOptions, httpRevocationSource } from "../ltv/http-revocation-source";
export type { FetchLike, RevocationSource } from "../ltv/ports";
