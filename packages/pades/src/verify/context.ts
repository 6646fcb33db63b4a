import type * as pkijs from "pkijs";
import type { Digester } from "../sign/byte-range";
import type { ScannedPdf } from "./pdf-scan/document";
import type { AlgorithmPolicy } from "./options";
import type { RevocationSource } from "../ltv/ports";
import type { RevocationPool } from "./revocation";

/** Everything the per-signature checks share for one document. */
export interface VerifyContext {
  readonly pdf: ScannedPdf;
  readonly crypto: Crypto;
  /** Hashes byte ranges in place (the `digester` option), or undefined for Web Crypto. */
  readonly digester: Digester | undefined;
  readonly policy: AlgorithmPolicy;
  readonly now: Date;
  readonly anchors: readonly pkijs.Certificate[];
  readonly dssCerts: readonly pkijs.Certificate[];
  readonly dssRevocation: RevocationPool;
  readonly requireRevocation: boolean;
  readonly revocationSource: RevocationSource | undefined;
  /** Issuer certificates from AIA (bounded, cached per call), or undefined when off. */
  readonly fetchIssuers: ((cert: pkijs.Certificate) => Promise<readonly pkijs.Certificate[]>) | undefined;
  /** The first revision whose DSS holds this DER (CRL, OCSP response), or null. */
  readonly dssRevisionOf: (der: Uint8Array) => number | null;
  /** Why an encrypted document could not be opened (its changes cannot be analysed), or null. */
  readonly notDecrypted: string | null;
  /** Revision of the document's first DSS (for level detection), or null. */
  readonly dssRevision: number | null;
}
