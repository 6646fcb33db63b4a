import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { bytesEqual, normalizeSerial, toBytes } from "./bytes";
import type { CertificateAuthority, CertifiedKey } from "./certificate-authority";
import { digest, pkijsCertificate, pkijsEngine } from "./engine";
import { hashOfKey } from "./key-algorithm";
import { HASH_BY_OID, OID } from "./oids";
import { type CaStore, REASON_CODE, type RevocationRecord } from "./ports";
import { wholeSeconds } from "./sign-certificate";

/** A CA the responder answers for, optionally through a delegated OCSP signer (RFC 6960 §4.2.2.2). */
export interface OcspAuthority {
  readonly ca: CertificateAuthority;
  /** Delegated responder certificate issued by `ca`; without it the CA key signs. */
  readonly signer?: CertifiedKey;
}

/** Options for `respondOcsp`. */
export interface OcspResponderOptions {
  readonly authorities: readonly OcspAuthority[];
  readonly store: CaStore;
  /** Seconds from thisUpdate to nextUpdate (default 1 day). */
  readonly validitySeconds?: number;
  readonly crypto?: Crypto;
  readonly now?: () => Date;
}

/** OCSPResponseStatus values (RFC 6960 §4.2.1). */
export const OCSP_RESPONSE_STATUS = {
  successful: 0,
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  sigRequired: 5,
  unauthorized: 6,
} as const;

/** The answer for one CertID. */
export type OcspCertStatus =
  | { readonly status: "good" }
  | { readonly status: "revoked"; readonly revocation: RevocationRecord }
  | { readonly status: "unknown" };

/**
 * Answers a DER OCSPRequest with a DER OCSPResponse (RFC 6960 §4.2): good / revoked /
 * unknown per CertID, nonce echoed (§4.4.1), producedAt / thisUpdate / nextUpdate. A request
 * that does not parse gets `malformedRequest`, never an exception.
 * @example
 * const responseDer = await respondOcsp(requestDer, { authorities: [{ ca: issuing, signer: ocspSigner }], store });
 */
export async function respondOcsp(request: Uint8Array, options: OcspResponderOptions): Promise<Uint8Array> {
  const parsed = parseRequest(request);
  if (parsed === undefined) return ocspError(OCSP_RESPONSE_STATUS.malformedRequest);
  const crypto = options.crypto ?? globalThis.crypto;
  const now = wholeSeconds((options.now ?? (() => new Date()))());
  const nextUpdate = new Date(now.getTime() + (options.validitySeconds ?? 86_400) * 1000);
  const answers: pkijs.SingleResponse[] = [];
  let responder: OcspAuthority | undefined;
  for (const req of parsed.tbsRequest.requestList) {
    const authority = await findAuthority(req.reqCert, options.authorities, crypto);
    responder ??= authority;
    const status = await certStatus(req.reqCert, authority, options.store);
    answers.push(singleResponse(req.reqCert, status, now, nextUpdate));
  }
  const chosen = responder ?? options.authorities[0];
  if (chosen === undefined) return ocspError(OCSP_RESPONSE_STATUS.unauthorized);
  const basic = await signBasicResponse(answers, nonceOf(parsed), chosen, now, crypto);
  return new Uint8Array(
    new pkijs.OCSPResponse({
      responseStatus: new asn1js.Enumerated({ value: OCSP_RESPONSE_STATUS.successful }),
      responseBytes: new pkijs.ResponseBytes({
        responseType: OID.ocspBasic,
        response: new asn1js.OctetString({ valueHex: basic }),
      }),
    })
      .toSchema()
      .toBER(),
  );
}

/** An OCSPResponse carrying only an error status (RFC 6960 §4.2.1: no responseBytes). */
export function ocspError(status: number): Uint8Array {
  const response = new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: status }) });
  return new Uint8Array(response.toSchema().toBER());
}

function parseRequest(request: Uint8Array): pkijs.OCSPRequest | undefined {
  try {
    const parsed = pkijs.OCSPRequest.fromBER(toBytes(request));
    return parsed.tbsRequest.requestList.length > 0 ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Finds the CA whose name and key hashes match the CertID (RFC 6960 §4.1.1). */
async function findAuthority(
  certId: pkijs.CertID,
  authorities: readonly OcspAuthority[],
  crypto: Crypto,
): Promise<OcspAuthority | undefined> {
  const hash = HASH_BY_OID[certId.hashAlgorithm.algorithmId];
  if (hash === undefined) return undefined;
  for (const authority of authorities) {
    const cert = pkijsCertificate(authority.ca.certificate);
    const nameHash = await digest(crypto, hash, new Uint8Array(cert.subject.toSchema().toBER()));
    const keyHash = await digest(
      crypto,
      hash,
      cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView,
    );
    if (
      bytesEqual(nameHash, certId.issuerNameHash.valueBlock.valueHexView) &&
      bytesEqual(keyHash, certId.issuerKeyHash.valueBlock.valueHexView)
    ) {
      return authority;
    }
  }
  return undefined;
}

async function certStatus(
  certId: pkijs.CertID,
  authority: OcspAuthority | undefined,
  store: CaStore,
): Promise<OcspCertStatus> {
  if (authority === undefined) return { status: "unknown" };
  const serial = normalizeSerial(certId.serialNumber.valueBlock.valueHexView);
  const revocation = await store.findRevocation(authority.ca.id, serial);
  if (revocation !== undefined) return { status: "revoked", revocation };
  const issued = await store.findIssued(authority.ca.id, serial);
  return issued === undefined ? { status: "unknown" } : { status: "good" };
}

/** CertStatus ::= CHOICE { good [0] IMPLICIT NULL, revoked [1] IMPLICIT RevokedInfo, unknown [2] IMPLICIT NULL }. */
function singleResponse(
  certId: pkijs.CertID,
  answer: OcspCertStatus,
  thisUpdate: Date,
  nextUpdate: Date,
): pkijs.SingleResponse {
  let certStatus: asn1js.AsnType;
  if (answer.status === "revoked") {
    const value: asn1js.AsnType[] = [new asn1js.GeneralizedTime({ valueDate: answer.revocation.revokedAt })];
    if (answer.revocation.reason !== "unspecified") {
      value.push(
        new asn1js.Constructed({
          idBlock: { tagClass: 3, tagNumber: 0 },
          value: [new asn1js.Enumerated({ value: REASON_CODE[answer.revocation.reason] })],
        }),
      );
    }
    certStatus = new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value });
  } else {
    const tagNumber = answer.status === "good" ? 0 : 2;
    certStatus = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber } });
  }
  return new pkijs.SingleResponse({ certID: certId, certStatus, thisUpdate, nextUpdate });
}

function nonceOf(request: pkijs.OCSPRequest): pkijs.Extension | undefined {
  return request.tbsRequest.requestExtensions?.find((e) => e.extnID === OID.ocspNonce);
}

/** Signs ResponseData with the delegated signer or the CA key; responderID byKey (RFC 6960 §4.2.2.3). */
async function signBasicResponse(
  responses: pkijs.SingleResponse[],
  nonce: pkijs.Extension | undefined,
  authority: OcspAuthority,
  producedAt: Date,
  crypto: Crypto,
): Promise<ArrayBuffer> {
  const signer = authority.signer ?? authority.ca;
  const signerCert = pkijsCertificate(signer.certificate);
  const keyId = await digest(
    crypto,
    "SHA-1",
    signerCert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView,
  );
  const basic = new pkijs.BasicOCSPResponse({
    tbsResponseData: new pkijs.ResponseData({
      responderID: new asn1js.OctetString({ valueHex: toBytes(keyId) }),
      producedAt,
      responses,
      ...(nonce === undefined ? {} : { responseExtensions: [nonce] }),
    }),
    ...(authority.signer === undefined ? {} : { certs: [signerCert] }),
  });
  await basic.sign(signer.privateKey, hashOfKey(signer.privateKey), pkijsEngine(crypto));
  return basic.toSchema().toBER();
}
