import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { normalizeSerial, randomSerial, toBytes } from "./bytes";
import type { CertificateAuthority, PublicationUrls } from "./certificate-authority";
import { CaError } from "./errors";
import { publicationExtensions, resolveValidity, type ValidityOptions } from "./hierarchy";
import { buildName } from "./name";
import { OID } from "./oids";
import type { CaStore } from "./ports";
import { fromPem } from "./pem";
import { signCertificate, wholeSeconds } from "./sign-certificate";

/** Where the holder's NIK goes: nowhere (default) or the subject serialNumber attribute. */
export type NikPlacement = "none" | "serialNumber";

/** The subject key: a public key (CryptoKey or SPKI DER) or a PKCS#10 request (DER or PEM). */
export type SubjectKeySource =
  | { readonly publicKey: CryptoKey | Uint8Array; readonly csr?: undefined }
  | { readonly csr: Uint8Array | string; readonly publicKey?: undefined };

/** Options for `issueSignerCertificate`. */
export type SignerCertificateOptions = SubjectKeySource & {
  /** The holder's name: the subject CN. */
  readonly name: string;
  readonly email?: string;
  readonly organization?: string;
  readonly organizationalUnit?: string;
  /** ISO 3166 country (default "ID"). */
  readonly country?: string;
  /** The holder's NIK (16 digits); written only when `nikPlacement` is "serialNumber". */
  readonly nik?: string;
  readonly nikPlacement?: NikPlacement;
  /** Default: 2 years from now (DOMAIN.md §5). */
  readonly validity?: ValidityOptions;
  /** Override the URLs the CA publishes; defaults to `ca.urls`. */
  readonly urls?: PublicationUrls;
  /** Certificate policy OIDs (RFC 5280 §4.2.1.4). */
  readonly policies?: readonly string[];
  /** When given, the certificate is recorded so OCSP can answer "good" for it. */
  readonly store?: CaStore;
  readonly crypto?: Crypto;
  readonly now?: () => Date;
};

/** An issued certificate with its serial as canonical hex. */
export interface IssuedCertificate {
  readonly certificate: Uint8Array;
  readonly serialNumber: string;
}

/**
 * Issues a document-signing certificate: KU digitalSignature + nonRepudiation (critical),
 * EKU emailProtection + documentSigning (RFC 9336), AIA, CDP, policies (RFC 5280 §4.2).
 * @example
 * const { certificate } = await issueSignerCertificate(issuing, { publicKey, name: "Budi Santoso" });
 */
export async function issueSignerCertificate(
  ca: CertificateAuthority,
  options: SignerCertificateOptions,
): Promise<IssuedCertificate> {
  const crypto = options.crypto ?? globalThis.crypto;
  const now = wholeSeconds((options.now ?? (() => new Date()))());
  const publicKey = await subjectPublicKey(options, crypto);
  const serialNumber = randomSerial(crypto);
  const certificate = await signCertificate({
    issuer: ca,
    subject: buildName({
      commonName: options.name,
      organization: options.organization,
      organizationalUnit: options.organizationalUnit,
      country: options.country ?? "ID",
      email: options.email,
      serialNumber: nikAttribute(options),
    }),
    publicKey,
    ...resolveValidity(options.validity, now, 2),
    extensions: signerExtensions(options, options.urls ?? ca.urls),
    serialNumber,
    crypto,
  });
  await options.store?.recordIssued({ caId: ca.id, serialNumber, certificate, issuedAt: now });
  return { certificate, serialNumber: normalizeSerial(serialNumber) };
}

function nikAttribute(options: SignerCertificateOptions): string | undefined {
  if ((options.nikPlacement ?? "none") === "none") return undefined;
  if (options.nik === undefined || !/^\d{16}$/.test(options.nik)) {
    throw new CaError("CA_INVALID_INPUT", "nikPlacement needs a 16-digit nik");
  }
  return options.nik;
}

function signerExtensions(options: SignerCertificateOptions, urls: PublicationUrls): x509.Extension[] {
  const out: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
      true,
    ),
    new x509.ExtendedKeyUsageExtension([OID.ekuEmailProtection, OID.ekuDocumentSigning], false),
    ...publicationExtensions(urls),
  ];
  if (options.email !== undefined) {
    out.push(new x509.SubjectAlternativeNameExtension([{ type: "email", value: options.email }], false));
  }
  if (options.policies !== undefined && options.policies.length > 0) {
    out.push(new x509.CertificatePolicyExtension([...options.policies], false));
  }
  return out;
}

/** Resolves the subject key; a CSR must carry a valid self-signature (RFC 2986 §3). */
export async function subjectPublicKey(
  source: SubjectKeySource,
  crypto: Crypto,
): Promise<x509.PublicKeyType> {
  if (source.publicKey !== undefined) {
    return source.publicKey instanceof Uint8Array ? toBytes(source.publicKey) : source.publicKey;
  }
  let csr: x509.Pkcs10CertificateRequest;
  try {
    const der = typeof source.csr === "string" ? fromPem(source.csr, "CERTIFICATE REQUEST") : source.csr;
    csr = new x509.Pkcs10CertificateRequest(toBytes(der));
  } catch (cause) {
    throw new CaError("CA_INVALID_CSR", "unparsable", { cause });
  }
  const valid = await csr.verify(crypto).catch(() => false);
  if (!valid) throw new CaError("CA_INVALID_CSR", "bad self-signature");
  return csr.publicKey;
}
