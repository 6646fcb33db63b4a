import {
  type CaStore,
  type CertificateAuthority,
  type IssuedRecord,
  type KeyAlgorithmName,
  type RevocationReason,
  type RevocationRecord,
  type CertifiedKey,
  caUrls,
  createCaHttpApp,
  createHierarchy,
  createTsaCertificate,
  generateKeyPair,
  issueSignerCertificate,
  normalizeSerial,
} from "@teken/ca";
import type { Hono } from "hono";
import { fromB64, toB64 } from "./bytes";
import type { PersistedAuthority, PersistedCaStore, SimulatorState } from "./state";

/** What the simulator needs from a certificate authority. */
export interface SimulatorCa {
  /** Generates a signing key pair for a user (extractable, so it can be encrypted). */
  generateKey(): Promise<CryptoKeyPair>;
  /** Issues a signer certificate for `publicKey`. */
  issue(input: {
    readonly publicKey: CryptoKey;
    readonly name: string;
    readonly email: string;
    readonly nik: string;
    readonly notBefore: Date;
    readonly notAfter: Date;
  }): Promise<{ readonly certificate: Uint8Array; readonly serialNumber: string }>;
  /** Records a revocation (OCSP and CRL then report it). */
  revoke(serialNumber: string, reason: RevocationReason): Promise<void>;
  /** Issuing CA first, then the root (DER). */
  readonly chain: readonly Uint8Array[];
  /** OCSP/CRL/TSA/certificate routes to mount under `/pki`, when the CA package provides them. */
  readonly routes?: Hono;
  /** Public base URL of `routes` (written into certificates' AIA/CDP); `{pkiBaseUrl}/tsa` is the TSA. */
  readonly pkiBaseUrl?: string;
}

/** A CaStore over the simulator's persisted state; `onChange` saves it. */
function stateCaStore(store: PersistedCaStore, onChange: () => Promise<void>): CaStore {
  return {
    async recordIssued(record: IssuedRecord) {
      store.issued.push({
        caId: record.caId,
        serialNumber: normalizeSerial(record.serialNumber),
        certificate: toB64(record.certificate),
        issuedAt: record.issuedAt.toISOString(),
      });
      await onChange();
    },
    async findIssued(caId, serialNumber) {
      const s = normalizeSerial(serialNumber);
      const hit = store.issued.find((r) => r.caId === caId && r.serialNumber === s);
      return (
        hit && {
          caId,
          serialNumber: s,
          certificate: fromB64(hit.certificate),
          issuedAt: new Date(hit.issuedAt),
        }
      );
    },
    async addRevocation(record: RevocationRecord) {
      const s = normalizeSerial(record.serialNumber);
      const existing = await this.findRevocation(record.caId, s);
      if (existing) return existing;
      store.revocations.push({
        caId: record.caId,
        serialNumber: s,
        reason: record.reason,
        revokedAt: record.revokedAt.toISOString(),
      });
      await onChange();
      return { ...record, serialNumber: s };
    },
    async findRevocation(caId, serialNumber) {
      const s = normalizeSerial(serialNumber);
      const hit = store.revocations.find((r) => r.caId === caId && r.serialNumber === s);
      return (
        hit && {
          caId,
          serialNumber: s,
          reason: hit.reason as RevocationReason,
          revokedAt: new Date(hit.revokedAt),
        }
      );
    },
    async listRevocations(caId) {
      return store.revocations
        .filter((r) => r.caId === caId)
        .map((r) => ({
          caId,
          serialNumber: r.serialNumber,
          reason: r.reason as RevocationReason,
          revokedAt: new Date(r.revokedAt),
        }));
    },
    async nextCounter(name) {
      const next = BigInt(store.counters[name] ?? "0") + 1n;
      store.counters[name] = next.toString();
      await onChange();
      return next;
    },
  };
}

/** Exports one CA for persistence. */
async function exportAuthority(
  ca: CertifiedKey & { readonly id?: string },
  crypto: Crypto,
): Promise<PersistedAuthority> {
  const a = ca.privateKey.algorithm as RsaHashedKeyAlgorithm & EcKeyAlgorithm;
  return {
    id: ca.id ?? "tsa",
    certificate: toB64(ca.certificate),
    pkcs8: toB64(new Uint8Array(await crypto.subtle.exportKey("pkcs8", ca.privateKey))),
    spki: toB64(new Uint8Array(await crypto.subtle.exportKey("spki", ca.publicKey))),
    algorithm: {
      name: a.name,
      ...(a.hash ? { hash: a.hash.name } : {}),
      ...(a.namedCurve ? { namedCurve: a.namedCurve } : {}),
    },
  };
}

/** Re-imports a persisted CA. */
async function importAuthority(
  p: PersistedAuthority,
  baseUrl: string | undefined,
  crypto: Crypto,
): Promise<CertificateAuthority> {
  const key = await importCertifiedKey(p, crypto);
  return { id: p.id, ...key, urls: baseUrl ? caUrls(baseUrl, p.id) : {} };
}

/** Re-imports a persisted key and its certificate. */
async function importCertifiedKey(p: PersistedAuthority, crypto: Crypto): Promise<CertifiedKey> {
  const alg =
    p.algorithm.name === "ECDSA"
      ? { name: "ECDSA", namedCurve: p.algorithm.namedCurve ?? "P-256" }
      : { name: p.algorithm.name, hash: p.algorithm.hash ?? "SHA-256" };
  const privateKey = await crypto.subtle.importKey("pkcs8", fromB64(p.pkcs8) as BufferSource, alg, true, [
    "sign",
  ]);
  const publicKey = await crypto.subtle.importKey("spki", fromB64(p.spki) as BufferSource, alg, true, [
    "verify",
  ]);
  return { certificate: fromB64(p.certificate), privateKey, publicKey };
}

/** Options of {@link createDevCa}. */
export interface DevCaOptions {
  readonly state: SimulatorState;
  readonly save: () => Promise<void>;
  /** Public base URL of the `/pki` routes, written into certificates (AIA, CDP). */
  readonly pkiBaseUrl?: string;
  /** Key algorithm of new user keys (default `rsa-2048`, as BSrE issues RSA). */
  readonly userKeyAlgorithm?: KeyAlgorithmName;
  /** Key algorithm of a newly created CA hierarchy (default `rsa-2048`). */
  readonly caKeyAlgorithm?: KeyAlgorithmName;
  readonly crypto: Crypto;
  readonly now: () => Date;
}

/**
 * The default CA of the simulator: a development root and issuing CA from @teken/ca, created
 * on first start and kept in the state (so a data folder keeps them across restarts).
 */
export async function createDevCa(options: DevCaOptions): Promise<SimulatorCa> {
  const { state, crypto } = options;
  const store = stateCaStore(state.caStore, options.save);
  if (!state.ca) {
    const h = await createHierarchy({
      rootName: { commonName: "Teken Simulator Root CA" },
      issuingName: { commonName: "Teken Simulator BSrE CA" },
      keyAlgorithm: options.caKeyAlgorithm ?? "rsa-2048",
      ...(options.pkiBaseUrl ? { baseUrl: options.pkiBaseUrl } : {}),
      store,
      crypto,
      now: options.now,
    });
    state.ca = {
      root: await exportAuthority(h.root, crypto),
      issuing: await exportAuthority(h.issuing, crypto),
    };
    await options.save();
  }
  const root = await importAuthority(state.ca.root, options.pkiBaseUrl, crypto);
  const issuing = await importAuthority(state.ca.issuing, options.pkiBaseUrl, crypto);
  if (!state.ca.tsa) {
    const tsa = await createTsaCertificate(issuing, {
      name: { commonName: "Teken Simulator Time-Stamping Authority" },
      keyAlgorithm: options.caKeyAlgorithm ?? "rsa-2048",
      store,
      crypto,
      now: options.now,
    });
    state.ca.tsa = await exportAuthority(tsa, crypto);
    await options.save();
  }
  const tsa = await importCertifiedKey(state.ca.tsa, crypto);
  const routes = createCaHttpApp({
    authorities: [root, issuing],
    store,
    tsa: { tsa, chain: [issuing.certificate, root.certificate] },
    crypto,
    now: options.now,
  });
  return {
    routes,
    ...(options.pkiBaseUrl ? { pkiBaseUrl: options.pkiBaseUrl } : {}),
    generateKey: () => generateKeyPair(options.userKeyAlgorithm ?? "rsa-2048", { crypto }),
    async issue(input) {
      return issueSignerCertificate(issuing, {
        publicKey: input.publicKey,
        name: input.name,
        email: input.email,
        nik: input.nik,
        validity: { notBefore: input.notBefore, notAfter: input.notAfter },
        store,
        crypto,
        now: options.now,
      });
    },
    async revoke(serialNumber, reason) {
      await store.addRevocation({ caId: issuing.id, serialNumber, reason, revokedAt: options.now() });
    },
    chain: [issuing.certificate, root.certificate],
  };
}
