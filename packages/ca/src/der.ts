import * as asn1js from "asn1js";

/** DER of a non-negative INTEGER holding `value` (X.690 §8.3: two's complement, minimal). */
export function derInteger(value: bigint): Uint8Array<ArrayBuffer> {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  if (Number.parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  const body = new Uint8Array(hex.length / 2);
  for (let i = 0; i < body.length; i++) body[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return new Uint8Array(new asn1js.Integer({ valueHex: body }).toBER());
}
