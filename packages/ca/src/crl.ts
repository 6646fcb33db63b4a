import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { toBytes } from "./bytes";
import type { CertificateAuthority } from "./certificate-authority";
import { derInteger } from "./der";
import { signingAlgorithmOf } from "./key-algorithm";
import { OID } from "./oids";
import { type CaStore, REASON_CODE } from "./ports";
import { wholeSeconds } from "./sign-certificate";

/** Options for `issueCrl`. */
export interface CrlOptions {
  readonly store: CaStore;
  /** Seconds until nextUpdate (default 7 days). */
  readonly validitySeconds?: number;
  readonly crypto?: Crypto;
  readonly now?: () => Date;
}

/**
 * Issues a full v2 CRL of every revocation of `ca` (RFC 5280 §5): thisUpdate, nextUpdate,
 * a monotonically increasing CRL number (§5.2.3), AKI (§5.2.1), reason codes (§5.3.1).
 * @example
 * const crlDer = await issueCrl(issuing, { store });
 */
export async function issueCrl(ca: CertificateAuthority, options: CrlOptions): Promise<Uint8Array> {
  const crypto = options.crypto ?? globalThis.crypto;
  const thisUpdate = wholeSeconds((options.now ?? (() => new Date()))());
  const nextUpdate = new Date(thisUpdate.getTime() + (options.validitySeconds ?? 7 * 86_400) * 1000);
  const caCert = new x509.X509Certificate(toBytes(ca.certificate));
  const revocations = await options.store.listRevocations(ca.id);
  const crlNumber = await options.store.nextCounter(`crl:${ca.id}`);
  const crl = await x509.X509CrlGenerator.create(
    {
      issuer: caCert.subjectName,
      thisUpdate,
      nextUpdate,
      signingKey: ca.privateKey,
      signingAlgorithm: signingAlgorithmOf(ca.privateKey),
      extensions: [
        await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey, false, crypto),
        new x509.Extension(OID.crlNumber, false, derInteger(crlNumber)),
      ],
      entries: revocations.map((r) => ({
        serialNumber: r.serialNumber,
        revocationDate: r.revokedAt,
        reason: REASON_CODE[r.reason],
      })),
    },
    crypto,
  );
  return toBytes(crl.rawData);
}
