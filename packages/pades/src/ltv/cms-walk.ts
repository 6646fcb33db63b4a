/**
 * The few CMS / OCSP fields the long-term steps need, read with the verifier's DER walker
 * (src/verify/der.ts, cms-parse.ts) instead of a PKI.js schema parse: certificates come back as
 * slices of the input and are parsed by PKI.js at most once per distinct DER (verify/cert-cache),
 * so gathering B-LT data for the same signer and CA again costs microseconds, not milliseconds.
 */
import type * as pkijs from "pkijs";
import { type SignedDataDer, parseSignedDataDer, readOid } from "../verify/cms-parse";
import { cachedCert, certFields } from "../verify/cert-cache";
import { children, readTlv, type Tlv } from "../verify/der";
import { OID } from "./oids";

/** The SignedData of a CMS ContentInfo (DER, or BER re-encoded), or undefined when it is not one. */
export function walkSignedData(cms: Uint8Array): SignedDataDer | undefined {
  return parseSignedDataDer(cms) ?? undefined;
}

/** DER of a certificate parsed through the shared cache. */
export function derOfCert(cert: pkijs.Certificate): Uint8Array {
  return certFields(cert).der;
}

/** A PKI.js certificate shared per distinct DER, or undefined when unreadable. */
export function sharedCert(der: Uint8Array): pkijs.Certificate | undefined {
  return cachedCert(der) ?? undefined;
}

/** The signature time-stamp tokens (DER) of one SignerInfo (RFC 3161 Appendix A). */
export function timestampTokensOf(signed: SignedDataDer, signerIndex = 0): Uint8Array[] {
  return (signed.signerInfos[signerIndex]?.unsignedAttrs ?? [])
    .filter((a) => a.oid === OID.signatureTimeStampToken)
    .flatMap((a) => [...a.values]);
}

const kids = (bytes: Uint8Array, t: Tlv | undefined | null, tag: number): Tlv[] | undefined =>
  t === undefined || t === null || t.tag !== tag ? undefined : (children(bytes, t) ?? undefined);

/**
 * The certificates (DER) carried by a successful basic OCSPResponse (RFC 6960 §4.2.1
 * `certs [0] EXPLICIT SEQUENCE OF Certificate`); undefined when the walk does not recognise
 * the structure (the caller then falls back to the full parser and its typed errors).
 */
export function ocspCertificates(der: Uint8Array): Uint8Array[] | undefined {
  const top = kids(der, readTlv(der, 0), 0x30);
  if (top?.[0]?.tag !== 0x0a || der[top[0].contentStart] !== 0) return undefined; // successful
  const rb = kids(der, kids(der, top[1], 0xa0)?.[0], 0x30);
  const octets = rb?.[1];
  if (octets?.tag !== 0x04 || !isOid(der, rb?.[0], OID.ocspBasic)) return undefined;
  const basic = der.subarray(octets.contentStart, octets.end);
  const items = kids(basic, readTlv(basic, 0), 0x30);
  if (items === undefined) return undefined;
  const wrapper = items[3];
  if (wrapper === undefined) return [];
  const list = kids(basic, kids(basic, wrapper, 0xa0)?.[0], 0x30);
  return list?.map((c) => basic.subarray(c.start, c.end));
}

/** True when `t` is the OBJECT IDENTIFIER `oid`. */
function isOid(bytes: Uint8Array, t: Tlv | undefined, oid: string): boolean {
  try {
    return readOid(bytes, t) === oid;
  } catch {
    return false;
  }
}
