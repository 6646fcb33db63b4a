import type * as pkijs from "pkijs";
import { certFields } from "../verify/cert-cache";
import { equalBytes, toHex } from "./bytes";
import { LtvError } from "./errors";
import { derOfCert, ocspCertificates, sharedCert, timestampTokensOf, walkSignedData } from "./cms-walk";
import { parseBasicOcsp } from "./ocsp";
import type { RevocationSource } from "./ports";
import { OID } from "./oids";
import { pkiEngine } from "./pki-engine";
import { certDer, certificatesOf, parseSignedData } from "./signer-info";

/** DER validation material for a /DSS (ISO 32000-2 §12.8.4.3): certificates, OCSP responses, CRLs. */
export interface ValidationData {
  readonly certs: readonly Uint8Array[];
  readonly ocsps: readonly Uint8Array[];
  readonly crls: readonly Uint8Array[];
}

/** The outcome of {@link gatherValidationData}: the material, plus what could not be found (a report, not an error). */
export interface GatheredValidationData extends ValidationData {
  /** Subjects of certificates left without revocation evidence, with the reason. */
  readonly missing: readonly { readonly subject: string; readonly reason: string }[];
}

/** Options of {@link gatherValidationData}. */
export interface GatherOptions {
  readonly revocation: RevocationSource;
  /** Issuer certificates not carried by the CMS (e.g. the national root), DER. */
  readonly extraCertificates?: readonly Uint8Array[];
  readonly crypto?: Crypto;
}

const OCSP_NOCHECK = "1.3.6.1.5.5.7.48.1.5";

/** A certificate's subject common name (or its whole DN) for reports. */
function subjectOf(cert: pkijs.Certificate): string {
  const cn = cert.subject.typesAndValues.find((t) => t.type === "2.5.4.3");
  return cn === undefined ? "(no CN)" : String(cn.value.valueBlock.value);
}

/** True for a self-issued certificate whose key signed it (a trust anchor needs no revocation data). */
function selfIssued(cert: pkijs.Certificate): boolean {
  const f = certFields(cert);
  return equalBytes(f.subject, f.issuer) || cert.subject.isEqual(cert.issuer);
}

/**
 * Every certificate a CMS carries, and those of its signature time-stamps (RFC 3161 Appendix A)
 * — read with the DER walker, which re-encodes the BER indefinite lengths some signers
 * (poppler/NSS) write; certificates are slices of the CMS (or of its DER re-encoding).
 */
export function certificatesInCms(cms: Uint8Array): Uint8Array[] {
  const signed = walkSignedData(cms);
  if (signed === undefined) return certificatesInCmsSlow(cms);
  const tokens = signed.signerInfos.flatMap((_, i) => timestampTokensOf(signed, i));
  return [...signed.certificates.map(derOfCert), ...tokens.flatMap(certificatesInCms)];
}

/** The same with PKI.js, for a CMS the strict walker refuses (e.g. BER it cannot re-encode). */
function certificatesInCmsSlow(cms: Uint8Array): Uint8Array[] {
  const signed = parseSignedData(cms);
  if (signed === undefined) throw new LtvError("LTV_BAD_CMS");
  const tokens = signed.signerInfos.flatMap((si) =>
    (si.unsignedAttrs?.attributes ?? [])
      .filter((a) => a.type === OID.signatureTimeStampToken)
      .flatMap((a) => a.values.map((v) => new Uint8Array(v.valueBeforeDecodeView))),
  );
  return [...certificatesOf(signed).map(certDer), ...tokens.flatMap(certificatesInCms)];
}

/** Parses a certificate once per distinct DER (shared with the verifier), or throws `LTV_BAD_CMS`. */
function parseCert(der: Uint8Array): pkijs.Certificate {
  const cert = sharedCert(der);
  if (cert === undefined) throw new LtvError("LTV_BAD_CMS", "unreadable certificate");
  return cert;
}

/** The certificates of an OCSP response: walked, else parsed with PKI.js (typed errors). */
function responderCertificates(der: Uint8Array): Uint8Array[] {
  return ocspCertificates(der) ?? (parseBasicOcsp(der).certs ?? []).map(certDer);
}

/** A set of DER blobs keyed by hex, keeping insertion order. */
class DerSet {
  readonly items = new Map<string, Uint8Array>();
  add(der: Uint8Array): boolean {
    const key = toHex(der);
    if (this.items.has(key)) return false;
    this.items.set(key, der);
    return true;
  }
  get list(): Uint8Array[] {
    return [...this.items.values()];
  }
}

/** Looks up revocation evidence for one certificate: OCSP first, CRL when OCSP has nothing (ETSI EN 319 142-1 §5.4). */
async function evidenceFor(
  cert: Uint8Array,
  issuer: Uint8Array | undefined,
  source: RevocationSource,
): Promise<{ kind: "ocsp" | "crl"; der: Uint8Array } | { kind: "none"; reason: string }> {
  let ocspError = "";
  if (issuer !== undefined) {
    try {
      const ocsp = await source.ocsp(cert, issuer);
      if (ocsp !== undefined) return { kind: "ocsp", der: ocsp };
    } catch (error) {
      ocspError = `OCSP: ${(error as Error).message}; `;
    }
  }
  try {
    const crl = await source.crl(cert);
    if (crl !== undefined) return { kind: "crl", der: crl };
    return { kind: "none", reason: `${ocspError}no OCSP or CRL available` };
  } catch (error) {
    return { kind: "none", reason: `${ocspError}CRL: ${(error as Error).message}` };
  }
}

/**
 * Collects what a verifier needs later (PAdES B-LT, ETSI EN 319 142-1 §5.4): every certificate of
 * the signatures and their time-stamps, their issuers, and for each non-root certificate an OCSP
 * response (or a CRL when OCSP is unavailable). OCSP responder certificates are added and, unless
 * they carry id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1), checked in turn.
 */
export async function gatherValidationData(
  cmsList: readonly Uint8Array[],
  options: GatherOptions,
): Promise<GatheredValidationData> {
  const engine = pkiEngine(options.crypto ?? globalThis.crypto);
  const certs = new DerSet();
  const ocsps = new DerSet();
  const crls = new DerSet();
  const missing: { subject: string; reason: string }[] = [];
  const pool = [...cmsList.flatMap(certificatesInCms), ...(options.extraCertificates ?? [])];
  // Keyed by the DER object the set keeps (certs.list hands the same objects back).
  const parsed = new Map<Uint8Array, pkijs.Certificate>();
  const work: Uint8Array[] = [];
  const enqueue = (der: Uint8Array) => {
    if (certs.add(der)) {
      parsed.set(der, parseCert(der));
      work.push(der);
    }
  };
  pool.forEach(enqueue);
  // By name first; when several CAs share the name (a re-keyed root), the one whose key signed it.
  const issuerOf = async (cert: pkijs.Certificate): Promise<Uint8Array | undefined> => {
    const named = certs.list.filter((c) => {
      const candidate = parsed.get(c);
      return candidate !== undefined && candidate !== cert && candidate.subject.isEqual(cert.issuer);
    });
    if (named.length <= 1) return named[0];
    for (const c of named) {
      if (await cert.verify(parsed.get(c), engine).catch(() => false)) return c;
    }
    return named[0];
  };
  for (let der = work.shift(); der !== undefined; der = work.shift()) {
    const cert = parsed.get(der) as pkijs.Certificate;
    if (selfIssued(cert) || cert.extensions?.some((e) => e.extnID === OCSP_NOCHECK)) continue;
    const found = await evidenceFor(der, await issuerOf(cert), options.revocation);
    if (found.kind === "none") {
      missing.push({ subject: subjectOf(cert), reason: found.reason });
    } else if (found.kind === "ocsp") {
      ocsps.add(found.der);
      for (const c of responderCertificates(found.der)) enqueue(c);
    } else {
      crls.add(found.der);
    }
  }
  return { certs: certs.list, ocsps: ocsps.list, crls: crls.list, missing };
}
