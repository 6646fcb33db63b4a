import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { randomSerial, toBytes } from "./bytes";
import type { CertifiedKey } from "./certificate-authority";
import { derInteger } from "./der";
import { digest, pkijsCertificate, pkijsEngine } from "./engine";
import { signingCertificateV2Attribute } from "./ess-signing-certificate";
import { hashOfKey } from "./key-algorithm";
import { HASH_BY_OID, HASH_LENGTH, OID } from "./oids";
import { PKI_STATUS, type PkiFailure, rejection } from "./pki-status";
import type { CaStore } from "./ports";
import { wholeSeconds } from "./sign-certificate";

/** Options for `respondTimeStamp`. */
export interface TimeStampAuthorityOptions {
  /** The time-stamping unit: a certificate with critical EKU timeStamping and its key. */
  readonly tsa: CertifiedKey;
  /** CA certificates added after the TSA certificate when the request sets certReq. */
  readonly chain?: readonly Uint8Array[];
  /** TSA policy OID written in TSTInfo (default: a Teken development policy). */
  readonly policy?: string;
  /** Extra policies a request may ask for (reqPolicy); `policy` is always accepted. */
  readonly acceptedPolicies?: readonly string[];
  /** TSTInfo accuracy (default 1 second). */
  readonly accuracy?: { readonly seconds?: number; readonly millis?: number; readonly micros?: number };
  /** Serial numbers come from the counter `tsa:serial` when a store is given, else 16 random bytes. */
  readonly store?: CaStore;
  readonly crypto?: Crypto;
  readonly now?: () => Date;
}

/** A parsed, acceptable request, or the failure to report. */
type Checked =
  | { readonly ok: true; readonly request: pkijs.TimeStampReq }
  | { readonly ok: false; readonly failure: PkiFailure; readonly text: string };

/**
 * Answers a DER TimeStampReq with a DER TimeStampResp (RFC 3161 §2.4, RFC 5816): TSTInfo with
 * policy, serial, genTime, accuracy, nonce and the TSA name, signed with ESS
 * signing-certificate-v2; unknown hashes get badAlg, unparsable requests badDataFormat.
 * @example
 * const reply = await respondTimeStamp(queryDer, { tsa: pki.tsa, chain: pki.signer.chain });
 */
export async function respondTimeStamp(
  request: Uint8Array,
  options: TimeStampAuthorityOptions,
): Promise<Uint8Array> {
  const policy = options.policy ?? OID.tekenDevTsaPolicy;
  const checked = checkRequest(request, [policy, ...(options.acceptedPolicies ?? [])]);
  if (!checked.ok) {
    return encode(new pkijs.TimeStampResp({ status: rejection(checked.failure, checked.text) }));
  }
  const crypto = options.crypto ?? globalThis.crypto;
  const tstInfo = await buildTstInfo(checked.request, policy, options, crypto);
  const token = await signToken(tstInfo, checked.request.certReq === true, options, crypto);
  return encode(
    new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({ status: PKI_STATUS.granted }),
      timeStampToken: token,
    }),
  );
}

function encode(response: pkijs.TimeStampResp): Uint8Array {
  return new Uint8Array(response.toSchema().toBER());
}

/** RFC 3161 §2.4.1 checks: parsable, known hash with a digest of the right length, policy, no extensions. */
function checkRequest(request: Uint8Array, policies: readonly string[]): Checked {
  let parsed: pkijs.TimeStampReq;
  try {
    parsed = pkijs.TimeStampReq.fromBER(toBytes(request));
  } catch {
    return {
      ok: false,
      failure: "badDataFormat",
      text: "TimeStampReq tidak terbaca / malformed TimeStampReq",
    };
  }
  if (parsed.version !== 1) return { ok: false, failure: "badDataFormat", text: "unsupported version" };
  const hash = HASH_BY_OID[parsed.messageImprint.hashAlgorithm.algorithmId];
  if (hash === undefined) return { ok: false, failure: "badAlg", text: "unsupported hash algorithm" };
  if (parsed.messageImprint.hashedMessage.valueBlock.valueHexView.byteLength !== HASH_LENGTH[hash]) {
    return { ok: false, failure: "badDataFormat", text: "digest length does not match its algorithm" };
  }
  if (parsed.reqPolicy !== undefined && !policies.includes(parsed.reqPolicy)) {
    return { ok: false, failure: "unacceptedPolicy", text: "policy not accepted" };
  }
  if (parsed.extensions !== undefined && parsed.extensions.length > 0) {
    return { ok: false, failure: "unacceptedExtension", text: "extensions not supported" };
  }
  return { ok: true, request: parsed };
}

async function buildTstInfo(
  request: pkijs.TimeStampReq,
  policy: string,
  options: TimeStampAuthorityOptions,
  crypto: Crypto,
): Promise<pkijs.TSTInfo> {
  const serial = options.store
    ? derInteger(await options.store.nextCounter("tsa:serial"))
    : derInteger(BigInt(`0x${randomSerial(crypto)}`));
  const tsaCert = pkijsCertificate(options.tsa.certificate);
  return new pkijs.TSTInfo({
    version: 1,
    policy,
    messageImprint: request.messageImprint,
    serialNumber: asn1js.fromBER(serial).result as asn1js.Integer,
    genTime: wholeSeconds((options.now ?? (() => new Date()))()),
    accuracy: new pkijs.Accuracy(options.accuracy ?? { seconds: 1 }),
    ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
    tsa: new pkijs.GeneralName({ type: 4, value: tsaCert.subject }),
  });
}

/** Wraps TSTInfo in CMS SignedData (RFC 3161 §2.4.2, RFC 5652 §5) signed by the TSA key. */
async function signToken(
  tstInfo: pkijs.TSTInfo,
  certReq: boolean,
  options: TimeStampAuthorityOptions,
  crypto: Crypto,
): Promise<pkijs.ContentInfo> {
  const engine = pkijsEngine(crypto);
  const hash = hashOfKey(options.tsa.privateKey);
  const tsaCert = pkijsCertificate(options.tsa.certificate);
  const content = new Uint8Array(tstInfo.toSchema().toBER());
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({
        type: OID.contentType,
        values: [new asn1js.ObjectIdentifier({ value: OID.ctTstInfo })],
      }),
      new pkijs.Attribute({
        type: OID.messageDigest,
        values: [new asn1js.OctetString({ valueHex: toBytes(await digest(crypto, hash, content)) })],
      }),
      await signingCertificateV2Attribute(tsaCert, crypto),
    ],
  });
  const signedData = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: OID.ctTstInfo,
      eContent: new asn1js.OctetString({ valueHex: toBytes(content) }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: tsaCert.issuer, serialNumber: tsaCert.serialNumber }),
        signedAttrs,
      }),
    ],
    ...(certReq ? { certificates: [tsaCert, ...(options.chain ?? []).map(pkijsCertificate)] } : {}),
  });
  await signedData.sign(options.tsa.privateKey, 0, hash, undefined, engine);
  return new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
}
