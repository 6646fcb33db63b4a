import * as asn1js from "asn1js";
import type * as pkijs from "pkijs";
import { bytesEqual, toBytes, toHex } from "./bytes";
import { cachedCert, certFields } from "./cert-cache";
import { DIGESTS, OID, SIGNATURE_ALGS } from "./oids";
import { verifyWithKey } from "./crypto-verify";
import type { CertificateSummary } from "./report";

const derCache = new WeakMap<object, Uint8Array>();
const issuedCache = new WeakMap<object, WeakMap<object, boolean>>();

/** DER bytes of a certificate (as read, or re-encoded once). */
export function certDer(cert: pkijs.Certificate): Uint8Array {
  return certFields(cert).der;
}

/** DER bytes of a certificate's subject or issuer name (cached). */
export function nameDer(name: pkijs.RelativeDistinguishedNames): Uint8Array {
  let der = derCache.get(name);
  if (der === undefined) {
    der = new Uint8Array(name.toSchema().toBER(false));
    derCache.set(name, der);
  }
  return der;
}

/** Parses a DER certificate (one shared object per distinct DER), or null. */
export function parseCert(der: Uint8Array): pkijs.Certificate | null {
  return cachedCert(der);
}

/** A distinguished name as one line, most significant RDN last (RFC 4514 order). */
export function dnString(name: pkijs.RelativeDistinguishedNames): string {
  const short: Record<string, string> = {
    "2.5.4.3": "CN",
    "2.5.4.6": "C",
    "2.5.4.7": "L",
    "2.5.4.8": "ST",
    "2.5.4.10": "O",
    "2.5.4.11": "OU",
    "2.5.4.5": "SERIALNUMBER",
    [OID.emailAddress]: "E",
  };
  return [...name.typesAndValues]
    .reverse()
    .map(
      (tv) =>
        `${short[tv.type] ?? tv.type}=${String((tv.value as { valueBlock?: { value?: unknown } }).valueBlock?.value ?? "")}`,
    )
    .join(", ");
}

/** The first value of an attribute type in a name, or null. */
export function nameAttr(name: pkijs.RelativeDistinguishedNames, oid: string): string | null {
  const tv = name.typesAndValues.find((t) => t.type === oid);
  const v = (tv?.value as { valueBlock?: { value?: unknown } } | undefined)?.valueBlock?.value;
  return typeof v === "string" ? v : null;
}

/** The first rfc822Name in subjectAltName, else the emailAddress attribute of the subject. */
export function certEmail(cert: pkijs.Certificate): string | null {
  const san = cert.extensions?.find((e) => e.extnID === "2.5.29.17")?.parsedValue as
    | pkijs.AltName
    | undefined;
  const mail = san?.altNames?.find((n) => n.type === 1)?.value;
  return typeof mail === "string" ? mail : nameAttr(cert.subject, OID.emailAddress);
}

const summaries = new WeakMap<object, Promise<CertificateSummary>>();

/** The certificate as the report shows it (computed once per certificate object). */
export function summarize(crypto: Crypto, cert: pkijs.Certificate): Promise<CertificateSummary> {
  let s = summaries.get(cert);
  if (s === undefined) {
    s = computeSummary(crypto, cert);
    summaries.set(cert, s);
  }
  return s;
}

async function computeSummary(crypto: Crypto, cert: pkijs.Certificate): Promise<CertificateSummary> {
  const der = certDer(cert);
  return {
    subject: dnString(cert.subject),
    issuer: dnString(cert.issuer),
    serialNumber: toHex(toBytes(cert.serialNumber.valueBlock.valueHexView)),
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
    sha256: toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", der as Uint8Array<ArrayBuffer>))),
  };
}

/** Verifies that `issuer` signed `cert` (RFC 5280 §6.1.3 (a)(1)). */
export async function issuedBy(
  crypto: Crypto,
  cert: pkijs.Certificate | pkijs.CertificateRevocationList,
  issuer: pkijs.Certificate,
): Promise<boolean> {
  const known = issuedCache.get(cert)?.get(issuer);
  if (known !== undefined) return known;
  const result = await checkIssuedBy(crypto, cert, issuer);
  let inner = issuedCache.get(cert);
  if (inner === undefined) {
    inner = new WeakMap();
    issuedCache.set(cert, inner);
  }
  inner.set(issuer, result);
  return result;
}

async function checkIssuedBy(
  crypto: Crypto,
  cert: pkijs.Certificate | pkijs.CertificateRevocationList,
  issuer: pkijs.Certificate,
): Promise<boolean> {
  const alg = cert.signatureAlgorithm;
  const digest = SIGNATURE_ALGS[alg.algorithmId]?.digest ?? "SHA-256";
  if (!Object.values(DIGESTS).some((d) => d.name === digest)) return false;
  const outcome = await verifyWithKey(
    crypto,
    issuer.subjectPublicKeyInfo,
    alg,
    digest,
    toBytes(cert.tbsView),
    toBytes(cert.signatureValue.valueBlock.valueHexView),
  );
  return outcome === "valid";
}

/** Whether two certificates are the same DER. */
export function sameCert(a: pkijs.Certificate, b: pkijs.Certificate): boolean {
  return a === b || bytesEqual(certDer(a), certDer(b));
}

type Extensions = {
  keyUsage: number | null;
  ca: boolean;
  pathLen: number | null;
  eku: readonly string[] | null;
  criticalOids: readonly string[];
};
const extCache = new WeakMap<object, Extensions>();

/** Extension values used by the path checks (RFC 5280 §4.2.1.3, §4.2.1.9, §4.2.1.12). */
export function extensionsOf(cert: pkijs.Certificate): Extensions {
  let e = extCache.get(cert);
  if (e === undefined) {
    e = readExtensions(cert);
    extCache.set(cert, e);
  }
  return e;
}

function readExtensions(cert: pkijs.Certificate): Extensions {
  let keyUsage: number | null = null;
  let ca = false;
  let pathLen: number | null = null;
  let eku: string[] | null = null;
  const criticalOids: string[] = [];
  for (const e of cert.extensions ?? []) {
    if (e.critical) criticalOids.push(e.extnID);
    if (e.extnID === OID.keyUsage) {
      const bits = e.parsedValue as asn1js.BitString | undefined;
      const view = bits?.valueBlock.valueHexView ?? new Uint8Array();
      keyUsage = ((view[0] ?? 0) << 8) | (view[1] ?? 0);
    } else if (e.extnID === OID.basicConstraints) {
      const bc = e.parsedValue as pkijs.BasicConstraints | undefined;
      ca = bc?.cA === true;
      pathLen =
        typeof bc?.pathLenConstraint === "number"
          ? bc.pathLenConstraint
          : bc?.pathLenConstraint instanceof asn1js.Integer
            ? bc.pathLenConstraint.valueBlock.valueDec
            : null;
    } else if (e.extnID === OID.extKeyUsage) {
      eku = [...((e.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes ?? [])];
    }
  }
  return { keyUsage, ca, pathLen, eku, criticalOids };
}

/** keyUsage bits, first byte (RFC 5280 §4.2.1.3): digitalSignature, nonRepudiation, keyCertSign, cRLSign. */
export const KU = {
  digitalSignature: 0x8000,
  nonRepudiation: 0x4000,
  keyCertSign: 0x0400,
  cRLSign: 0x0200,
} as const;
