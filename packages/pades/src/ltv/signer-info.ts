import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { equalBytes, hashFromOid, toArrayBuffer } from "./bytes";
import { OID } from "./oids";
import { pkiEngine } from "./pki-engine";

/** Parses a DER CMS ContentInfo holding SignedData (RFC 5652 §3, §5.1), or returns undefined. */
export function parseSignedData(der: Uint8Array): pkijs.SignedData | undefined {
  try {
    const asn = asn1js.fromBER(toArrayBuffer(der));
    if (asn.offset === -1) return undefined;
    const info = new pkijs.ContentInfo({ schema: asn.result });
    if (info.contentType !== OID.signedData) return undefined;
    return new pkijs.SignedData({ schema: info.content });
  } catch {
    return undefined;
  }
}

/** The X.509 certificates a SignedData carries (attribute certificates ignored). */
export function certificatesOf(signed: pkijs.SignedData): pkijs.Certificate[] {
  return (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
}

/** DER of a certificate. */
export function certDer(cert: pkijs.Certificate): Uint8Array {
  return new Uint8Array(cert.toSchema().toBER(false));
}

/** Parses a DER certificate. */
export function parseCert(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(toArrayBuffer(der));
}

/** Finds the certificate a SignerInfo's `sid` names (RFC 5652 §5.3: issuerAndSerialNumber or subjectKeyIdentifier). */
export async function findSignerCertificate(
  signerInfo: pkijs.SignerInfo,
  certs: readonly pkijs.Certificate[],
  crypto: Crypto,
): Promise<pkijs.Certificate | undefined> {
  const sid = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  }
  const block = sid as asn1js.Constructed & asn1js.OctetString;
  const keyId = block.idBlock.isConstructed
    ? new Uint8Array((block.valueBlock.value[0] as asn1js.OctetString).valueBlock.valueHexView)
    : new Uint8Array(block.valueBlock.valueHexView);
  for (const cert of certs) {
    const spk = cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
    const hash = new Uint8Array(await crypto.subtle.digest("SHA-1", spk.slice()));
    if (equalBytes(hash, keyId)) return cert;
  }
  return undefined;
}

/**
 * Checks a SignerInfo's signature over its signed attributes and the message-digest attribute
 * against `content` (RFC 5652 §5.4, §11.2). Returns false on any mismatch.
 */
export async function verifySignerInfo(
  signerInfo: pkijs.SignerInfo,
  cert: pkijs.Certificate,
  content: Uint8Array,
  crypto: Crypto,
): Promise<boolean> {
  const attrs = signerInfo.signedAttrs;
  if (attrs === undefined) return false;
  const md = attrs.attributes.find((a) => a.type === OID.messageDigest)?.values[0] as
    | asn1js.OctetString
    | undefined;
  if (md === undefined) return false;
  const hashAlg = hashFromOid(signerInfo.digestAlgorithm.algorithmId);
  const actual = new Uint8Array(await crypto.subtle.digest(hashAlg, toArrayBuffer(content)));
  if (!equalBytes(actual, new Uint8Array(md.valueBlock.valueHexView))) return false;
  try {
    return await pkiEngine(crypto).verifyWithPublicKey(
      attrs.encodedValue,
      signerInfo.signature,
      cert.subjectPublicKeyInfo,
      signerInfo.signatureAlgorithm,
      hashAlg,
    );
  } catch {
    return false;
  }
}
