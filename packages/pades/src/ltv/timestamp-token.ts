import type * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { equalBytes, hashFromOid } from "./bytes";
import { LtvError } from "./errors";
import { OID } from "./oids";
import type { HashAlgorithm } from "./ports";
import { certificatesOf, findSignerCertificate, parseSignedData, verifySignerInfo } from "./signer-info";

/** What a TimeStampToken says (RFC 3161 §2.4.2 TSTInfo) and who signed it. */
export interface TimestampTokenInfo {
  readonly genTime: Date;
  readonly hashAlg: HashAlgorithm;
  readonly imprint: Uint8Array;
  readonly serialNumber: Uint8Array;
  readonly nonce: Uint8Array | undefined;
  readonly policy: string;
  readonly tsaCertificate: pkijs.Certificate;
  /** Every certificate the token carries (the TSA's and, often, its chain). */
  readonly certificates: readonly pkijs.Certificate[];
}

/** What a token must match: the digest that was sent and, when one was sent, the nonce. */
export interface TimestampExpectation {
  readonly digest: Uint8Array;
  readonly hashAlg: HashAlgorithm;
  readonly nonce?: Uint8Array;
}

/** Strips leading zero bytes so INTEGER encodings compare by value. */
function integerValue(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

/**
 * RFC 3161 §2.3: the TSA certificate carries exactly one extended-key-usage extension, marked
 * critical, whose only purpose is id-kp-timeStamping.
 */
export function hasTimestampingEku(cert: pkijs.Certificate): boolean {
  const ekus = (cert.extensions ?? []).filter((e) => e.extnID === OID.extKeyUsage);
  if (ekus.length !== 1 || ekus[0]?.critical !== true) return false;
  const parsed = ekus[0].parsedValue as pkijs.ExtKeyUsage | undefined;
  const purposes = parsed?.keyPurposes ?? [];
  return purposes.length === 1 && purposes[0] === OID.kpTimeStamping;
}

/** Reads a DER TimeStampToken without judging it; typed error when it is not one. */
export async function readTimestampToken(token: Uint8Array, crypto: Crypto): Promise<TimestampTokenInfo> {
  return (await decodeToken(token, crypto)).info;
}

/** Parses a token once: its TSTInfo summary and the SignedData it came from. */
async function decodeToken(
  token: Uint8Array,
  crypto: Crypto,
): Promise<{ info: TimestampTokenInfo; signed: pkijs.SignedData }> {
  const signed = parseSignedData(token);
  const eContent = signed?.encapContentInfo.eContent;
  if (
    signed === undefined ||
    signed.encapContentInfo.eContentType !== OID.tstInfo ||
    eContent === undefined
  ) {
    throw new LtvError("LTV_TSA_BAD_RESPONSE", "not a TimeStampToken");
  }
  let tst: pkijs.TSTInfo;
  try {
    tst = pkijs.TSTInfo.fromBER(eContent.getValue());
  } catch (cause) {
    throw new LtvError("LTV_TSA_BAD_RESPONSE", "TSTInfo", { cause });
  }
  const certificates = certificatesOf(signed);
  const signerInfo = signed.signerInfos[0];
  const tsaCertificate =
    signerInfo === undefined ? undefined : await findSignerCertificate(signerInfo, certificates, crypto);
  if (tsaCertificate === undefined) throw new LtvError("LTV_TSA_BAD_RESPONSE", "no TSA certificate in token");
  const info: TimestampTokenInfo = {
    genTime: tst.genTime,
    hashAlg: hashFromOid(tst.messageImprint.hashAlgorithm.algorithmId),
    imprint: new Uint8Array(tst.messageImprint.hashedMessage.valueBlock.valueHexView),
    serialNumber: new Uint8Array(tst.serialNumber.valueBlock.valueHexView),
    nonce: tst.nonce === undefined ? undefined : new Uint8Array(tst.nonce.valueBlock.valueHexView),
    policy: tst.policy,
    tsaCertificate,
    certificates,
  };
  return { info, signed };
}

/**
 * Checks a TimeStampToken against what was asked (RFC 3161 §2.4.2): imprint, nonce, the TSA
 * certificate's critical timeStamping EKU, and the token's CMS signature. Throws `LtvError`.
 */
export async function checkTimestampToken(
  token: Uint8Array,
  expected: TimestampExpectation,
  crypto: Crypto,
): Promise<TimestampTokenInfo> {
  const { info, signed } = await decodeToken(token, crypto);
  if (info.hashAlg !== expected.hashAlg || !equalBytes(info.imprint, expected.digest)) {
    throw new LtvError("LTV_TSA_IMPRINT_MISMATCH");
  }
  if (
    expected.nonce !== undefined &&
    (info.nonce === undefined || !equalBytes(integerValue(info.nonce), integerValue(expected.nonce)))
  ) {
    throw new LtvError("LTV_TSA_NONCE_MISMATCH");
  }
  if (!hasTimestampingEku(info.tsaCertificate)) throw new LtvError("LTV_TSA_CERT_EKU");
  const signerInfo = signed.signerInfos[0] as pkijs.SignerInfo;
  const content = new Uint8Array((signed.encapContentInfo.eContent as asn1js.OctetString).getValue());
  if (!(await verifySignerInfo(signerInfo, info.tsaCertificate, content, crypto))) {
    throw new LtvError("LTV_TSA_SIGNATURE");
  }
  return info;
}
