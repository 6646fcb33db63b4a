import type { CertificateAuthority, CertifiedKey } from "./certificate-authority";
import { createHierarchy } from "./hierarchy";
import { generateKeyPair, type KeyAlgorithmName } from "./key-algorithm";
import { MemoryCaStore } from "./memory-ca-store";
import { toPem } from "./pem";
import { createOcspSignerCertificate, createTsaCertificate } from "./service-certificates";
import { issueSignerCertificate } from "./signer-certificate";

/** Options for `createTestPki`. */
export interface TestPkiOptions {
  /** Where `createCaHttpApp` will be served; fills AIA/CDP URLs (default "http://127.0.0.1/pki"). */
  readonly baseUrl?: string;
  /** Key algorithm of every key (default `rsa-2048`). */
  readonly keyAlgorithm?: KeyAlgorithmName;
  /** Signer's name (default "Budi Santoso"). */
  readonly signerName?: string;
  readonly signerEmail?: string;
  readonly crypto?: Crypto;
  readonly now?: () => Date;
}

/** A signer's key, certificate and chain (issuing CA, root). */
export interface TestSigner extends CertifiedKey {
  readonly serialNumber: string;
  /** The CA certificates above the signer, nearest first: [issuing, root]. */
  readonly chain: readonly Uint8Array[];
}

/** A complete development PKI: CAs, TSA, OCSP signer, one signer and the store that knows them. */
export interface TestPki {
  readonly root: CertificateAuthority;
  readonly issuing: CertificateAuthority;
  readonly tsa: CertifiedKey;
  readonly ocspSigner: CertifiedKey;
  readonly signer: TestSigner;
  readonly store: MemoryCaStore;
  /** PEM of every certificate, for tools like openssl. */
  readonly pem: {
    readonly root: string;
    readonly issuing: string;
    readonly tsa: string;
    readonly ocspSigner: string;
    readonly signer: string;
    /** Issuing CA then root. */
    readonly chain: string;
  };
}

/**
 * Builds a full throw-away PKI in one call (RSA-2048 by default, about a second).
 * @example
 * const pki = await createTestPki();
 * const cms = await sign(pdf, pki.signer.privateKey, pki.signer.certificate, pki.signer.chain);
 */
export async function createTestPki(options: TestPkiOptions = {}): Promise<TestPki> {
  const crypto = options.crypto ?? globalThis.crypto;
  const common = { crypto, ...(options.now ? { now: options.now } : {}) };
  const keyAlgorithm = options.keyAlgorithm ?? "rsa-2048";
  const store = new MemoryCaStore();
  const { root, issuing } = await createHierarchy({
    ...common,
    keyAlgorithm,
    baseUrl: options.baseUrl ?? "http://127.0.0.1/pki",
    store,
  });
  const [tsa, ocspSigner, signerKeys] = await Promise.all([
    createTsaCertificate(issuing, { ...common, keyAlgorithm, store }),
    createOcspSignerCertificate(issuing, { ...common, keyAlgorithm, store }),
    generateKeyPair(keyAlgorithm, { crypto }),
  ]);
  const issued = await issueSignerCertificate(issuing, {
    ...common,
    publicKey: signerKeys.publicKey,
    name: options.signerName ?? "Budi Santoso",
    email: options.signerEmail ?? "budi.santoso@example.go.id",
    organization: "Pemerintah Kota Contoh",
    store,
  });
  const signer: TestSigner = { ...signerKeys, ...issued, chain: [issuing.certificate, root.certificate] };
  const pemOf = (der: Uint8Array) => toPem(der, "CERTIFICATE");
  return {
    root,
    issuing,
    tsa,
    ocspSigner,
    signer,
    store,
    pem: {
      root: pemOf(root.certificate),
      issuing: pemOf(issuing.certificate),
      tsa: pemOf(tsa.certificate),
      ocspSigner: pemOf(ocspSigner.certificate),
      signer: pemOf(signer.certificate),
      chain: pemOf(issuing.certificate) + pemOf(root.certificate),
    },
  };
}
