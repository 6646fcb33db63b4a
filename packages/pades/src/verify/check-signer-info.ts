import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { bytesEqual, toBytes } from "./bytes";
import { certDer } from "./certificates";
import { children, header, readTlv, type Tlv } from "./der";
import { digestName, digestRanges, keyBits, verifyWithKey } from "./crypto-verify";
import { OID } from "./oids";
import type { AlgorithmPolicy } from "./options";
import type { Finding, ReasonCode, SubIndication, WarningCode } from "./report";

/** The outcome of checking one CMS SignerInfo (RFC 5652 §5.4, §5.6). */
export interface SignerInfoResult {
  readonly signedData: pkijs.SignedData | null;
  readonly signerInfo: pkijs.SignerInfo | null;
  readonly signerCert: pkijs.Certificate | null;
  readonly certificates: readonly pkijs.Certificate[];
  readonly digestAlgorithm: string | null;
  readonly signatureAlgorithm: string | null;
  /** The first failing check, as an EN 319 102-1 sub-indication and reason. */
  readonly failure: {
    readonly indication: "TOTAL_FAILED" | "INDETERMINATE";
    readonly sub: SubIndication;
    readonly reason: Finding<ReasonCode>;
  } | null;
  readonly warnings: readonly Finding<WarningCode>[];
}

/** How to check a SignerInfo: what the signed content is and what PAdES requires. */
export interface SignerInfoCheck {
  readonly crypto: Crypto;
  readonly policy: AlgorithmPolicy;
  /** The signed content: byte ranges for a detached PDF signature, eContent otherwise. */
  readonly content: readonly Uint8Array[] | "encapsulated";
  /** Whether signed attributes are mandatory (PAdES and time-stamp tokens: yes). */
  readonly requireSignedAttrs: boolean;
  /** Whether an ESS signing-certificate(-v2) attribute is mandatory. */
  readonly requireSigningCertificate: boolean;
  /** The eContentType expected (id-data for PDF signatures, id-ct-TSTInfo for tokens). */
  readonly contentType: string;
}

type Failure = NonNullable<SignerInfoResult["failure"]>;
const failed = (sub: SubIndication, code: ReasonCode, detail?: string): Failure => ({
  indication: "TOTAL_FAILED",
  sub,
  reason: detail === undefined ? { code } : { code, detail },
});
const indeterminate = (sub: SubIndication, code: ReasonCode, detail?: string): Failure => ({
  indication: "INDETERMINATE",
  sub,
  reason: detail === undefined ? { code } : { code, detail },
});

const certCache = new Map<string, pkijs.Certificate>();

/** Parses a certificate, sharing one object per distinct DER so later checks hit their caches. */
function cachedCert(der: Uint8Array): pkijs.Certificate | null {
  let key = "";
  for (let i = 0; i < der.length; i += 4096)
    key += String.fromCharCode(...der.subarray(i, Math.min(der.length, i + 4096)));
  const hit = certCache.get(key);
  if (hit !== undefined) return hit;
  try {
    const cert = new pkijs.Certificate({ schema: asn1js.fromBER(der).result });
    if (certCache.size > 512) certCache.clear();
    certCache.set(key, cert);
    return cert;
  } catch {
    return null;
  }
}

/**
 * Splits SignedData (RFC 5652 §5.1) into the certificates and the rest with a plain DER
 * walk, so the schema parser only sees the small part; null when the layout is unexpected.
 */
function splitCertificates(der: Uint8Array): { rest: Uint8Array; certs: pkijs.Certificate[] } | null {
  const ci = readTlv(der, 0);
  if (ci === null || ci.tag !== 0x30) return null;
  const ciKids = children(der, ci);
  const wrapper = ciKids?.[1];
  if (ciKids?.length !== 2 || wrapper === undefined || wrapper.tag !== 0xa0) return null;
  const sdTlv = readTlv(der, wrapper.contentStart, wrapper.end);
  if (sdTlv === null || sdTlv.tag !== 0x30) return null;
  const kids = children(der, sdTlv);
  if (kids === null) return null;
  const certs: pkijs.Certificate[] = [];
  const keep: Uint8Array[] = [];
  for (const k of kids) {
    if (k.tag === 0xa0) {
      for (const c of children(der, k) ?? []) {
        if (c.tag !== 0x30) continue;
        const cert = cachedCert(der.subarray(c.start, c.end));
        if (cert !== null) certs.push(cert);
      }
    } else keep.push(der.subarray(k.start, k.end));
  }
  const length = keep.reduce((n, k) => n + k.length, 0);
  const head = header(0x30, length);
  const rest = new Uint8Array(head.length + length);
  rest.set(head);
  let at = head.length;
  for (const k of keep) {
    rest.set(k, at);
    at += k.length;
  }
  return { rest, certs };
}

/**
 * Builds SignedData from its parts (encapContentInfo, SignerInfos) parsed one by one: the
 * whole-structure schema of PKI.js costs milliseconds per call, the parts a fraction of that.
 * Null when the layout is not the common one (then the full parser runs).
 */
function assembleSignedData(der: Uint8Array, certs: pkijs.Certificate[]): pkijs.SignedData | null {
  const ci = readTlv(der, 0);
  const wrapper = ci === null ? undefined : children(der, ci)?.[1];
  const sdTlv = wrapper === undefined ? null : readTlv(der, wrapper.contentStart, wrapper.end);
  const kids = sdTlv === null ? null : children(der, sdTlv);
  if (kids === null || kids.some((k) => k.tag === 0xa1)) return null;
  const [version, digestAlgs, encap] = kids;
  const signerSet = kids[kids.length - 1];
  if (version?.tag !== 0x02 || digestAlgs?.tag !== 0x31 || encap?.tag !== 0x30 || signerSet?.tag !== 0x31)
    return null;
  const part = (t: Tlv) => {
    const asn = asn1js.fromBER(der.subarray(t.start, t.end));
    if (asn.offset === -1) throw new Error("bad DER");
    return asn.result;
  };
  const signerInfos = (children(der, signerSet) ?? []).map((t) => new pkijs.SignerInfo({ schema: part(t) }));
  return new pkijs.SignedData({
    version: der[version.contentStart] ?? 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ schema: part(encap) }),
    signerInfos,
    ...(certs.length > 0 ? { certificates: certs } : {}),
  });
}

/** Parses DER as a CMS ContentInfo holding SignedData, or returns null. */
export function parseSignedData(der: Uint8Array): pkijs.SignedData | null {
  try {
    const split = splitCertificates(der);
    if (split !== null) {
      if (!hasSignedDataOid(der)) return null;
      const fast = assembleSignedData(der, split.certs);
      if (fast !== null) return fast;
      const asn = asn1js.fromBER(split.rest);
      if (asn.offset === -1) return null;
      const sd = new pkijs.SignedData({ schema: asn.result });
      if (split.certs.length > 0) sd.certificates = split.certs;
      return sd;
    }
    const asn = asn1js.fromBER(der);
    if (asn.offset === -1) return null;
    const ci = new pkijs.ContentInfo({ schema: asn.result });
    if (ci.contentType !== OID.signedData) return null;
    return new pkijs.SignedData({ schema: ci.content });
  } catch {
    return null;
  }
}

/** True when the ContentInfo's contentType is id-signedData (1.2.840.113549.1.7.2). */
function hasSignedDataOid(der: Uint8Array): boolean {
  const ci = readTlv(der, 0);
  const oid = ci === null ? null : readTlv(der, ci.contentStart, ci.end);
  if (oid === null || oid.tag !== 0x06) return false;
  const want = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
  return oid.end - oid.contentStart === want.length && want.every((b, i) => der[oid.contentStart + i] === b);
}

/** Finds the certificate a SignerIdentifier names (issuer+serial or subject key identifier). */
export function findSignerCert(certs: readonly pkijs.Certificate[], sid: unknown): pkijs.Certificate | null {
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return (
      certs.find(
        (c) =>
          c.issuer.isEqual(sid.issuer) &&
          bytesEqual(c.serialNumber.valueBlock.valueHexView, sid.serialNumber.valueBlock.valueHexView),
      ) ?? null
    );
  }
  if (
    sid instanceof asn1js.Constructed ||
    sid instanceof asn1js.OctetString ||
    sid instanceof asn1js.Primitive
  ) {
    const ski = toBytes((sid as asn1js.OctetString).valueBlock.valueHexView ?? new Uint8Array());
    return (
      certs.find((c) => {
        const ext = c.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier);
        const v = ext?.parsedValue as asn1js.OctetString | undefined;
        return v !== undefined && bytesEqual(toBytes(v.valueBlock.valueHexView), ski);
      }) ?? null
    );
  }
  return null;
}

function attrValues(info: pkijs.SignerInfo, oid: string, signed = true): asn1js.AsnType[][] {
  const attrs = (signed ? info.signedAttrs : info.unsignedAttrs)?.attributes ?? [];
  return attrs.filter((a) => a.type === oid).map((a) => a.values as asn1js.AsnType[]);
}

/** Checks the ESS signing-certificate(-v2) attribute against the signer certificate (RFC 5035 §3). */
async function checkSigningCertificate(
  crypto: Crypto,
  info: pkijs.SignerInfo,
  cert: pkijs.Certificate,
  required: boolean,
): Promise<Failure | null> {
  const v2 = attrValues(info, OID.signingCertificateV2);
  const v1 = attrValues(info, OID.signingCertificate);
  const attr = v2[0]?.[0] ?? v1[0]?.[0];
  if (attr === undefined)
    return required ? indeterminate("SIG_CONSTRAINTS_FAILURE", "SIGNING_CERTIFICATE_MISSING") : null;
  try {
    const certs = (attr as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const first = certs.valueBlock.value[0] as asn1js.Sequence;
    const parts = first.valueBlock.value;
    let hashName = v2[0] !== undefined ? "SHA-256" : "SHA-1";
    let i = 0;
    if (v2[0] !== undefined && parts[0] instanceof asn1js.Sequence) {
      hashName = digestName(new pkijs.AlgorithmIdentifier({ schema: parts[0] })) ?? "unknown";
      i = 1;
    }
    const want = toBytes((parts[i] as asn1js.OctetString).valueBlock.valueHexView);
    const der = certDer(cert);
    const got = await digestRanges(crypto, hashName, [der]);
    if (!bytesEqual(want, got))
      return indeterminate("NO_SIGNING_CERTIFICATE_FOUND", "SIGNING_CERTIFICATE_MISMATCH");
    return null;
  } catch {
    return indeterminate(
      "NO_SIGNING_CERTIFICATE_FOUND",
      "SIGNING_CERTIFICATE_MISMATCH",
      "unreadable ESSCertID",
    );
  }
}

/** Checks the signed attributes: content-type and message-digest (RFC 5652 §11.1, §11.2). */
async function checkSignedAttrs(
  check: SignerInfoCheck,
  info: pkijs.SignerInfo,
  digest: string,
  content: readonly Uint8Array[],
): Promise<Failure | null> {
  const ct = attrValues(info, OID.contentType);
  const ctValue = ct[0]?.[0];
  if (
    ct.length !== 1 ||
    !(ctValue instanceof asn1js.ObjectIdentifier) ||
    ctValue.valueBlock.toString() !== check.contentType
  ) {
    return failed("FORMAT_FAILURE", "CONTENT_TYPE_MISMATCH");
  }
  const md = attrValues(info, OID.messageDigest);
  const mdValue = md[0]?.[0];
  if (md.length !== 1 || md[0]!.length !== 1 || !(mdValue instanceof asn1js.OctetString))
    return failed("FORMAT_FAILURE", "MESSAGE_DIGEST_MISSING");
  const actual = await digestRanges(check.crypto, digest, content);
  if (!bytesEqual(toBytes(mdValue.valueBlock.valueHexView), actual))
    return failed("HASH_FAILURE", "MESSAGE_DIGEST_MISMATCH");
  return null;
}

/** Checks one SignerInfo end to end; never throws for malformed input. */
export async function checkSignerInfo(der: Uint8Array, check: SignerInfoCheck): Promise<SignerInfoResult> {
  const warnings: Finding<WarningCode>[] = [];
  const base = {
    signedData: null,
    signerInfo: null,
    signerCert: null,
    certificates: [],
    digestAlgorithm: null,
    signatureAlgorithm: null,
    warnings,
  };
  const sd = parseSignedData(der);
  if (sd === null) return { ...base, failure: failed("FORMAT_FAILURE", "CMS_UNPARSABLE") };
  const certificates = (sd.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  const withSd = { ...base, signedData: sd, certificates };
  if (sd.signerInfos.length !== 1)
    return {
      ...withSd,
      failure: failed("FORMAT_FAILURE", "CMS_SIGNER_COUNT", `${sd.signerInfos.length} SignerInfos`),
    };
  const info = sd.signerInfos[0]!;
  const digest = digestName(info.digestAlgorithm);
  const sigAlgName = info.signatureAlgorithm.algorithmId;
  const partial = { ...withSd, signerInfo: info, digestAlgorithm: digest, signatureAlgorithm: sigAlgName };
  const eContent = sd.encapContentInfo.eContent;
  if (sd.encapContentInfo.eContentType !== check.contentType)
    return { ...partial, failure: failed("FORMAT_FAILURE", "CONTENT_TYPE_MISMATCH") };
  let content: readonly Uint8Array[];
  if (check.content === "encapsulated") {
    if (eContent === undefined)
      return { ...partial, failure: failed("FORMAT_FAILURE", "CMS_NOT_DETACHED", "no eContent") };
    content = [toBytes(eContent.getValue())];
  } else {
    if (eContent !== undefined) return { ...partial, failure: failed("FORMAT_FAILURE", "CMS_NOT_DETACHED") };
    content = check.content;
  }
  const cert = findSignerCert(certificates, info.sid);
  if (cert === null)
    return {
      ...partial,
      failure: indeterminate("NO_SIGNING_CERTIFICATE_FOUND", "SIGNER_CERTIFICATE_NOT_FOUND"),
    };
  const withCert = { ...partial, signerCert: cert };
  if (digest === null)
    return {
      ...withCert,
      failure: indeterminate(
        "CRYPTO_CONSTRAINTS_FAILURE",
        "ALGORITHM_UNSUPPORTED",
        info.digestAlgorithm.algorithmId,
      ),
    };
  if (check.policy.weakDigests.includes(digest))
    return {
      ...withCert,
      failure: indeterminate("CRYPTO_CONSTRAINTS_FAILURE", "WEAK_DIGEST_ALGORITHM", digest),
    };
  const bits = keyBits(cert.subjectPublicKeyInfo);
  const isRsa = cert.subjectPublicKeyInfo.algorithm.algorithmId === OID.rsaEncryption;
  if (isRsa && bits < check.policy.minRsaBits)
    return {
      ...withCert,
      failure: indeterminate("CRYPTO_CONSTRAINTS_FAILURE", "WEAK_KEY", `RSA ${bits} bits`),
    };
  let signedBytes: Uint8Array;
  if (info.signedAttrs === undefined) {
    if (check.requireSignedAttrs)
      return { ...withCert, failure: failed("FORMAT_FAILURE", "SIGNED_ATTRS_MISSING") };
    signedBytes = content.length === 1 ? content[0]! : await concat(content);
  } else {
    const attrFailure =
      (await checkSignedAttrs(check, info, digest, content)) ??
      (await checkSigningCertificate(check.crypto, info, cert, check.requireSigningCertificate));
    if (attrFailure !== null) return { ...withCert, failure: attrFailure };
    if (attrValues(info, OID.signingTime).length > 0)
      warnings.push({ code: "SIGNING_TIME_ATTRIBUTE_PRESENT" });
    signedBytes = new Uint8Array(info.signedAttrs.encodedValue);
  }
  const outcome = await verifyWithKey(
    check.crypto,
    cert.subjectPublicKeyInfo,
    info.signatureAlgorithm,
    digest,
    signedBytes,
    toBytes(info.signature.valueBlock.valueHexView),
  );
  if (outcome === "unsupported")
    return {
      ...withCert,
      failure: indeterminate("CRYPTO_CONSTRAINTS_FAILURE", "ALGORITHM_UNSUPPORTED", sigAlgName),
    };
  if (outcome === "invalid")
    return { ...withCert, failure: failed("SIG_CRYPTO_FAILURE", "SIGNATURE_INVALID") };
  return { ...withCert, failure: null };
}

async function concat(parts: readonly Uint8Array[]): Promise<Uint8Array> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
