import type * as asn1js from "asn1js";
import type * as pkijs from "pkijs";
import { bytesEqual, toBytes } from "./bytes";
import { certFields } from "./cert-cache";
import { certDer } from "./certificates";
import {
  elementKids,
  parseSignedDataDer,
  readAlgId,
  readOid,
  type Sid,
  type SignedDataDer,
  type SignerInfoDer,
} from "./cms-parse";
import { children, readTlv } from "./der";
import type { Digester } from "../sign/byte-range";
import { digestName, digestRanges, keyBits, verifyWithKey } from "./crypto-verify";
import { OID } from "./oids";
import type { AlgorithmPolicy } from "./options";
import type { Finding, ReasonCode, SubIndication, WarningCode } from "./report";
import { concatBytes } from "../bytes";

/** The outcome of checking one CMS SignerInfo (RFC 5652 §5.4, §5.6). */
export interface SignerInfoResult {
  readonly signedData: SignedDataDer | null;
  readonly signerInfo: SignerInfoDer | null;
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
  /**
   * Set when the only failure is an algorithm that was reliable until a known date (the
   * signature, message digest and signing certificate all check out): `failure` is then
   * INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE, and {@link algorithmAtPoe} lifts it when
   * a proven signing time lies before `sunset` (EN 319 102-1 §5.6.2.4).
   */
  readonly weakAlgorithm?: WeakAlgorithm;
}

/** An algorithm of the signature the policy refuses today, and until when it was reliable. */
export interface WeakAlgorithm {
  /** WEAK_DIGEST_ALGORITHM or WEAK_KEY, with what was found. */
  readonly reason: Finding<ReasonCode>;
  /** First moment the algorithm no longer counts as reliable for signatures. */
  readonly sunset: Date;
}

/**
 * When digest algorithms stopped being reliable for signatures: the dates EU DSS's default
 * validation policy takes from ETSI TS 102 176-1 (historical; succeeded by ETSI TS 119 312):
 * MD5 2005, SHA-1 2009. A digest the policy refuses that is not listed here has no date, and
 * no proof of existence helps it (CRYPTO_CONSTRAINTS_FAILURE).
 */
export const DIGEST_SUNSETS: Readonly<Record<string, Date>> = {
  MD5: new Date("2005-01-01T00:00:00Z"),
  "SHA-1": new Date("2009-01-01T00:00:00Z"),
};

/**
 * When an RSA modulus size stopped (or stops) being reliable for signatures, as in EU DSS's
 * default policy: 1024 bits 2009 (ETSI TS 102 176-1), 1536 bits 2016 (ETSI TS 119 312 V1.1.1),
 * 1900 bits 2026 and 3000 bits 2029 (ETSI TS 119 312 V1.4.2). Below 1024 bits never: null.
 */
export function rsaSunset(bits: number): Date | null {
  if (bits < 1024) return null;
  if (bits < 1536) return new Date("2009-01-01T00:00:00Z");
  if (bits < 1900) return new Date("2016-01-01T00:00:00Z");
  if (bits < 3000) return new Date("2026-01-01T00:00:00Z");
  return new Date("2029-01-01T00:00:00Z");
}

/**
 * The algorithm constraint judged at the proven signing time (EN 319 102-1 §5.6.2.4, past
 * signature validation): a signature whose only fault is a digest or key size that was still
 * reliable when a valid time-stamp proves the signature existed passes, with a warning;
 * without such proof it stays INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE. Any other
 * outcome of {@link checkSignerInfo} is returned as it is.
 *
 * `proven` must be the best signature time: the earliest *valid* signature time-stamp or
 * document time-stamp covering the signature (a claimed `/M` or signing-time proves nothing).
 */
export function algorithmAtPoe(
  signer: SignerInfoResult,
  proven: Date | null,
): { readonly failure: SignerInfoResult["failure"]; readonly warnings: readonly Finding<WarningCode>[] } {
  const weak = signer.weakAlgorithm;
  if (weak === undefined || proven === null || !(proven.getTime() < weak.sunset.getTime()))
    return { failure: signer.failure, warnings: [] };
  return {
    failure: null,
    warnings: [
      {
        code: "WEAK_ALGORITHM_BEFORE_SUNSET",
        detail: `${weak.reason.detail ?? weak.reason.code}: proven at ${proven.toISOString()}, reliable until ${weak.sunset.toISOString()}`,
      },
    ],
  };
}

/** How to check a SignerInfo: what the signed content is and what PAdES requires. */
export interface SignerInfoCheck {
  readonly crypto: Crypto;
  /** Hashes the signed byte ranges without Web Crypto's copy (the `digester` option). */
  readonly digester?: Digester | undefined;
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

/** Parses DER as a CMS ContentInfo holding SignedData (plain DER walk), or returns null. */
export function parseSignedData(der: Uint8Array): SignedDataDer | null {
  return parseSignedDataDer(der);
}

/** Finds the certificate a SignerIdentifier names (issuer+serial or subject key identifier). */
export function findSignerCert(certs: readonly pkijs.Certificate[], sid: Sid): pkijs.Certificate | null {
  if (sid.kind === "issuerSerial") {
    return (
      certs.find((c) => {
        const f = certFields(c);
        return bytesEqual(f.serial, sid.serial) && bytesEqual(f.issuer, sid.issuer);
      }) ?? null
    );
  }
  return (
    certs.find((c) => {
      const ext = c.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier);
      const v = ext?.parsedValue as asn1js.OctetString | undefined;
      return v !== undefined && bytesEqual(toBytes(v.valueBlock.valueHexView), sid.ski);
    }) ?? null
  );
}

/** The values (DER) of each signed attribute of type `oid`. */
function attrValues(info: SignerInfoDer, oid: string): (readonly Uint8Array[])[] {
  return (info.signedAttrs ?? []).filter((a) => a.oid === oid).map((a) => a.values);
}

/** Checks the ESS signing-certificate(-v2) attribute against the signer certificate (RFC 5035 §3). */
async function checkSigningCertificate(
  crypto: Crypto,
  info: SignerInfoDer,
  cert: pkijs.Certificate,
  required: boolean,
): Promise<Failure | null> {
  const v2 = attrValues(info, OID.signingCertificateV2);
  const v1 = attrValues(info, OID.signingCertificate);
  const attr = v2[0]?.[0] ?? v1[0]?.[0];
  if (attr === undefined)
    return required ? indeterminate("SIG_CONSTRAINTS_FAILURE", "SIGNING_CERTIFICATE_MISSING") : null;
  const unreadable = indeterminate(
    "NO_SIGNING_CERTIFICATE_FOUND",
    "SIGNING_CERTIFICATE_MISMATCH",
    "unreadable ESSCertID",
  );
  // SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), policies OPTIONAL }
  const top = elementKids(attr);
  const certsTlv = top?.kids[0];
  const list = certsTlv === undefined || certsTlv.tag !== 0x30 ? null : children(attr, certsTlv);
  const first = list?.[0];
  const parts = first === undefined || first.tag !== 0x30 ? null : children(attr, first);
  if (parts === null || parts.length === 0) return unreadable;
  let hashName: string | null = v2[0] !== undefined ? "SHA-256" : "SHA-1";
  let i = 0;
  if (v2[0] !== undefined && parts[0]!.tag === 0x30) {
    try {
      hashName = digestName(readAlgId(attr, parts[0]));
    } catch {
      return unreadable;
    }
    i = 1;
  }
  const hash = parts[i];
  if (hash?.tag !== 0x04 || hashName === null) return unreadable;
  const want = attr.subarray(hash.contentStart, hash.end);
  const got = await digestRanges(crypto, hashName, [certDer(cert)]).catch(() => null);
  if (got === null) return unreadable;
  if (!bytesEqual(want, got))
    return indeterminate("NO_SIGNING_CERTIFICATE_FOUND", "SIGNING_CERTIFICATE_MISMATCH");
  return null;
}

/** Checks the signed attributes: content-type and message-digest (RFC 5652 §11.1, §11.2). */
async function checkSignedAttrs(
  check: SignerInfoCheck,
  info: SignerInfoDer,
  digest: string,
  content: readonly Uint8Array[],
): Promise<Failure | null> {
  const ct = attrValues(info, OID.contentType);
  const ctValue = ct[0]?.[0];
  const ctTlv = ctValue === undefined ? null : readTlv(ctValue, 0);
  let ctOid: string | null = null;
  try {
    if (ctTlv !== null && ct[0]!.length === 1 && ctTlv.end === ctValue!.length)
      ctOid = readOid(ctValue!, ctTlv);
  } catch {
    ctOid = null;
  }
  if (ct.length !== 1 || ctOid !== check.contentType)
    return failed("FORMAT_FAILURE", "CONTENT_TYPE_MISMATCH");
  const md = attrValues(info, OID.messageDigest);
  const mdValue = md[0]?.[0];
  const mdTlv = mdValue === undefined ? null : readTlv(mdValue, 0);
  if (
    md.length !== 1 ||
    md[0]!.length !== 1 ||
    mdTlv === null ||
    mdTlv.tag !== 0x04 ||
    mdTlv.end !== mdValue!.length
  )
    return failed("FORMAT_FAILURE", "MESSAGE_DIGEST_MISSING");
  // A digest the policy allows but this runtime cannot compute (SHA-224 or MD5 under Web Crypto)
  // cannot be checked: INDETERMINATE, never an exception (a time-stamp token is an unsigned
  // attribute anyone can add, so a throw here would let them break a sound signature).
  const actual = await digestRanges(check.crypto, digest, content, check.digester).catch(() => null);
  if (actual === null) return indeterminate("CRYPTO_CONSTRAINTS_FAILURE", "ALGORITHM_UNSUPPORTED", digest);
  if (!bytesEqual(mdValue!.subarray(mdTlv.contentStart, mdTlv.end), actual))
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
  const certificates = sd.certificates;
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
  const eContent = sd.eContent;
  if (sd.eContentType !== check.contentType)
    return { ...partial, failure: failed("FORMAT_FAILURE", "CONTENT_TYPE_MISMATCH") };
  let content: readonly Uint8Array[];
  if (check.content === "encapsulated") {
    if (eContent === undefined)
      return { ...partial, failure: failed("FORMAT_FAILURE", "CMS_NOT_DETACHED", "no eContent") };
    content = [eContent];
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
  // A weak algorithm no longer stops the checks: the digest and the signature value are still
  // verified, so a forged weak signature is TOTAL_FAILED, and a sound one can be judged at
  // its proven time (algorithmAtPoe). Until then it is INDETERMINATE (never a pass).
  const weak: { reason: Finding<ReasonCode>; sunset: Date | null }[] = [];
  if (check.policy.weakDigests.includes(digest))
    weak.push({
      reason: { code: "WEAK_DIGEST_ALGORITHM", detail: digest },
      sunset: DIGEST_SUNSETS[digest] ?? null,
    });
  const bits = keyBits(cert.subjectPublicKeyInfo);
  const isRsa = cert.subjectPublicKeyInfo.algorithm.algorithmId === OID.rsaEncryption;
  if (isRsa && bits < check.policy.minRsaBits)
    weak.push({ reason: { code: "WEAK_KEY", detail: `RSA ${bits} bits` }, sunset: rsaSunset(bits) });
  if (weak.length > 0) {
    const first = weak[0]!.reason;
    const refused = {
      ...withCert,
      failure: indeterminate("CRYPTO_CONSTRAINTS_FAILURE", first.code, first.detail),
    };
    const rest = await verifySignerInfo(check, info, digest, content, cert, warnings).catch(() => null);
    // Not verifiable here (e.g. MD5 has no Web Crypto digest): refused, no date helps.
    if (
      rest === null ||
      rest === "unsupported" ||
      (rest !== "valid" && rest.reason.code === "ALGORITHM_UNSUPPORTED")
    )
      return refused;
    if (rest !== "valid") return { ...withCert, failure: rest };
    const sunsets = weak.map((w) => w.sunset);
    if (sunsets.some((d) => d === null)) return refused;
    const sunset = new Date(Math.min(...sunsets.map((d) => d!.getTime())));
    const reason = {
      code: first.code,
      detail: weak
        .map((w) => `${w.reason.detail} (reliable until ${w.sunset!.toISOString().slice(0, 10)})`)
        .join(", "),
    };
    return {
      ...withCert,
      failure: indeterminate("CRYPTO_CONSTRAINTS_FAILURE_NO_POE", reason.code, reason.detail),
      weakAlgorithm: { reason, sunset },
    };
  }
  const rest = await verifySignerInfo(check, info, digest, content, cert, warnings);
  if (rest === "unsupported")
    return {
      ...withCert,
      failure: indeterminate("CRYPTO_CONSTRAINTS_FAILURE", "ALGORITHM_UNSUPPORTED", sigAlgName),
    };
  return { ...withCert, failure: rest === "valid" ? null : rest };
}

/**
 * The checks after the algorithm policy: signed attributes (content-type, message-digest,
 * signing-certificate) and the signature value. Returns the first failure, "unsupported" when
 * the signature algorithm cannot be verified, or "valid".
 */
async function verifySignerInfo(
  check: SignerInfoCheck,
  info: SignerInfoDer,
  digest: string,
  content: readonly Uint8Array[],
  cert: pkijs.Certificate,
  warnings: Finding<WarningCode>[],
): Promise<Failure | "unsupported" | "valid"> {
  let signedBytes: Uint8Array;
  if (info.signedAttrs === undefined) {
    if (check.requireSignedAttrs) return failed("FORMAT_FAILURE", "SIGNED_ATTRS_MISSING");
    signedBytes = content.length === 1 ? content[0]! : concatBytes(content);
  } else {
    const attrFailure =
      (await checkSignedAttrs(check, info, digest, content)) ??
      (await checkSigningCertificate(check.crypto, info, cert, check.requireSigningCertificate));
    if (attrFailure !== null) return attrFailure;
    if (attrValues(info, OID.signingTime).length > 0)
      warnings.push({ code: "SIGNING_TIME_ATTRIBUTE_PRESENT" });
    signedBytes = info.signedAttrsDer!;
  }
  const outcome = await verifyWithKey(
    check.crypto,
    cert.subjectPublicKeyInfo,
    info.signatureAlgorithm,
    digest,
    signedBytes,
    info.signature,
  );
  if (outcome === "unsupported") return "unsupported";
  if (outcome === "invalid") return failed("SIG_CRYPTO_FAILURE", "SIGNATURE_INVALID");
  return "valid";
}
