import * as asn1js from "asn1js";
import { PadesSignError } from "../sign/errors";
import { concatBytes } from "../bytes";

/** Strips leading zero bytes, then adds one back if the high bit is set (DER INTEGER, X.690 §8.3). */
function derInteger(bytes: Uint8Array): asn1js.Integer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  const first = trimmed[0] ?? 0;
  const value = first & 0x80 ? concatBytes([new Uint8Array([0]), trimmed]) : trimmed;
  return new asn1js.Integer({ valueHex: value });
}

/** Converts Web Crypto's raw `r || s` ECDSA signature to DER `Ecdsa-Sig-Value` (RFC 5480 §2.2 / RFC 3279 §2.2.3). */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0) {
    throw new PadesSignError("PADES_SIGN_SIGNER_FAILED", "ECDSA signature has odd length");
  }
  const half = raw.length / 2;
  const seq = new asn1js.Sequence({
    value: [derInteger(raw.subarray(0, half)), derInteger(raw.subarray(half))],
  });
  return new Uint8Array(seq.toBER());
}

/** Converts a DER `Ecdsa-Sig-Value` to raw `r || s` of `size` bytes each, for Web Crypto verification. */
export function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array {
  const parsed = asn1js.fromBER(der);
  const seq = parsed.result;
  if (parsed.offset === -1 || !(seq instanceof asn1js.Sequence) || seq.valueBlock.value.length !== 2) {
    throw new PadesSignError("PADES_CMS_MALFORMED", "ECDSA signature is not a SEQUENCE of two INTEGERs");
  }
  const out = new Uint8Array(size * 2);
  seq.valueBlock.value.forEach((item, i) => {
    if (!(item instanceof asn1js.Integer)) throw new PadesSignError("PADES_CMS_MALFORMED", "ECDSA r/s");
    let v = new Uint8Array(item.valueBlock.valueHexView);
    while (v.length > size && v[0] === 0) v = v.subarray(1);
    if (v.length > size) throw new PadesSignError("PADES_CMS_MALFORMED", "ECDSA r/s too long");
    out.set(v, i * size + (size - v.length));
  });
  return out;
}
