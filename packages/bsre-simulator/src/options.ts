import type { KeyAlgorithmName } from "@teken/ca";
import { checkPassphrase } from "@teken/core";
import type { PadesLevel } from "@teken/pades";
import type { SimulatorCa } from "./ca-port";
import type { PkiServices } from "./pades-adapter";
import type { SimulatorSigner, SimulatorVerifier } from "./signer-port";
import type { SimulatorStore } from "./store";

/** HTTP Basic credentials. */
export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

/**
 * Lockout after wrong passphrases or TOTPs. Real BSrE behaviour is not public; the simulator
 * counts wrong attempts per user in a sliding window and, at `maxAttempts`, refuses signing
 * (HTTP 423, status_code 2033) and reports `SUSPEND` until `lockMs` has passed.
 */
export interface LockoutOptions {
  /** Wrong attempts that lock the user; default 5. */
  readonly maxAttempts?: number;
  /** Window in which attempts count; default 15 minutes. */
  readonly windowMs?: number;
  /** How long the lock lasts; default 30 minutes. */
  readonly lockMs?: number;
}

/** What a passphrase rule may look at: who the user is, and the passphrase being replaced. */
export interface PassphraseRuleContext {
  readonly renewal: boolean;
  readonly nik?: string;
  readonly nip?: string;
  readonly email?: string;
  readonly name?: string;
  /** The old passphrase on a change (never stored; known only during the call). */
  readonly previous?: string;
}

/** A passphrase rule: the issue codes that refuse it, empty when it is acceptable. */
export type PassphrasePolicy = (passphrase: string, context: PassphraseRuleContext) => readonly string[];

/** Options of {@link createSimulatorApp}. */
export interface SimulatorOptions {
  /** Basic credentials of the agency API (`/api/*`); default `teken` / `teken-dev`. */
  readonly credentials?: BasicCredentials;
  /** Basic credentials of the operator endpoints (`/operator/*`); default `operator` / `operator-dev`. */
  readonly operator?: BasicCredentials;
  /** Certificate validity in days; default 730 (2 years, DOMAIN.md §5). */
  readonly certificateValidityDays?: number;
  readonly lockout?: LockoutOptions;
  /** Largest request body in bytes; default 20 MiB. */
  readonly maxBodyBytes?: number;
  /** Largest PDF in bytes; default 10 MiB. */
  readonly maxFileBytes?: number;
  /** How long a v1-signed document waits for its one-shot download; default 1 hour. */
  readonly downloadTtlMs?: number;
  /** Lifetime of a sign TOTP; default 5 minutes. */
  readonly totpTtlMs?: number;
  /** PBKDF2 iterations of the passphrase-encrypted keys; default 600 000 (@teken/ca). */
  readonly kdfIterations?: number;
  readonly passphrasePolicy?: PassphrasePolicy;
  /** Where state is kept; default in memory. Use `fileStore(dir)` from the Node entry to persist. */
  readonly store?: SimulatorStore;
  /** PAdES level of the default signer; default `B-LT` with the simulator's own TSA, OCSP and CRL. */
  readonly padesLevel?: PadesLevel;
  /** How long the default signer reuses OCSP responses and CRLs (default 5 minutes; 0 = fetch for every signature). Revocations clear it. */
  readonly revocationCacheMs?: number;
  /** Public base URL of this simulator, written into certificates (`{baseUrl}/pki/...`); default `http://127.0.0.1:8085`. */
  readonly publicBaseUrl?: string;
  /** Key algorithm of user keys made by the default CA; default `rsa-2048`. */
  readonly userKeyAlgorithm?: KeyAlgorithmName;
  /** Key algorithm of the default CA hierarchy when first created; default `rsa-2048`. */
  readonly caKeyAlgorithm?: KeyAlgorithmName;
  /** Overrides the CA (default: a development hierarchy from @teken/ca). */
  readonly ca?: SimulatorCa;
  /** The PDF signer; default @teken/pades (see pades-adapter.ts). */
  readonly signer?: SimulatorSigner;
  /**
   * Builds the PDF signer once the simulator's PKI exists, e.g. `threadSigner` (worker threads)
   * from the Node entry; ignored when `signer` is given or the CA serves no PKI routes.
   */
  readonly makeSigner?: (input: {
    readonly level: PadesLevel;
    readonly pki: PkiServices;
    readonly revocationCacheMs?: number;
  }) => SimulatorSigner;
  /** The verifier; default @teken/pades' report when available, else the verify endpoints answer 501. */
  readonly verifier?: SimulatorVerifier;
  /** Receives unexpected errors (answered as HTTP 500); requests never reach it, so no secrets do. */
  readonly onInternalError?: (error: unknown) => void;
  readonly crypto?: Crypto;
  readonly now?: () => Date;
}

/** Default agency credentials (development only). */
export const DEFAULT_CREDENTIALS: BasicCredentials = { username: "teken", password: "teken-dev" };
/** Default operator credentials (development only). */
export const DEFAULT_OPERATOR: BasicCredentials = { username: "operator", password: "operator-dev" };

/**
 * The default rule: @teken/core's `checkPassphrase` (12-128 characters, 3 of 4 classes, not
 * common, repetitive or derived from the NIK/NIP/email/name, not the previous passphrase).
 */
export const corePassphrasePolicy: PassphrasePolicy = (passphrase, context) => {
  const { renewal: _renewal, ...secretContext } = context;
  const result = checkPassphrase(passphrase, secretContext);
  return result.ok ? [] : result.issues.map((issue) => issue.code);
};
