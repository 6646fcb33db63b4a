import { bytesEqual } from "./bytes";
import { dnString } from "./certificates";
import { checkSignerInfo, type SignerInfoResult } from "./check-signer-info";
import { parseTstInfo } from "./cms-parse";
import type { Digester } from "../sign/byte-range";
import { digestName, digestRanges } from "./crypto-verify";
import { OID } from "./oids";
import type { AlgorithmPolicy } from "./options";
import type { Finding, ReasonCode } from "./report";

/** A time-stamp token after its own checks (RFC 3161 §2.4.2), before its TSA path is judged. */
export interface TimestampCheck {
  readonly time: Date | null;
  readonly tsaName: string | null;
  readonly signer: SignerInfoResult;
  readonly reasons: readonly Finding<ReasonCode>[];
}

/**
 * Checks a TimeStampToken: its CMS signature over TSTInfo, and that the message imprint
 * is the digest of `imprinted` (the signature value, or the document byte ranges).
 */
export async function checkTimestampToken(
  crypto: Crypto,
  policy: AlgorithmPolicy,
  der: Uint8Array,
  imprinted: readonly Uint8Array[],
  digester?: Digester,
): Promise<TimestampCheck> {
  const signer = await checkSignerInfo(der, {
    crypto,
    policy,
    content: "encapsulated",
    requireSignedAttrs: true,
    requireSigningCertificate: false,
    contentType: OID.tstInfo,
  });
  const reasons: Finding<ReasonCode>[] = [];
  const tsaName = signer.signerCert === null ? null : dnString(signer.signerCert.subject);
  const eContent = signer.signedData?.eContent;
  if (eContent === undefined)
    return { time: null, tsaName, signer, reasons: [{ code: "TIMESTAMP_INVALID", detail: "no TSTInfo" }] };
  const tst = parseTstInfo(eContent);
  if (tst === null) {
    return {
      time: null,
      tsaName,
      signer,
      reasons: [{ code: "TIMESTAMP_INVALID", detail: "unreadable TSTInfo" }],
    };
  }
  if (signer.failure !== null)
    reasons.push({ code: "TIMESTAMP_INVALID", detail: signer.failure.reason.code });
  const hash = digestName(tst.imprintAlgorithm);
  const wanted = tst.imprint;
  const got = hash === null ? null : await digestRanges(crypto, hash, imprinted, digester).catch(() => null);
  if (got === null || !bytesEqual(got, wanted)) reasons.push({ code: "TIMESTAMP_IMPRINT_MISMATCH" });
  return { time: tst.genTime, tsaName, signer, reasons };
}
