/** RFC 5280 §5.3.1 CRL reason codes, by name. */
export type RevocationReason =
  | "unspecified"
  | "keyCompromise"
  | "cACompromise"
  | "affiliationChanged"
  | "superseded"
  | "cessationOfOperation"
  | "certificateHold"
  | "removeFromCRL"
  | "privilegeWithdrawn"
  | "aACompromise";

/** The numeric CRLReason value of each reason name (RFC 5280 §5.3.1; 7 is unused). */
export const REASON_CODE: Readonly<Record<RevocationReason, number>> = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
};

/** A certificate a CA issued. */
export interface IssuedRecord {
  readonly caId: string;
  /** Canonical lower-case hex (see `normalizeSerial`). */
  readonly serialNumber: string;
  readonly certificate: Uint8Array;
  readonly issuedAt: Date;
}

/** A revocation of one certificate. */
export interface RevocationRecord {
  readonly caId: string;
  readonly serialNumber: string;
  readonly reason: RevocationReason;
  readonly revokedAt: Date;
}

/** State of a CA: issued certificates, revocations and monotonic counters (CRL numbers, TSA serials). */
export interface CaStore {
  /** Records an issued certificate (serial normalised by the store). */
  recordIssued(record: IssuedRecord): Promise<void>;
  /** The issued certificate with this serial, if this CA issued it. */
  findIssued(caId: string, serialNumber: string): Promise<IssuedRecord | undefined>;
  /** Stores a revocation; returns the existing one instead when the serial is already revoked. */
  addRevocation(record: RevocationRecord): Promise<RevocationRecord>;
  /** The revocation of this serial, if any. */
  findRevocation(caId: string, serialNumber: string): Promise<RevocationRecord | undefined>;
  /** Every revocation of this CA, oldest first. */
  listRevocations(caId: string): Promise<readonly RevocationRecord[]>;
  /** Increments and returns a named counter, starting at 1. */
  nextCounter(name: string): Promise<bigint>;
}
