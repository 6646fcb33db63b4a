/**
 * A plain DER walk over CMS SignedData (RFC 5652 §5) for verification: every field is a slice
 * of the input, no schema parser runs. PKI.js's schema parse of a SignerInfo cost several
 * milliseconds per signature (most of the verify time for many-signature files); this costs
 * microseconds. Certificates are still parsed by PKI.js, once per distinct DER (cert-cache).
 */
import type * as pkijs from "pkijs";
import { cachedCert } from "./cert-cache";
import { berToDer, children, readTlv, type Tlv } from "./der";

/** An AlgorithmIdentifier: its OID and the DER of its parameters (absent or NULL: undefined). */
export interface AlgId {
  readonly algorithmId: string;
  readonly paramsDer: Uint8Array | undefined;
}

/** One CMS attribute: its type and the DER of each value (RFC 5652 §5.3). */
export interface CmsAttr {
  readonly oid: string;
  readonly values: readonly Uint8Array[];
}

/** How the SignerInfo names its certificate (RFC 5652 §5.3). */
export type Sid =
  | { readonly kind: "issuerSerial"; readonly issuer: Uint8Array; readonly serial: Uint8Array }
  | { readonly kind: "ski"; readonly ski: Uint8Array };

/** A SignerInfo as slices of the CMS bytes. */
export interface SignerInfoDer {
  readonly sid: Sid;
  readonly digestAlgorithm: AlgId;
  /** The signed attributes as the signature covers them (tag re-set to SET, RFC 5652 §5.4). */
  readonly signedAttrsDer: Uint8Array | undefined;
  readonly signedAttrs: readonly CmsAttr[] | undefined;
  readonly signatureAlgorithm: AlgId;
  readonly signature: Uint8Array;
  readonly unsignedAttrs: readonly CmsAttr[];
}

/** SignedData as slices of the CMS bytes; certificates parsed (shared per distinct DER). */
export interface SignedDataDer {
  readonly eContentType: string;
  readonly eContent: Uint8Array | undefined;
  readonly certificates: readonly pkijs.Certificate[];
  /** DER CertificateLists from the `crls` field. */
  readonly crls: readonly Uint8Array[];
  /** DER OCSPResponses from `crls` as OtherRevocationInfoFormat id-ri-ocsp-response (RFC 5940). */
  readonly ocsps: readonly Uint8Array[];
  readonly signerInfos: readonly SignerInfoDer[];
}

class Malformed extends Error {}

function need<T>(v: T | null | undefined, what: string): T {
  if (v === null || v === undefined) throw new Malformed(what);
  return v;
}

/** Decodes an OBJECT IDENTIFIER's content octets to dotted form (X.690 §8.19). */
export function oidString(bytes: Uint8Array, start: number, end: number): string {
  if (end <= start) throw new Malformed("empty OID");
  const parts: number[] = [];
  let v = 0;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    v = v * 128 + (b & 0x7f);
    if (v > Number.MAX_SAFE_INTEGER / 128) throw new Malformed("OID arc too large");
    if ((b & 0x80) === 0) {
      if (parts.length === 0) {
        const first = v < 40 ? 0 : v < 80 ? 1 : 2;
        parts.push(first, v - first * 40);
      } else parts.push(v);
      v = 0;
    } else if (i === end - 1) throw new Malformed("truncated OID");
  }
  return parts.join(".");
}

/** The OID of an OBJECT IDENTIFIER element. */
export function readOid(bytes: Uint8Array, t: Tlv | undefined): string {
  if (t?.tag !== 0x06) throw new Malformed("expected OID");
  return oidString(bytes, t.contentStart, t.end);
}

const kids = (bytes: Uint8Array, t: Tlv | undefined, what: string): Tlv[] =>
  need(t === undefined || (t.tag & 0x20) === 0 ? null : children(bytes, t), what);

const slice = (bytes: Uint8Array, t: Tlv): Uint8Array => bytes.subarray(t.start, t.end);
const content = (bytes: Uint8Array, t: Tlv): Uint8Array => bytes.subarray(t.contentStart, t.end);

/** Reads an AlgorithmIdentifier element. */
export function readAlgId(bytes: Uint8Array, t: Tlv | undefined): AlgId {
  if (t?.tag !== 0x30) throw new Malformed("AlgorithmIdentifier");
  const k = kids(bytes, t, "AlgorithmIdentifier");
  const params = k[1];
  if (k.length > 2) throw new Malformed("AlgorithmIdentifier");
  return {
    algorithmId: readOid(bytes, k[0]),
    paramsDer: params === undefined || params.tag === 0x05 ? undefined : slice(bytes, params),
  };
}

/** An OCTET STRING's content (primitive only: DER). */
function octets(bytes: Uint8Array, t: Tlv | undefined, what: string): Uint8Array {
  if (t?.tag !== 0x04) throw new Malformed(what);
  return content(bytes, t);
}

function readAttrs(bytes: Uint8Array, t: Tlv): CmsAttr[] {
  return kids(bytes, t, "attributes").map((a) => {
    if (a.tag !== 0x30) throw new Malformed("Attribute");
    const [type, set, extra] = kids(bytes, a, "Attribute");
    if (set?.tag !== 0x31 || extra !== undefined) throw new Malformed("Attribute values");
    return {
      oid: readOid(bytes, type),
      values: kids(bytes, set, "AttributeValues").map((v) => slice(bytes, v)),
    };
  });
}

function readSignerInfo(bytes: Uint8Array, t: Tlv): SignerInfoDer {
  if (t.tag !== 0x30) throw new Malformed("SignerInfo");
  const k = kids(bytes, t, "SignerInfo");
  let i = 0;
  if (k[i++]?.tag !== 0x02) throw new Malformed("SignerInfo.version");
  const sidTlv = need(k[i++], "sid");
  let sid: Sid;
  if (sidTlv.tag === 0x80) sid = { kind: "ski", ski: content(bytes, sidTlv) };
  else if (sidTlv.tag === 0x30) {
    const [issuer, serial, extra] = kids(bytes, sidTlv, "IssuerAndSerialNumber");
    if (issuer?.tag !== 0x30 || serial?.tag !== 0x02 || extra !== undefined)
      throw new Malformed("IssuerAndSerialNumber");
    sid = { kind: "issuerSerial", issuer: slice(bytes, issuer), serial: content(bytes, serial) };
  } else throw new Malformed("sid");
  const digestAlgorithm = readAlgId(bytes, k[i++]);
  let signedAttrsDer: Uint8Array | undefined;
  let signedAttrs: CmsAttr[] | undefined;
  if (k[i]?.tag === 0xa0) {
    const s = k[i++]!;
    signedAttrs = readAttrs(bytes, s);
    signedAttrsDer = bytes.slice(s.start, s.end);
    signedAttrsDer[0] = 0x31;
  }
  const signatureAlgorithm = readAlgId(bytes, k[i++]);
  const signature = octets(bytes, k[i++], "signature");
  let unsignedAttrs: CmsAttr[] = [];
  if (k[i]?.tag === 0xa1) unsignedAttrs = readAttrs(bytes, k[i++]!);
  if (i !== k.length) throw new Malformed("SignerInfo trailing fields");
  return { sid, digestAlgorithm, signedAttrsDer, signedAttrs, signatureAlgorithm, signature, unsignedAttrs };
}

const SIGNED_DATA = "1.2.840.113549.1.7.2";
const OCSP_REV_INFO = "1.3.6.1.5.5.7.16.2";

/**
 * Parses a DER ContentInfo holding SignedData; null when it is not one or not DER
 * (definite lengths only: a BER CMS cannot carry DER-signed attributes unchanged anyway).
 */
export function parseSignedDataDer(input: Uint8Array): SignedDataDer | null {
  const direct = readSignedData(input);
  if (direct !== null) return direct;
  // BER (indefinite lengths from NSS/poppler, constructed eContent from PKI.js TSAs):
  // re-encode in definite form and read that.
  const der = berToDer(input);
  return der === null ? null : readSignedData(der);
}

function readSignedData(der: Uint8Array): SignedDataDer | null {
  try {
    const ci = need(readTlv(der, 0), "ContentInfo");
    if (ci.tag !== 0x30) return null;
    const [type, wrapper, extra] = kids(der, ci, "ContentInfo");
    if (readOid(der, type) !== SIGNED_DATA || wrapper?.tag !== 0xa0 || extra !== undefined) return null;
    const [sdTlv, extra2] = kids(der, wrapper, "content");
    if (sdTlv?.tag !== 0x30 || extra2 !== undefined) return null;
    const k = kids(der, sdTlv, "SignedData");
    let i = 0;
    if (k[i++]?.tag !== 0x02) return null;
    const algs = k[i++];
    if (algs?.tag !== 0x31) return null;
    for (const a of kids(der, algs, "digestAlgorithms")) readAlgId(der, a);
    const encap = k[i++];
    if (encap?.tag !== 0x30) return null;
    const [eType, eWrap, extra3] = kids(der, encap, "EncapsulatedContentInfo");
    if (extra3 !== undefined) return null;
    const eContentType = readOid(der, eType);
    let eContent: Uint8Array | undefined;
    if (eWrap !== undefined) {
      if (eWrap.tag !== 0xa0) return null;
      const [oct, extra4] = kids(der, eWrap, "eContent");
      if (extra4 !== undefined) return null;
      eContent = octets(der, oct, "eContent");
    }
    const certificates: pkijs.Certificate[] = [];
    if (k[i]?.tag === 0xa0) {
      for (const c of kids(der, k[i++], "certificates")) {
        if (c.tag !== 0x30) continue; // other certificate formats (RFC 5652 §10.2.2) are not used
        const cert = cachedCert(slice(der, c));
        if (cert !== null) certificates.push(cert);
      }
    }
    const crls: Uint8Array[] = [];
    const ocsps: Uint8Array[] = [];
    if (k[i]?.tag === 0xa1) {
      for (const c of kids(der, k[i++], "crls")) {
        if (c.tag === 0x30) crls.push(slice(der, c));
        else if (c.tag === 0xa1) {
          const [fmt, info] = kids(der, c, "OtherRevocationInfoFormat");
          if (readOid(der, fmt) === OCSP_REV_INFO && info !== undefined) ocsps.push(slice(der, info));
        }
      }
    }
    const infos = k[i++];
    if (infos?.tag !== 0x31 || i !== k.length) return null;
    const signerInfos = kids(der, infos, "signerInfos").map((s) => readSignerInfo(der, s));
    return { eContentType, eContent, certificates, crls, ocsps, signerInfos };
  } catch (error) {
    if (error instanceof Malformed) return null;
    throw error;
  }
}

/** Parses an ASN.1 UTCTime (0x17) or GeneralizedTime (0x18) element (RFC 5280 §4.1.2.5), or null. */
export function readTime(bytes: Uint8Array, t: Tlv | undefined): Date | null {
  if (t === undefined || (t.tag !== 0x17 && t.tag !== 0x18)) return null;
  const s = new TextDecoder("latin1").decode(content(bytes, t));
  const m =
    t.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d{1,9})?Z$/.exec(s);
  if (m === null) return null;
  let year = Number(m[1]);
  if (t.tag === 0x17) year += year < 50 ? 2000 : 1900;
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0${m[7]}`) * 1000);
  const d = new Date(
    Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms),
  );
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The fields of a TSTInfo (RFC 3161 §2.4.2) the verifier needs. */
export interface TstInfoDer {
  readonly imprintAlgorithm: AlgId;
  readonly imprint: Uint8Array;
  readonly genTime: Date;
}

/** Parses TSTInfo, or null when malformed. */
export function parseTstInfo(der: Uint8Array): TstInfoDer | null {
  try {
    const top = need(readTlv(der, 0), "TSTInfo");
    if (top.tag !== 0x30 || top.end !== der.length) return null;
    const [version, policy, mi, serial, gen] = kids(der, top, "TSTInfo");
    if (version?.tag !== 0x02 || serial?.tag !== 0x02) return null;
    readOid(der, policy);
    if (mi?.tag !== 0x30) return null;
    const [alg, hashed, extra] = kids(der, mi, "MessageImprint");
    if (extra !== undefined || gen?.tag !== 0x18) return null;
    const genTime = readTime(der, gen);
    if (genTime === null) return null;
    return { imprintAlgorithm: readAlgId(der, alg), imprint: octets(der, hashed, "hashedMessage"), genTime };
  } catch (error) {
    if (error instanceof Malformed) return null;
    throw error;
  }
}

/** The first element of a DER value and its children (for attribute values). */
export function elementKids(der: Uint8Array): { top: Tlv; kids: Tlv[] } | null {
  const top = readTlv(der, 0);
  if (top === null || top.end !== der.length || (top.tag & 0x20) === 0) return null;
  const k = children(der, top);
  return k === null ? null : { top, kids: k };
}
