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
  const actual = await digestRanges(check.crypto, digest, content, check.digester);
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
    signedBytes = content.length === 1 ? content[0]! : concatBytes(content);
  } else {
    const attrFailure =
      (await checkSignedAttrs(check, info, digest, content)) ??
      (await checkSigningCertificate(check.crypto, info, cert, check.requireSigningCertificate));
    if (attrFailure !== null) return { ...withCert, failure: attrFailure };
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
  if (outcome === "unsupported")
    return {
      ...withCert,
      failure: indeterminate("CRYPTO_CONSTRAINTS_FAILURE", "ALGORITHM_UNSUPPORTED", sigAlgName),
    };
  if (outcome === "invalid")
    return { ...withCert, failure: failed("SIG_CRYPTO_FAILURE", "SIGNATURE_INVALID") };
  return { ...withCert, failure: null };
}
