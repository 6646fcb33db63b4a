import type { CertificateState } from "@teken/core";

/** One user of the simulated service; every field is JSON so the state can be persisted as is. */
export interface UserRecord {
  readonly id: string;
  nik: string;
  email: string;
  nama: string;
  nip?: string;
  jabatan?: string;
  unitKerja?: string;
  status: CertificateState;
  /** Operator approved the registration; the user may now set a passphrase. */
  approved: boolean;
  /** SHA-256 (hex) of the one-time activation code emailed on approval. */
  activationCodeHash?: string;
  /** DER certificate, base64. */
  certificate?: string;
  serialNumber?: string;
  notAfter?: string;
  /** Private key encrypted under the passphrase (see key-vault.ts). */
  encryptedKey?: string;
  /** The same key wrapped under the simulator's master key, used only with a valid sign TOTP. */
  serviceWrappedKey?: string;
  /** A renewal waiting for operator approval: a new key under the new passphrase. */
  pendingRenewal?: { encryptedKey: string; serviceWrappedKey: string };
  /** ISO times of recent wrong passphrase/TOTP attempts (inside the lockout window). */
  failures: string[];
  lockedUntil?: string;
  note?: string;
  readonly createdAt: string;
  updatedAt: string;
}

/** A signed document held for the one-shot download. */
export interface StoredDocument {
  readonly id: string;
  /** base64 of the signed PDF. */
  readonly pdf: string;
  readonly createdAt: string;
}

/** A message the simulator "emailed" (activation codes, sign OTPs). */
export interface OutboxMessage {
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly sentAt: string;
}

/** An outstanding sign TOTP. */
export interface PendingTotp {
  readonly userId: string;
  /** SHA-256 (hex) of the code. */
  readonly codeHash: string;
  readonly expiresAt: string;
  /** How many files it may sign (`data` of the request). */
  readonly files: number;
}

/** CA material persisted so certificates stay valid across restarts (simulator only: unencrypted). */
export interface PersistedCa {
  readonly root: PersistedAuthority;
  readonly issuing: PersistedAuthority;
  /** The time-stamping unit (certificate issued by the issuing CA). */
  tsa?: PersistedAuthority;
}

/** One CA's certificate and keys, base64 DER. */
export interface PersistedAuthority {
  readonly id: string;
  readonly certificate: string;
  readonly pkcs8: string;
  readonly spki: string;
  readonly algorithm: { readonly name: string; readonly hash?: string; readonly namedCurve?: string };
}

/** Persisted @teken/ca store content. */
export interface PersistedCaStore {
  issued: { caId: string; serialNumber: string; certificate: string; issuedAt: string }[];
  revocations: { caId: string; serialNumber: string; reason: string; revokedAt: string }[];
  counters: Record<string, string>;
}

/** An organisation seal subscriber (v2 `/seal/...`, keyed by `idSubscriber`). */
export interface SealSubscriber {
  readonly idSubscriber: string;
  name: string;
  email: string;
  certificate: string;
  serialNumber: string;
  notAfter: string;
  /** The seal key wrapped under the master key (seals have no passphrase; the TOTPs gate it). */
  serviceWrappedKey: string;
  activated: boolean;
  /** SHA-256 of the outstanding activation code and its expiry. */
  activationHash?: string;
  activationExpiresAt?: string;
  /** SHA-256 of the current seal TOTP and its expiry. */
  totpHash?: string;
  totpExpiresAt?: string;
}

/** The whole simulator state. */
export interface SimulatorState {
  readonly version: 1;
  users: UserRecord[];
  documents: StoredDocument[];
  outbox: OutboxMessage[];
  totps: PendingTotp[];
  /** Seal subscribers (absent in states saved by older versions). */
  seals?: SealSubscriber[];
  /** AES-256 master key (base64 raw) wrapping the TOTP-usable key copies. */
  masterKey?: string;
  ca?: PersistedCa;
  caStore: PersistedCaStore;
}

/** A fresh, empty state. */
export function emptyState(): SimulatorState {
  return {
    version: 1,
    users: [],
    documents: [],
    outbox: [],
    totps: [],
    seals: [],
    caStore: { issued: [], revocations: [], counters: {} },
  };
}
