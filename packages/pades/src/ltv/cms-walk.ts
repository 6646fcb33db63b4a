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
import { sameInteger } from "./bytes";
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
 * The BasicOCSPResponse (DER) inside an OCSPResponse (RFC 6960 §4.2.1) whose status is
 * successful and whose responseBytes are id-pkix-ocsp-basic; undefined otherwise.
 */
function basicResponse(der: Uint8Array): Uint8Array | undefined {
  const top = kids(der, readTlv(der, 0), 0x30);
  if (top?.[0]?.tag !== 0x0a || der[top[0].contentStart] !== 0) return undefined; // successful
  const rb = kids(der, kids(der, top[1], 0xa0)?.[0], 0x30);
  const octets = rb?.[1];
  if (octets?.tag !== 0x04 || !isOid(der, rb?.[0], OID.ocspBasic)) return undefined;
  return der.subarray(octets.contentStart, octets.end);
}

/**
 * The certificates (DER) carried by a successful basic OCSPResponse (RFC 6960 §4.2.1
 * `certs [0] EXPLICIT SEQUENCE OF Certificate`); undefined when the walk does not recognise
 * the structure (the caller then falls back to the full parser and its typed errors).
 */
export function ocspCertificates(der: Uint8Array): Uint8Array[] | undefined {
  const basic = basicResponse(der);
  if (basic === undefined) return undefined;
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

/**
 * Whether a successful basic OCSPResponse has a SingleResponse for `serial` (RFC 6960 §4.2.1
 * `tbsResponseData.responses[].certID.serialNumber`); undefined when the walk does not recognise
 * the structure (the caller then uses the full parser and its typed errors).
 */
export function ocspNamesSerial(der: Uint8Array, serial: Uint8Array): boolean | undefined {
  const basic = basicResponse(der);
  if (basic === undefined) return undefined;
  const tbs = kids(basic, kids(basic, readTlv(basic, 0), 0x30)?.[0], 0x30);
  if (tbs === undefined) return undefined;
  const at = tbs[0]?.tag === 0xa0 ? 1 : 0; // version [0] EXPLICIT DEFAULT v1
  const responses = kids(basic, tbs[at + 2], 0x30);
  if (responses === undefined || tbs[at + 1]?.tag !== 0x18) return undefined;
  for (const single of responses) {
    const certId = kids(basic, kids(basic, single, 0x30)?.[0], 0x30);
    const sn = certId?.[3];
    if (sn?.tag !== 0x02) return undefined;
    if (sameInteger(basic.subarray(sn.contentStart, sn.end), serial)) return true;
  }
  return false;
}

/**
 * The token of a TimeStampResp (RFC 3161 §2.4.2) whose PKIStatus is granted (0) or
 * grantedWithMods (1), as the exact bytes the TSA wrote; undefined for anything else (rejection,
 * waiting, unusual encodings), which the caller hands to the full parser for its typed error.
 */
export function grantedToken(der: Uint8Array): Uint8Array | undefined {
  const top = readTlv(der, 0);
  const items = kids(der, top, 0x30);
  if (top === null || top.end !== der.length || items?.length !== 2) return undefined;
  const status = kids(der, items[0], 0x30)?.[0];
  if (status?.tag !== 0x02 || status.end - status.contentStart !== 1) return undefined;
  const value = der[status.contentStart];
  const token = items[1];
  if ((value !== 0 && value !== 1) || token?.tag !== 0x30) return undefined;
  return der.subarray(token.start, token.end);
}

/**
 * The outline of a CertificateList (RFC 5280 §5.1): SEQUENCE { tbsCertList SEQUENCE,
 * signatureAlgorithm SEQUENCE, signatureValue BIT STRING } spanning the whole input, with a
 * tbsCertList that starts as one (version?, signature, issuer, thisUpdate). False means "let the full parser judge it".
 */
export function looksLikeCrl(der: Uint8Array): boolean {
  const top = readTlv(der, 0);
  const items = kids(der, top, 0x30);
  if (top === null || top.end !== der.length || items?.length !== 3) return false;
  const [tbs, alg, sig] = items;
  const fields = kids(der, tbs, 0x30);
  if (alg?.tag !== 0x30 || sig?.tag !== 0x03 || fields === undefined) return false;
  // tbsCertList: version INTEGER OPTIONAL, signature AlgorithmIdentifier, issuer Name, thisUpdate Time, ...
  const at = fields[0]?.tag === 0x02 ? 1 : 0;
  const thisUpdate = fields[at + 2]?.tag;
  return (
    fields[at]?.tag === 0x30 && fields[at + 1]?.tag === 0x30 && (thisUpdate === 0x17 || thisUpdate === 0x18)
  );
}
