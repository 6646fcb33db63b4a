import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { randomSerial, toBytes } from "./bytes";
import type { CertifiedKey } from "./certificate-authority";
import { signingAlgorithmOf } from "./key-algorithm";

/** What `signCertificate` needs: subject, key, validity and extra extensions. */
export interface SignCertificateInput {
  /** The issuer; `undefined` makes a self-signed certificate with `selfKeys`. */
  readonly issuer: CertifiedKey | undefined;
  readonly subject: x509.Name;
  readonly publicKey: x509.PublicKeyType;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: readonly x509.Extension[];
  /** Signing key for a self-signed certificate. */
  readonly selfPrivateKey?: CryptoKey;
  readonly serialNumber?: string;
  readonly crypto: Crypto;
}

/**
 * Signs a certificate with SKI and AKI added (RFC 5280 §4.2.1.1, §4.2.1.2) and a random
 * 16-byte positive serial (§4.1.2.2).
 */
export async function signCertificate(input: SignCertificateInput): Promise<Uint8Array> {
  const { crypto } = input;
  const issuerCert =
    input.issuer === undefined ? undefined : new x509.X509Certificate(toBytes(input.issuer.certificate));
  const signingKey = input.issuer?.privateKey ?? input.selfPrivateKey;
  if (signingKey === undefined) throw new TypeError("signCertificate: no signing key");
  const issuerPublic = issuerCert?.publicKey ?? input.publicKey;
  const extensions: x509.Extension[] = [
    ...input.extensions,
    await x509.SubjectKeyIdentifierExtension.create(input.publicKey, false, crypto),
    await x509.AuthorityKeyIdentifierExtension.create(issuerPublic, false, crypto),
  ];
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: input.serialNumber ?? randomSerial(crypto),
      subject: input.subject,
      issuer: issuerCert?.subjectName ?? input.subject,
      notBefore: input.notBefore,
      notAfter: input.notAfter,
      publicKey: input.publicKey,
      signingKey,
      signingAlgorithm: signingAlgorithmOf(signingKey),
      extensions,
    },
    crypto,
  );
  return toBytes(cert.rawData);
}

/** Adds whole calendar years to a date (UTC). */
export function addYears(date: Date, years: number): Date {
  const d = new Date(date.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

/** Truncates a date to whole seconds, the resolution of UTCTime/GeneralizedTime in certificates. */
export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
