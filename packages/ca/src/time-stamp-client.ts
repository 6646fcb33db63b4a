import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { toBytes } from "./bytes";
import { CaError } from "./errors";
import { HASH_BY_OID, HASH_LENGTH, OID } from "./oids";
import { PKI_FAILURE, type PkiFailure } from "./pki-status";

/** Options for `buildTimeStampRequest`. */
export interface TimeStampRequestOptions {
  /** The digest to time-stamp (e.g. of a CMS signature value, ETSI EN 319 122-1 §5.3). */
  readonly digest: Uint8Array;
  readonly hash?: "SHA-256" | "SHA-384" | "SHA-512";
  /** A nonce to bind the reply to this request (default: 8 random bytes). `null` sends none. */
  readonly nonce?: Uint8Array | null;
  /** Ask the TSA to include its certificate (default true). */
  readonly certReq?: boolean;
  readonly policy?: string;
  readonly crypto?: Crypto;
}

/**
 * Builds a DER TimeStampReq (RFC 3161 §2.4.1) for a digest you already computed.
 * @example
 * const query = buildTimeStampRequest({ digest: await sha256(signatureValue) });
 */
export function buildTimeStampRequest(options: TimeStampRequestOptions): Uint8Array {
  const hash = options.hash ?? "SHA-256";
  if (options.digest.byteLength !== HASH_LENGTH[hash]) throw new CaError("CA_INVALID_INPUT", "digest length");
  const hashOid = Object.entries(HASH_BY_OID).find(([, name]) => name === hash)?.[0] ?? OID.sha256;
  const nonce =
    options.nonce === null
      ? undefined
      : (options.nonce ?? (options.crypto ?? globalThis.crypto).getRandomValues(new Uint8Array(8)));
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: hashOid,
        algorithmParams: new asn1js.Null(),
      }),
      hashedMessage: new asn1js.OctetString({ valueHex: toBytes(options.digest) }),
    }),
    certReq: options.certReq ?? true,
    ...(options.policy === undefined ? {} : { reqPolicy: options.policy }),
    ...(nonce === undefined ? {} : { nonce: new asn1js.Integer({ valueHex: positive(nonce) }) }),
  });
  return new Uint8Array(request.toSchema().toBER());
}

function positive(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = toBytes(bytes);
  copy[0] = (copy[0] ?? 0) & 0x7f || 0x01;
  return copy;
}

/** A TimeStampResp, read: the token when granted, else status and failure names. */
export type TimeStampReply =
  | { readonly granted: true; readonly status: number; readonly token: Uint8Array }
  | {
      readonly granted: false;
      readonly status: number;
      readonly failures: readonly PkiFailure[];
      readonly text: string;
    };

/**
 * Reads a DER TimeStampResp (RFC 3161 §2.4.2); the token is the DER ContentInfo to embed
 * as an unsigned signature-time-stamp attribute. This does not verify the token.
 */
export function parseTimeStampReply(reply: Uint8Array): TimeStampReply {
  let parsed: pkijs.TimeStampResp;
  try {
    parsed = pkijs.TimeStampResp.fromBER(toBytes(reply));
  } catch (cause) {
    throw new CaError("CA_INVALID_INPUT", "malformed TimeStampResp", { cause });
  }
  const status = parsed.status.status;
  if ((status === 0 || status === 1) && parsed.timeStampToken !== undefined) {
    return { granted: true, status, token: new Uint8Array(parsed.timeStampToken.toSchema().toBER()) };
  }
  const bits = parsed.status.failInfo?.valueBlock.valueHexView ?? new Uint8Array(0);
  const failures = (Object.keys(PKI_FAILURE) as PkiFailure[]).filter((name) => {
    const bit = PKI_FAILURE[name];
    return ((bits[Math.floor(bit / 8)] ?? 0) & (0x80 >> (bit % 8))) !== 0;
  });
  const text = (parsed.status.statusStrings ?? []).map((s) => s.valueBlock.value).join("; ");
  return { granted: false, status, failures, text };
}
