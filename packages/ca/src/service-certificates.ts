import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { randomSerial } from "./bytes";
import type { CertificateAuthority, CertifiedKey } from "./certificate-authority";
import { DEV_ORGANIZATION, publicationExtensions, resolveValidity, type ValidityOptions } from "./hierarchy";
import { generateKeyPair, type KeyAlgorithmName } from "./key-algorithm";
import { buildName, type NameParts } from "./name";
import { OID } from "./oids";
import type { CaStore } from "./ports";
import { signCertificate, wholeSeconds } from "./sign-certificate";

/** Options for a service (TSA or OCSP) certificate; a fresh key pair is generated. */
export interface ServiceCertificateOptions {
  readonly name?: Partial<NameParts>;
  readonly keyAlgorithm?: KeyAlgorithmName;
  /** Default 5 years for a TSA, 1 year for an OCSP signer. */
  readonly validity?: ValidityOptions;
  readonly store?: CaStore;
  readonly crypto?: Crypto;
  readonly now?: () => Date;
}

/**
 * Creates a time-stamping unit certificate: EKU id-kp-timeStamping only and CRITICAL
 * (RFC 3161 §2.3), KU digitalSignature + nonRepudiation.
 */
export async function createTsaCertificate(
  ca: CertificateAuthority,
  options: ServiceCertificateOptions = {},
): Promise<CertifiedKey> {
  return serviceCertificate(ca, options, "Teken Development Time-Stamping Authority", 5, [
    new x509.ExtendedKeyUsageExtension([OID.ekuTimeStamping], true),
    new x509.KeyUsagesExtension(
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
      true,
    ),
    ...publicationExtensions(ca.urls),
  ]);
}

/**
 * Creates a delegated OCSP signing certificate: EKU id-kp-OCSPSigning (RFC 6960 §4.2.2.2)
 * and id-pkix-ocsp-nocheck (§4.2.2.2.1), so clients need not check its own status.
 */
export async function createOcspSignerCertificate(
  ca: CertificateAuthority,
  options: ServiceCertificateOptions = {},
): Promise<CertifiedKey> {
  return serviceCertificate(ca, options, "Teken Development OCSP Responder", 1, [
    new x509.ExtendedKeyUsageExtension([OID.ekuOcspSigning], false),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.Extension(OID.ocspNoCheck, false, new Uint8Array([0x05, 0x00])),
  ]);
}

async function serviceCertificate(
  ca: CertificateAuthority,
  options: ServiceCertificateOptions,
  defaultCommonName: string,
  defaultYears: number,
  extensions: readonly x509.Extension[],
): Promise<CertifiedKey> {
  const crypto = options.crypto ?? globalThis.crypto;
  const now = wholeSeconds((options.now ?? (() => new Date()))());
  const keys = await generateKeyPair(options.keyAlgorithm ?? "rsa-2048", { crypto });
  const serialNumber = randomSerial(crypto);
  const certificate = await signCertificate({
    issuer: ca,
    subject: buildName({
      commonName: defaultCommonName,
      organization: DEV_ORGANIZATION,
      country: "ID",
      ...options.name,
    }),
    publicKey: keys.publicKey,
    ...resolveValidity(options.validity, now, defaultYears),
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true), ...extensions],
    serialNumber,
    crypto,
  });
  await options.store?.recordIssued({ caId: ca.id, serialNumber, certificate, issuedAt: now });
  return { certificate, ...keys };
}
