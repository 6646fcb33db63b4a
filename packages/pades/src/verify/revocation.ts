import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { bytesEqual, toBytes } from "./bytes";
import { extensionsOf, issuedBy } from "./certificates";
import { digestRanges, verifyWithKey } from "./crypto-verify";
import { DIGESTS, OID, SIGNATURE_ALGS } from "./oids";

/** What the revocation data says about one certificate. */
export interface RevocationStatus {
  readonly status: "good" | "revoked" | "unknown";
  readonly revocationTime: Date | null;
  readonly source: "ocsp" | "crl" | null;
}

/** Revocation data gathered from the DSS, the CMS and (optionally) online. */
export interface RevocationPool {
  readonly crls: readonly pkijs.CertificateRevocationList[];
  readonly ocsps: readonly pkijs.BasicOCSPResponse[];
}

/** Parses DER CRLs and OCSP responses (full OCSPResponse or BasicOCSPResponse), skipping junk. */
export function parseRevocation(crls: readonly Uint8Array[], ocsps: readonly Uint8Array[]): RevocationPool {
  const outCrls: pkijs.CertificateRevocationList[] = [];
  const outOcsps: pkijs.BasicOCSPResponse[] = [];
  for (const der of crls) {
    try {
      outCrls.push(new pkijs.CertificateRevocationList({ schema: asn1js.fromBER(der).result }));
    } catch {
      /* unreadable CRLs are ignored: they cannot prove anything */
    }
  }
  for (const der of ocsps) {
    const basic = parseOcsp(der);
    if (basic !== null) outOcsps.push(basic);
  }
  return { crls: outCrls, ocsps: outOcsps };
}

/** Parses an OCSPResponse (RFC 6960 §4.2.1) or a bare BasicOCSPResponse. */
export function parseOcsp(der: Uint8Array): pkijs.BasicOCSPResponse | null {
  try {
    const asn = asn1js.fromBER(der).result;
    try {
      const resp = new pkijs.OCSPResponse({ schema: asn });
      if (resp.responseBytes?.responseType !== OID.ocspBasic) return null;
      return new pkijs.BasicOCSPResponse({
        schema: asn1js.fromBER(resp.responseBytes.response.valueBlock.valueHexView).result,
      });
    } catch {
      return new pkijs.BasicOCSPResponse({ schema: asn });
    }
  } catch {
    return null;
  }
}

async function crlStatus(
  crypto: Crypto,
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  crl: pkijs.CertificateRevocationList,
): Promise<RevocationStatus | null> {
  if (!crl.issuer.isEqual(cert.issuer) || !(await issuedBy(crypto, crl, issuer))) return null;
  const serial = toBytes(cert.serialNumber.valueBlock.valueHexView);
  const hit = crl.revokedCertificates?.find((r) =>
    bytesEqual(toBytes(r.userCertificate.valueBlock.valueHexView), serial),
  );
  if (hit !== undefined)
    return { status: "revoked", revocationTime: hit.revocationDate.value, source: "crl" };
  return { status: "good", revocationTime: null, source: "crl" };
}

async function ocspSignerOk(
  crypto: Crypto,
  resp: pkijs.BasicOCSPResponse,
  issuer: pkijs.Certificate,
): Promise<boolean> {
  const candidates: pkijs.Certificate[] = [issuer, ...(resp.certs ?? [])];
  for (const signer of candidates) {
    const delegated = signer !== issuer;
    if (delegated) {
      if (!(await issuedBy(crypto, signer, issuer))) continue;
      if (!(extensionsOf(signer).eku ?? []).includes(OID.ekuOcspSigning)) continue;
    }
    const digest = SIGNATURE_ALGS[resp.signatureAlgorithm.algorithmId]?.digest ?? "SHA-256";
    const ok = await verifyWithKey(
      crypto,
      signer.subjectPublicKeyInfo,
      resp.signatureAlgorithm,
      digest,
      toBytes(resp.tbsResponseData.tbsView),
      toBytes(resp.signature.valueBlock.valueHexView),
    );
    if (ok === "valid") return true;
  }
  return false;
}

async function ocspStatus(
  crypto: Crypto,
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  resp: pkijs.BasicOCSPResponse,
): Promise<RevocationStatus | null> {
  const serial = toBytes(cert.serialNumber.valueBlock.valueHexView);
  for (const single of resp.tbsResponseData.responses) {
    const id = single.certID;
    if (!bytesEqual(toBytes(id.serialNumber.valueBlock.valueHexView), serial)) continue;
    const hash = DIGESTS[id.hashAlgorithm.algorithmId]?.name;
    if (hash === undefined) continue;
    const nameHash = await digestRanges(crypto, hash, [
      new Uint8Array(issuer.subject.toSchema().toBER(false)),
    ]);
    const keyHash = await digestRanges(crypto, hash, [
      toBytes(issuer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
    ]);
    if (
      !bytesEqual(nameHash, toBytes(id.issuerNameHash.valueBlock.valueHexView)) ||
      !bytesEqual(keyHash, toBytes(id.issuerKeyHash.valueBlock.valueHexView))
    )
      continue;
    if (!(await ocspSignerOk(crypto, resp, issuer))) return null;
    const tag = (single.certStatus as asn1js.BaseBlock).idBlock.tagNumber;
    if (tag === 0) return { status: "good", revocationTime: null, source: "ocsp" };
    if (tag === 1) {
      const inner = (single.certStatus as asn1js.Constructed).valueBlock.value[0] as
        | asn1js.GeneralizedTime
        | undefined;
      return { status: "revoked", revocationTime: inner?.toDate() ?? new Date(0), source: "ocsp" };
    }
    return { status: "unknown", revocationTime: null, source: "ocsp" };
  }
  return null;
}

/**
 * Looks up `cert` (issued by `issuer`) in the pool: a revoked entry wins over any "good",
 * because a CRL or OCSP response that lists a revocation cannot be un-said (RFC 5280 §6.3).
 */
export async function revocationStatus(
  crypto: Crypto,
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  pool: RevocationPool,
): Promise<RevocationStatus> {
  const results: RevocationStatus[] = [];
  for (const resp of pool.ocsps) {
    const r = await ocspStatus(crypto, cert, issuer, resp).catch(() => null);
    if (r !== null) results.push(r);
  }
  for (const crl of pool.crls) {
    const r = await crlStatus(crypto, cert, issuer, crl).catch(() => null);
    if (r !== null) results.push(r);
  }
  const revoked = results
    .filter((r) => r.status === "revoked")
    .sort((a, b) => (a.revocationTime?.getTime() ?? 0) - (b.revocationTime?.getTime() ?? 0));
  if (revoked[0] !== undefined) return revoked[0];
  return (
    results.find((r) => r.status === "good") ?? { status: "unknown", revocationTime: null, source: null }
  );
}
