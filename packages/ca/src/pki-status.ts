import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

/** PKIFailureInfo named bits (RFC 3161 §2.4.2). */
export const PKI_FAILURE = {
  badAlg: 0,
  badRequest: 2,
  badDataFormat: 5,
  timeNotAvailable: 14,
  unacceptedPolicy: 15,
  unacceptedExtension: 16,
  addInfoNotAvailable: 17,
  systemFailure: 25,
} as const;

/** Name of one PKIFailureInfo bit. */
export type PkiFailure = keyof typeof PKI_FAILURE;

/** PKIStatus values (RFC 3161 §2.4.2). */
export const PKI_STATUS = { granted: 0, grantedWithMods: 1, rejection: 2, waiting: 3 } as const;

/** A DER named BIT STRING with one bit set: minimal length, trailing zero bits dropped (X.690 §11.2.2). */
export function namedBit(bit: number): asn1js.BitString {
  const bytes = new Uint8Array(Math.floor(bit / 8) + 1);
  bytes[bytes.length - 1] = 0x80 >> (bit % 8);
  return new asn1js.BitString({ valueHex: bytes.buffer, unusedBits: 7 - (bit % 8) });
}

/** A rejection PKIStatusInfo with a failInfo bit and a human-readable reason (RFC 3161 §2.4.2). */
export function rejection(failure: PkiFailure, text: string): pkijs.PKIStatusInfo {
  return new pkijs.PKIStatusInfo({
    status: PKI_STATUS.rejection,
    statusStrings: [new asn1js.Utf8String({ value: text })],
    failInfo: namedBit(PKI_FAILURE[failure]),
  });
}
