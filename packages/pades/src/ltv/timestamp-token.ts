import type * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { equalBytes, hashFromOid, sameInteger } from "./bytes";
import { LtvError } from "./errors";
import { OID } from "./oids";
import type { HashAlgorithm } from "./ports";
import { certificatesOf, findSignerCertificate, parseSignedData, verifySignerInfo } from "./signer-info";
import type { SignedDataDer, SignerInfoDer } from "../verify/cms-parse";
import { readOid, readTime } from "../verify/cms-parse";
import { certFields } from "../verify/cert-cache";
import { verifyWithKey } from "../verify/crypto-verify";
import { children, readTlv, type Tlv } from "../verify/der";
import { walkSignedData } from "./cms-walk";

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

/** A decoded token: its TSTInfo summary and, to check its signature, the walked or PKI.js SignedData. */
type DecodedToken =
  | {
      readonly info: TimestampTokenInfo;
      readonly walked: { signed: SignedDataDer; signerInfo: SignerInfoDer };
    }
  | { readonly info: TimestampTokenInfo; readonly signed: pkijs.SignedData };

/** Parses a token once: with the DER walker, or PKI.js when the walker refuses it. */
async function decodeToken(token: Uint8Array, crypto: Crypto): Promise<DecodedToken> {
  const walked = walkSignedData(token);
  return walked === undefined ? decodeTokenSlow(token, crypto) : decodeWalked(walked, crypto);
}

/** The TSTInfo fields (RFC 3161 §2.4.2) the client checks and reports. */
interface TstFields {
  readonly genTime: Date;
  readonly hashOid: string;
  readonly imprint: Uint8Array;
  readonly serial: Uint8Array;
  readonly nonce: Uint8Array | undefined;
  readonly policy: string;
}

/** TSTInfo read with the DER walker, or undefined when malformed. */
function walkTstInfo(der: Uint8Array): TstFields | undefined {
  try {
    const top = readTlv(der, 0);
    if (top === null || top.tag !== 0x30 || top.end !== der.length) return undefined;
    const k = children(der, top);
    const [version, policy, mi, serial, gen] = k ?? [];
    if (k === null || version?.tag !== 0x02 || serial?.tag !== 0x02 || mi?.tag !== 0x30) return undefined;
    const imprintKids = children(der, mi);
    const [alg, hashed, extra] = imprintKids ?? [];
    if (alg?.tag !== 0x30 || hashed?.tag !== 0x04 || extra !== undefined) return undefined;
    const algKids = children(der, alg);
    const genTime = readTime(der, gen);
    if (gen?.tag !== 0x18 || genTime === null || algKids === null) return undefined;
    // After genTime: accuracy SEQUENCE OPTIONAL, ordering BOOLEAN DEFAULT FALSE, nonce INTEGER OPTIONAL, ...
    const nonce: Tlv | undefined = k.slice(5).find((t) => t.tag === 0x02);
    const content = (t: Tlv) => der.slice(t.contentStart, t.end);
    return {
      genTime,
      hashOid: readOid(der, algKids[0]),
      imprint: content(hashed),
      serial: content(serial),
      nonce: nonce === undefined ? undefined : content(nonce),
      policy: readOid(der, policy),
    };
  } catch {
    return undefined;
  }
}

/** {@link decodeToken} on a walked SignedData; certificates are the shared PKI.js objects. */
async function decodeWalked(signed: SignedDataDer, crypto: Crypto): Promise<DecodedToken> {
  if (signed.eContentType !== OID.tstInfo || signed.eContent === undefined) {
    throw new LtvError("LTV_TSA_BAD_RESPONSE", "not a TimeStampToken");
  }
  const tst = walkTstInfo(signed.eContent);
  if (tst === undefined) throw new LtvError("LTV_TSA_BAD_RESPONSE", "TSTInfo");
  const certificates = [...signed.certificates];
  const signerInfo = signed.signerInfos[0];
  const tsaCertificate =
    signerInfo === undefined ? undefined : await signerCertificate(signerInfo, certificates, crypto);
  if (signerInfo === undefined || tsaCertificate === undefined) {
    throw new LtvError("LTV_TSA_BAD_RESPONSE", "no TSA certificate in token");
  }
  const info: TimestampTokenInfo = {
    genTime: tst.genTime,
    hashAlg: hashFromOid(tst.hashOid),
    imprint: tst.imprint,
    serialNumber: tst.serial,
    nonce: tst.nonce,
    policy: tst.policy,
    tsaCertificate,
    certificates,
  };
  return { info, walked: { signed, signerInfo } };
}

/** The certificate a walked SignerInfo's `sid` names (RFC 5652 §5.3), as {@link findSignerCertificate} does. */
async function signerCertificate(
  signerInfo: SignerInfoDer,
  certs: readonly pkijs.Certificate[],
  crypto: Crypto,
): Promise<pkijs.Certificate | undefined> {
  const sid = signerInfo.sid;
  if (sid.kind === "issuerSerial") {
    return certs.find((c) => {
      const f = certFields(c);
      return sameInteger(f.serial, sid.serial) && equalBytes(f.issuer, sid.issuer);
    });
  }
  for (const cert of certs) {
    const spk = cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
    const hash = new Uint8Array(await crypto.subtle.digest("SHA-1", spk.slice()));
    if (equalBytes(hash, sid.ski)) return cert;
  }
  return undefined;
}

/**
 * The token's CMS signature (RFC 5652 §5.4, §11.2) on the walked form: the message-digest
 * attribute equals the digest of TSTInfo, and the signature over the signed attributes verifies
 * with the TSA certificate's key. False on any mismatch or unsupported algorithm.
 */
async function verifyWalked(
  signerInfo: SignerInfoDer,
  cert: pkijs.Certificate,
  content: Uint8Array,
  crypto: Crypto,
): Promise<boolean> {
  const attrs = signerInfo.signedAttrs;
  if (attrs === undefined || signerInfo.signedAttrsDer === undefined) return false;
  const mdValues = attrs.filter((a) => a.oid === OID.messageDigest).flatMap((a) => a.values);
  const md = mdValues[0];
  if (mdValues.length !== 1 || md === undefined || md[0] !== 0x04) return false;
  const mdTlv = readTlv(md, 0);
  if (mdTlv === null || mdTlv.end !== md.length) return false;
  let hashAlg: HashAlgorithm;
  try {
    hashAlg = hashFromOid(signerInfo.digestAlgorithm.algorithmId);
  } catch {
    return false;
  }
  const actual = new Uint8Array(await crypto.subtle.digest(hashAlg, content.slice()));
  if (!equalBytes(actual, md.subarray(mdTlv.contentStart))) return false;
  try {
    const outcome = await verifyWithKey(
      crypto,
      cert.subjectPublicKeyInfo,
      signerInfo.signatureAlgorithm,
      hashAlg,
      signerInfo.signedAttrsDer,
      signerInfo.signature,
    );
    return outcome === "valid";
  } catch {
    return false;
  }
}

/** Parses a token once with PKI.js: its TSTInfo summary and the SignedData it came from. */
async function decodeTokenSlow(token: Uint8Array, crypto: Crypto): Promise<DecodedToken> {
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
  const decoded = await decodeToken(token, crypto);
  const info = decoded.info;
  if (info.hashAlg !== expected.hashAlg || !equalBytes(info.imprint, expected.digest)) {
    throw new LtvError("LTV_TSA_IMPRINT_MISMATCH");
  }
  if (
    expected.nonce !== undefined &&
    (info.nonce === undefined || !sameInteger(info.nonce, expected.nonce))
  ) {
    throw new LtvError("LTV_TSA_NONCE_MISMATCH");
  }
  if (!hasTimestampingEku(info.tsaCertificate)) throw new LtvError("LTV_TSA_CERT_EKU");
  if ("walked" in decoded) {
    const { signed, signerInfo } = decoded.walked;
    if (!(await verifyWalked(signerInfo, info.tsaCertificate, signed.eContent as Uint8Array, crypto))) {
      throw new LtvError("LTV_TSA_SIGNATURE");
    }
    return info;
  }
  const signed = decoded.signed;
  const signerInfo = signed.signerInfos[0] as pkijs.SignerInfo;
  const content = new Uint8Array((signed.encapContentInfo.eContent as asn1js.OctetString).getValue());
  if (!(await verifySignerInfo(signerInfo, info.tsaCertificate, content, crypto))) {
    throw new LtvError("LTV_TSA_SIGNATURE");
  }
  return info;
}
