import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { type CertificateAuthority, caUrls, type PublicationUrls } from "./certificate-authority";
import { certificateSerial } from "./certificate-info";
import { generateKeyPair, type KeyAlgorithmName } from "./key-algorithm";
import { buildName, type NameParts } from "./name";
import type { CaStore } from "./ports";
import { addYears, signCertificate, wholeSeconds } from "./sign-certificate";

/** Validity of one certificate; `notBefore` defaults to now, `years` to the role's default. */
export interface ValidityOptions {
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly years?: number;
}

/** Options for `createHierarchy`; every field has a development default. */
export interface HierarchyOptions {
  /** Root CA subject; default CN "Teken Development Root CA", O "Teken Development (not a real CA)", C "ID". */
  readonly rootName?: Partial<NameParts>;
  /** Issuing CA subject; default CN "Teken Development Issuing CA". */
  readonly issuingName?: Partial<NameParts>;
  /** Key algorithm of both CAs (default `rsa-2048`, fast for tests). */
  readonly keyAlgorithm?: KeyAlgorithmName;
  /** Root key algorithm when it differs from `keyAlgorithm`. */
  readonly rootKeyAlgorithm?: KeyAlgorithmName;
  /** Root validity (default 20 years). */
  readonly rootValidity?: ValidityOptions;
  /** Issuing CA validity (default 10 years). */
  readonly issuingValidity?: ValidityOptions;
  /** Base URL where `createCaHttpApp` is served: fills AIA/CDP of the issuing CA and of signers. */
  readonly baseUrl?: string;
  /** Ids used in URLs and the store (default `root` and `issuing`). */
  readonly rootId?: string;
  readonly issuingId?: string;
  /** When given, the issuing CA certificate is recorded as issued by the root. */
  readonly store?: CaStore;
  readonly crypto?: Crypto;
  readonly now?: () => Date;
}

/** A root CA and the issuing CA it certified (the national shape, DOMAIN.md §5). */
export interface CaHierarchy {
  readonly root: CertificateAuthority;
  readonly issuing: CertificateAuthority;
}

/** Default organisation: says plainly that this is not the real national CA. */
export const DEV_ORGANIZATION = "Teken Development (not a real CA)";

/**
 * Creates a self-signed root CA and an issuing CA under it (RFC 5280 §4.2.1.9 basic
 * constraints: root unlimited, issuing pathLen 0; §4.2.1.3 keyCertSign + cRLSign).
 * @example
 * const { root, issuing } = await createHierarchy({ baseUrl: "http://127.0.0.1:8080/pki" });
 */
export async function createHierarchy(options: HierarchyOptions = {}): Promise<CaHierarchy> {
  const crypto = options.crypto ?? globalThis.crypto;
  const now = wholeSeconds((options.now ?? (() => new Date()))());
  const rootId = options.rootId ?? "root";
  const issuingId = options.issuingId ?? "issuing";
  const urls = (id: string): PublicationUrls => (options.baseUrl ? caUrls(options.baseUrl, id) : {});
  const alg = options.keyAlgorithm ?? "rsa-2048";
  const [rootKeys, issuingKeys] = await Promise.all([
    generateKeyPair(options.rootKeyAlgorithm ?? alg, { crypto }),
    generateKeyPair(alg, { crypto }),
  ]);
  const rootValidity = resolveValidity(options.rootValidity, now, 20);
  const rootCert = await signCertificate({
    issuer: undefined,
    selfPrivateKey: rootKeys.privateKey,
    subject: buildName({ ...defaultName("Teken Development Root CA"), ...options.rootName }),
    publicKey: rootKeys.publicKey,
    ...rootValidity,
    extensions: caExtensions(undefined),
    crypto,
  });
  const root: CertificateAuthority = { id: rootId, certificate: rootCert, ...rootKeys, urls: urls(rootId) };
  const issuingValidity = resolveValidity(options.issuingValidity, now, 10);
  const issuingCert = await signCertificate({
    issuer: root,
    subject: buildName({ ...defaultName("Teken Development Issuing CA"), ...options.issuingName }),
    publicKey: issuingKeys.publicKey,
    ...issuingValidity,
    extensions: [...caExtensions(0), ...publicationExtensions(root.urls, false)],
    crypto,
  });
  await options.store?.recordIssued({
    caId: rootId,
    serialNumber: certificateSerial(issuingCert),
    certificate: issuingCert,
    issuedAt: now,
  });
  const issuing: CertificateAuthority = {
    id: issuingId,
    certificate: issuingCert,
    ...issuingKeys,
    urls: urls(issuingId),
  };
  return { root, issuing };
}

function defaultName(commonName: string): NameParts {
  return { commonName, organization: DEV_ORGANIZATION, country: "ID" };
}

/** Resolves validity options into concrete dates. */
export function resolveValidity(
  validity: ValidityOptions | undefined,
  now: Date,
  defaultYears: number,
): { readonly notBefore: Date; readonly notAfter: Date } {
  const notBefore = wholeSeconds(validity?.notBefore ?? now);
  const notAfter = wholeSeconds(validity?.notAfter ?? addYears(notBefore, validity?.years ?? defaultYears));
  return { notBefore, notAfter };
}

function caExtensions(pathLength: number | undefined): x509.Extension[] {
  return [
    new x509.BasicConstraintsExtension(true, pathLength, true),
    new x509.KeyUsagesExtension(
      x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
      true,
    ),
  ];
}

/**
 * AIA (RFC 5280 §4.2.2.1) and CRL distribution point (§4.2.1.13) extensions for a
 * certificate issued by a CA publishing at `urls`.
 */
export function publicationExtensions(urls: PublicationUrls, includeOcsp = true): x509.Extension[] {
  const out: x509.Extension[] = [];
  const ocsp = includeOcsp && urls.ocspUrl !== undefined ? [urls.ocspUrl] : [];
  const caIssuers = urls.caIssuersUrl !== undefined ? [urls.caIssuersUrl] : [];
  if (ocsp.length > 0 || caIssuers.length > 0) {
    out.push(new x509.AuthorityInfoAccessExtension({ ocsp, caIssuers }, false));
  }
  if (urls.crlUrl !== undefined) out.push(new x509.CRLDistributionPointsExtension([urls.crlUrl], false));
  return out;
}
