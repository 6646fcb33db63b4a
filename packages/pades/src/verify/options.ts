import type { RevocationSource } from "../ltv/ports";
import type { Digester } from "../sign/byte-range";
import type { IssuerSource } from "./issuer-source";

/** The algorithm policy: what counts as too weak (ETSI TS 119 312 guidance). */
export interface AlgorithmPolicy {
  /** Digest names refused for signatures (default SHA-1 and MD5). */
  readonly weakDigests: readonly string[];
  /** Smallest RSA modulus accepted, in bits (default 2048). */
  readonly minRsaBits: number;
}

/** Options of `verify`. */
export interface VerifyOptions {
  /** Trust anchors as DER certificates; none means no signature can pass (NO_CERTIFICATE_CHAIN_FOUND). */
  readonly trustAnchors?: readonly Uint8Array[];
  /** Web Crypto implementation (default `globalThis.crypto`). */
  readonly crypto?: Crypto;
  /**
   * Hashes the signed byte ranges (SHA-256/384/512) where they lie — the same port as signing's
   * `digester`, e.g. `node:crypto` `createHash` in a Node adapter. Without it Web Crypto is used,
   * which copies its input: a 100 MB file then briefly needs another 100 MB.
   */
  readonly digester?: Digester;
  /** The validation time (default now). */
  readonly now?: Date;
  /** Algorithm policy overrides. */
  readonly policy?: Partial<AlgorithmPolicy>;
  /** When true (default), a signer certificate without revocation data is INDETERMINATE/TRY_LATER. */
  readonly requireRevocation?: boolean;
  /** Online revocation lookups (the long-term layer's port); off unless given. */
  readonly revocationSource?: RevocationSource;
  /**
   * Missing issuer certificates fetched from AIA caIssuers URLs (e.g. `httpIssuerSource()`);
   * off unless given, and only asked when the CMS and the DSS cannot complete the path.
   */
  readonly issuerSource?: IssuerSource;
  /** Most issuer downloads per verify call (default 8). */
  readonly maxIssuerDownloads?: number;
  /**
   * Password of an encrypted PDF (user or owner); without it the empty user password is tried.
   * Without a working password the byte ranges and CMS are still checked (`/Contents` is never
   * encrypted), but names, reasons, object streams and the DSS cannot be read.
   */
  readonly password?: string;
  /** Files larger than this are refused as TOO_LARGE (default 512 MiB). */
  readonly maxBytes?: number;
}

/** The default algorithm policy. */
export const DEFAULT_POLICY: AlgorithmPolicy = { weakDigests: ["SHA-1", "MD5"], minRsaBits: 2048 };
