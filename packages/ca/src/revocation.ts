import { normalizeSerial } from "./bytes";
import type { CertificateAuthority } from "./certificate-authority";
import type { CaStore, RevocationReason, RevocationRecord } from "./ports";

/** What `revokeCertificate` did. */
export type RevokeOutcome =
  | { readonly status: "revoked"; readonly record: RevocationRecord }
  | { readonly status: "alreadyRevoked"; readonly record: RevocationRecord }
  | { readonly status: "unknownCertificate" };

/** Options for `revokeCertificate`. */
export interface RevokeOptions {
  /** Certificate serial (hex, any case, separators allowed). */
  readonly serialNumber: string;
  /** RFC 5280 §5.3.1 reason (default "unspecified"). */
  readonly reason?: RevocationReason;
  /** Revocation time (default now). */
  readonly revokedAt?: Date;
  readonly now?: () => Date;
}

/**
 * Revokes a certificate this CA issued; revoking twice keeps the first record, and a serial
 * the CA never issued is refused (a result, not an exception).
 * @example
 * await revokeCertificate(store, issuing, { serialNumber, reason: "keyCompromise" });
 */
export async function revokeCertificate(
  store: CaStore,
  ca: Pick<CertificateAuthority, "id">,
  options: RevokeOptions,
): Promise<RevokeOutcome> {
  const serialNumber = normalizeSerial(options.serialNumber);
  if ((await store.findIssued(ca.id, serialNumber)) === undefined) return { status: "unknownCertificate" };
  const existing = await store.findRevocation(ca.id, serialNumber);
  if (existing !== undefined) return { status: "alreadyRevoked", record: existing };
  const revokedAt = new Date(
    Math.floor((options.revokedAt ?? (options.now ?? (() => new Date()))()).getTime() / 1000) * 1000,
  );
  const record = await store.addRevocation({
    caId: ca.id,
    serialNumber,
    reason: options.reason ?? "unspecified",
    revokedAt,
  });
  return { status: "revoked", record };
}
