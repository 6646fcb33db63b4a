import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { toArrayBuffer } from "./bytes";
import { grantedToken } from "./cms-walk";
import { LtvError } from "./errors";

/** PKIStatus values meaning the token was issued (RFC 3161 §2.4.2: granted, grantedWithMods). */
const GRANTED = new Set([0, 1]);

/**
 * Unwraps a DER TimeStampResp (RFC 3161 §2.4.2) into its TimeStampToken DER; a status other
 * than granted is `LTV_TSA_REJECTED` (with the TSA's status text), garbage is `LTV_TSA_BAD_RESPONSE`.
 */
export function unwrapTimestampResponse(der: Uint8Array): Uint8Array {
  const granted = grantedToken(der);
  if (granted !== undefined) return granted.slice();
  let resp: pkijs.TimeStampResp;
  let raw: asn1js.AsnType;
  try {
    const asn = asn1js.fromBER(toArrayBuffer(der));
    if (asn.offset === -1) throw new Error("not DER");
    raw = asn.result;
    resp = new pkijs.TimeStampResp({ schema: raw });
  } catch (cause) {
    throw new LtvError("LTV_TSA_BAD_RESPONSE", undefined, { cause });
  }
  const status = resp.status.status;
  if (!GRANTED.has(status)) {
    const text = (resp.status.statusStrings ?? []).map((s) => s.valueBlock.value).join("; ");
    throw new LtvError("LTV_TSA_REJECTED", `status ${status}${text === "" ? "" : ` (${text})`}`);
  }
  if (resp.timeStampToken === undefined) throw new LtvError("LTV_TSA_BAD_RESPONSE", "granted without token");
  // The token's own bytes, not a re-encoding: its signature covers them as the TSA wrote them.
  const token = (raw as asn1js.Sequence).valueBlock.value[1];
  if (token === undefined) throw new LtvError("LTV_TSA_BAD_RESPONSE", "granted without token");
  return new Uint8Array(token.valueBeforeDecodeView);
}
