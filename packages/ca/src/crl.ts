import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { toBytes } from "./bytes";
import { serialBytes } from "./certificate-info";
import type { CertificateAuthority } from "./certificate-authority";
import { derInteger } from "./der";
import { pkijsCertificate, pkijsEngine } from "./engine";
import { hashOfKey } from "./key-algorithm";
import { OID } from "./oids";
import { type CaStore, REASON_CODE, type RevocationRecord } from "./ports";
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
 * a monotonically increasing CRL number (§5.2.3), AKI (§5.2.1), reason codes (§5.3.1; the
 * extension is left out for "unspecified", and an entry without extensions has none at all).
 * @example
 * const crlDer = await issueCrl(issuing, { store });
 */
export async function issueCrl(ca: CertificateAuthority, options: CrlOptions): Promise<Uint8Array> {
  const crypto = options.crypto ?? globalThis.crypto;
  const thisUpdate = wholeSeconds((options.now ?? (() => new Date()))());
  const nextUpdate = new Date(thisUpdate.getTime() + (options.validitySeconds ?? 7 * 86_400) * 1000);
  const caCert = pkijsCertificate(ca.certificate);
  const revocations = await options.store.listRevocations(ca.id);
  const crlNumber = await options.store.nextCounter(`crl:${ca.id}`);
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    issuer: caCert.subject,
    thisUpdate: time(thisUpdate),
    nextUpdate: time(nextUpdate),
    ...(revocations.length === 0 ? {} : { revokedCertificates: revocations.map(revokedEntry) }),
    crlExtensions: new pkijs.Extensions({
      extensions: [
        await authorityKeyIdentifier(ca, crypto),
        new pkijs.Extension({
          extnID: OID.crlNumber,
          critical: false,
          extnValue: derInteger(crlNumber).buffer,
        }),
      ],
    }),
  });
  await crl.sign(ca.privateKey, hashOfKey(ca.privateKey), pkijsEngine(crypto));
  return new Uint8Array(crl.toSchema(true).toBER());
}

/** UTCTime through 2049, GeneralizedTime after (RFC 5280 §5.1.2.4). */
function time(date: Date): pkijs.Time {
  return new pkijs.Time({ type: date.getUTCFullYear() < 2050 ? 0 : 1, value: date });
}

function revokedEntry(r: RevocationRecord): pkijs.RevokedCertificate {
  const reason = REASON_CODE[r.reason];
  return new pkijs.RevokedCertificate({
    userCertificate: new asn1js.Integer({ valueHex: serialBytes(r.serialNumber) }),
    revocationDate: time(r.revokedAt),
    ...(reason === 0
      ? {}
      : {
          crlEntryExtensions: new pkijs.Extensions({
            extensions: [
              new pkijs.Extension({
                extnID: OID.crlReason,
                critical: false,
                extnValue: new asn1js.Enumerated({ value: reason }).toBER(),
              }),
            ],
          }),
        }),
  });
}

/** AKI keyIdentifier computed exactly as in the certificates this CA issued. */
async function authorityKeyIdentifier(ca: CertificateAuthority, crypto: Crypto): Promise<pkijs.Extension> {
  const publicKey = new x509.X509Certificate(toBytes(ca.certificate)).publicKey;
  const aki = await x509.AuthorityKeyIdentifierExtension.create(publicKey, false, crypto);
  return pkijs.Extension.fromBER(aki.rawData);
}
