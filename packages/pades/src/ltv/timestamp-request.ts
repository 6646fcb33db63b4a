import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { hashOid, toArrayBuffer } from "./bytes";
import type { HashAlgorithm } from "./ports";

/** A DER TimeStampReq and the nonce it carries. */
export interface TimestampRequest {
  readonly der: Uint8Array;
  readonly nonce: Uint8Array;
}

/**
 * Builds an RFC 3161 §2.4.1 TimeStampReq with a random 64-bit nonce and `certReq` TRUE
 * (so the token carries the TSA certificate a verifier needs).
 *
 *   TimeStampReq ::= SEQUENCE { version INTEGER { v1(1) }, messageImprint MessageImprint,
 *     reqPolicy TSAPolicyId OPTIONAL, nonce INTEGER OPTIONAL, certReq BOOLEAN DEFAULT FALSE, ... }
 */
export function buildTimestampRequest(
  digest: Uint8Array,
  hashAlg: HashAlgorithm,
  options: { readonly crypto: Crypto; readonly policy?: string },
): TimestampRequest {
  const nonce = options.crypto.getRandomValues(new Uint8Array(8));
  nonce[0] = ((nonce[0] ?? 0) & 0x7f) | 0x01; // positive and minimal DER (no leading zero byte)
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: hashOid(hashAlg) }),
      hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(digest) }),
    }),
    nonce: new asn1js.Integer({ valueHex: toArrayBuffer(nonce) }),
    certReq: true,
    ...(options.policy === undefined ? {} : { reqPolicy: options.policy }),
  });
  return { der: new Uint8Array(req.toSchema().toBER(false)), nonce };
}
