import { randomBytes, randomUUID } from "node:crypto";
import type { Lang } from "./mail/templates";
import type { Db } from "./db/types";
import type {
  BlobStore,
  CertificateAuthority,
  DocumentPreparer,
  EmployeeDirectory,
  SigningService,
} from "./ports";
import { type IdentityRules, defaultIdentityRules } from "./rules/identity-rules";

/** Everything the use cases need: storage, the outside world through ports, and policies. */
export interface RegistryDeps {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly directory?: EmployeeDirectory;
  readonly ca?: CertificateAuthority;
  readonly preparer?: DocumentPreparer;
  readonly signer?: SigningService;
  /** Validation rules (NIP, NIK, email, uploads, password); defaults to `defaultIdentityRules`. */
  readonly rules?: IdentityRules;
  /** Base of the public verification URL; the token is appended (default `https://tte.example.go.id/verifikasi/`). */
  readonly verifyBaseUrl?: string;
  /** Language of mail (default `id`). */
  readonly lang?: Lang;
  readonly now?: () => Date;
  readonly randomBytes?: (n: number) => Uint8Array;
  readonly newId?: () => string;
}

/** The deps with every default filled in. */
export interface ResolvedDeps
  extends Required<Omit<RegistryDeps, "directory" | "ca" | "preparer" | "signer">> {
  readonly directory?: EmployeeDirectory;
  readonly ca?: CertificateAuthority;
  readonly preparer?: DocumentPreparer;
  readonly signer?: SigningService;
}

/** Fills in the defaults (clock, randomness, ids, rules, language). */
export function resolveDeps(deps: RegistryDeps): ResolvedDeps {
  return {
    rules: defaultIdentityRules(),
    verifyBaseUrl: "https://tte.example.go.id/verifikasi/",
    lang: "id",
    now: () => new Date(),
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    newId: () => randomUUID(),
    ...deps,
  };
}
