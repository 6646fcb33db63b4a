import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { bytesEqual, toBytes } from "./bytes";
import { extensionsOf, issuedBy } from "./certificates";
import { digestRanges, verifyWithKey } from "./crypto-verify";
import { DIGESTS, OID, SIGNATURE_ALGS } from "./oids";

/** Where a piece of revocation data came from. */
export type RevocationOrigin = "dss" | "cms" | "online";

/** One CRL or OCSP answer that speaks about a certificate, with its times (RFC 5280 §5.1, RFC 6960 §4.2.1). */
export interface RevocationEvidence {
  readonly status: "good" | "revoked" | "unknown";
  readonly revocationTime: Date | null;
  readonly type: "ocsp" | "crl";
  readonly origin: RevocationOrigin;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | null;
  readonly producedAt: Date | null;
  /** The DER it was read from (to find the DSS revision that holds it). */
  readonly der: Uint8Array;
}

/** What the revocation data says about one certificate: the deciding evidence and all of it. */
export interface RevocationStatus {
  readonly status: "good" | "revoked" | "unknown";
  readonly revocationTime: Date | null;
  readonly source: "ocsp" | "crl" | null;
  readonly evidence: readonly RevocationEvidence[];
}

interface PooledCrl {
  readonly crl: pkijs.CertificateRevocationList;
  readonly origin: RevocationOrigin;
  readonly der: Uint8Array;
}
interface PooledOcsp {
  readonly resp: pkijs.BasicOCSPResponse;
  readonly origin: RevocationOrigin;
  readonly der: Uint8Array;
}

/** Revocation data gathered from the DSS, the CMS and (optionally) online. */
export interface RevocationPool {
  readonly crls: readonly PooledCrl[];
  readonly ocsps: readonly PooledOcsp[];
}

/** Joins pools. */
export function joinPools(...pools: readonly RevocationPool[]): RevocationPool {
  return { crls: pools.flatMap((p) => p.crls), ocsps: pools.flatMap((p) => p.ocsps) };
}

/** Parses DER CRLs and OCSP responses (full OCSPResponse or BasicOCSPResponse), skipping junk. */
export function parseRevocation(
  crls: readonly Uint8Array[],
  ocsps: readonly Uint8Array[],
  origin: RevocationOrigin,
): RevocationPool {
  const outCrls: PooledCrl[] = [];
  const outOcsps: PooledOcsp[] = [];
  for (const der of crls) {
    try {
      const asn = asn1js.fromBER(der);
      if (asn.offset === -1) continue;
      outCrls.push({ crl: new pkijs.CertificateRevocationList({ schema: asn.result }), origin, der });
    } catch {
      /* unreadable CRLs are ignored: they cannot prove anything */
    }
  }
  for (const der of ocsps) {
    const basic = parseOcsp(der);
    if (basic !== null) outOcsps.push({ resp: basic, origin, der });
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

function timeOf(t: pkijs.Time | undefined): Date | null {
  const v = t?.value;
  return v instanceof Date && !Number.isNaN(v.getTime()) ? v : null;
}

async function crlStatus(
  crypto: Crypto,
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  pooled: PooledCrl,
): Promise<RevocationEvidence | null> {
  const { crl } = pooled;
  if (!crl.issuer.isEqual(cert.issuer) || !(await issuedBy(crypto, crl, issuer))) return null;
  const thisUpdate = timeOf(crl.thisUpdate);
  if (thisUpdate === null) return null;
  const serial = toBytes(cert.serialNumber.valueBlock.valueHexView);
  const hit = crl.revokedCertificates?.find((r) =>
    bytesEqual(toBytes(r.userCertificate.valueBlock.valueHexView), serial),
  );
  const base = {
    type: "crl" as const,
    origin: pooled.origin,
    thisUpdate,
    nextUpdate: timeOf(crl.nextUpdate),
    producedAt: null,
    der: pooled.der,
  };
  if (hit !== undefined)
    return { ...base, status: "revoked", revocationTime: timeOf(hit.revocationDate) ?? new Date(0) };
  return { ...base, status: "good", revocationTime: null };
}

const ocspSignerCache = new WeakMap<object, WeakMap<object, boolean>>();

async function ocspSignerOk(
  crypto: Crypto,
  resp: pkijs.BasicOCSPResponse,
  issuer: pkijs.Certificate,
): Promise<boolean> {
  const known = ocspSignerCache.get(resp)?.get(issuer);
  if (known !== undefined) return known;
  const ok = await checkOcspSigner(crypto, resp, issuer);
  let inner = ocspSignerCache.get(resp);
  if (inner === undefined) {
    inner = new WeakMap();
    ocspSignerCache.set(resp, inner);
  }
  inner.set(issuer, ok);
  return ok;
}

async function checkOcspSigner(
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

const issuerHashes = new WeakMap<object, Map<string, Promise<{ name: Uint8Array; key: Uint8Array }>>>();

/** The CertID hashes of an issuer (RFC 6960 §4.1.1), once per issuer and hash. */
function issuerHash(
  crypto: Crypto,
  issuer: pkijs.Certificate,
  hash: string,
): Promise<{ name: Uint8Array; key: Uint8Array }> {
  let m = issuerHashes.get(issuer);
  if (m === undefined) {
    m = new Map();
    issuerHashes.set(issuer, m);
  }
  let p = m.get(hash);
  if (p === undefined) {
    p = (async () => ({
      name: await digestRanges(crypto, hash, [new Uint8Array(issuer.subject.toSchema().toBER(false))]),
      key: await digestRanges(crypto, hash, [
        toBytes(issuer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
      ]),
    }))();
    m.set(hash, p);
  }
  return p;
}

async function ocspStatus(
  crypto: Crypto,
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  pooled: PooledOcsp,
): Promise<RevocationEvidence | null> {
  const { resp } = pooled;
  const serial = toBytes(cert.serialNumber.valueBlock.valueHexView);
  for (const single of resp.tbsResponseData.responses) {
    const id = single.certID;
    if (!bytesEqual(toBytes(id.serialNumber.valueBlock.valueHexView), serial)) continue;
    const hash = DIGESTS[id.hashAlgorithm.algorithmId]?.name;
    if (hash === undefined) continue;
    const h = await issuerHash(crypto, issuer, hash);
    if (
      !bytesEqual(h.name, toBytes(id.issuerNameHash.valueBlock.valueHexView)) ||
      !bytesEqual(h.key, toBytes(id.issuerKeyHash.valueBlock.valueHexView))
    )
      continue;
    if (!(await ocspSignerOk(crypto, resp, issuer))) return null;
    const thisUpdate = single.thisUpdate instanceof Date ? single.thisUpdate : null;
    if (thisUpdate === null || Number.isNaN(thisUpdate.getTime())) return null;
    const base = {
      type: "ocsp" as const,
      origin: pooled.origin,
      thisUpdate,
      nextUpdate: single.nextUpdate instanceof Date ? single.nextUpdate : null,
      producedAt: resp.tbsResponseData.producedAt instanceof Date ? resp.tbsResponseData.producedAt : null,
      der: pooled.der,
    };
    const tag = (single.certStatus as asn1js.BaseBlock).idBlock.tagNumber;
    if (tag === 0) return { ...base, status: "good", revocationTime: null };
    if (tag === 1) {
      const inner = (single.certStatus as asn1js.Constructed).valueBlock.value[0] as
        | asn1js.GeneralizedTime
        | undefined;
      return { ...base, status: "revoked", revocationTime: inner?.toDate() ?? new Date(0) };
    }
    return { ...base, status: "unknown", revocationTime: null };
  }
  return null;
}

/**
 * Every verified CRL entry and OCSP answer in the pool about `cert` (issued by `issuer`),
 * and the status they add up to: a revoked entry wins over any "good", because a CRL or OCSP
 * response that lists a revocation cannot be un-said (RFC 5280 §6.3). Freshness is judged by
 * the caller, which knows the control time ({@link judgeFreshness}).
 */
export async function revocationStatus(
  crypto: Crypto,
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  pool: RevocationPool,
): Promise<RevocationStatus> {
  const evidence: RevocationEvidence[] = [];
  for (const resp of pool.ocsps) {
    const r = await ocspStatus(crypto, cert, issuer, resp).catch(() => null);
    if (r !== null) evidence.push(r);
  }
  for (const crl of pool.crls) {
    const r = await crlStatus(crypto, cert, issuer, crl).catch(() => null);
    if (r !== null) evidence.push(r);
  }
  return combineEvidence(evidence);
}

/** The status a list of evidence adds up to: the earliest revocation, else "good" if any says so. */
export function combineEvidence(evidence: readonly RevocationEvidence[]): RevocationStatus {
  const revoked = evidence
    .filter((r) => r.status === "revoked")
    .sort((a, b) => (a.revocationTime?.getTime() ?? 0) - (b.revocationTime?.getTime() ?? 0));
  const decider = revoked[0] ?? evidence.find((r) => r.status === "good");
  if (decider === undefined) return { status: "unknown", revocationTime: null, source: null, evidence };
  return { status: decider.status, revocationTime: decider.revocationTime, source: decider.type, evidence };
}

/** Clock skew tolerated before revocation data counts as issued in the future. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** How long an OCSP answer without nextUpdate is taken as current (RFC 6960 §4.2.2.1 leaves it open). */
export const NO_NEXT_UPDATE_VALIDITY_MS = 24 * 3_600_000;

/** "good" evidence split by freshness at a control time (EN 319 102-1 §5.2.5). */
export interface Freshness {
  /** Fresh "good" evidence, newest first. */
  readonly fresh: readonly RevocationEvidence[];
  /** "good" evidence whose validity window ended before the control time. */
  readonly stale: readonly RevocationEvidence[];
  /** Evidence issued after the validation time (beyond the clock skew): not used. */
  readonly future: readonly RevocationEvidence[];
}

/**
 * Judges "good" evidence against the control time (the best signature time, or the validation
 * time without proof of existence): fresh when its validity window, thisUpdate to nextUpdate
 * (a day when absent), reaches the control time — so data issued after the signing time is
 * always fresh enough to say the certificate was good when it signed (the default freshness
 * rule of EN 319 102-1 §5.2.5 and EU DSS). Data issued after `now` is refused.
 */
export function judgeFreshness(evidence: readonly RevocationEvidence[], control: Date, now: Date): Freshness {
  const fresh: RevocationEvidence[] = [];
  const stale: RevocationEvidence[] = [];
  const future: RevocationEvidence[] = [];
  for (const e of evidence) {
    if (e.status !== "good") continue;
    const issued = Math.max(e.thisUpdate.getTime(), e.producedAt?.getTime() ?? 0);
    if (issued > now.getTime() + CLOCK_SKEW_MS) {
      future.push(e);
      continue;
    }
    const until = e.nextUpdate?.getTime() ?? e.thisUpdate.getTime() + NO_NEXT_UPDATE_VALIDITY_MS;
    if (until >= control.getTime() || e.thisUpdate.getTime() >= control.getTime()) fresh.push(e);
    else stale.push(e);
  }
  fresh.sort((a, b) => b.thisUpdate.getTime() - a.thisUpdate.getTime());
  return { fresh, stale, future };
}
