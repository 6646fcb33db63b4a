/** Content-addressed bytes: `put` returns the lowercase hex SHA-256 under which `get` finds them. */
export interface BlobStore {
  put(bytes: Uint8Array): Promise<string>;
  get(hash: string): Promise<Uint8Array | undefined>;
  has(hash: string): Promise<boolean>;
}

/** One employee as the personnel system (SIMPEG) knows them. */
export interface Employee {
  readonly nip: string;
  readonly name: string;
  readonly unitCode: string;
}

/** The personnel system (SIMPEG stand-in): looks an employee up by NIP. */
export interface EmployeeDirectory {
  lookup(nip: string): Promise<Employee | undefined>;
}

/** BSrE user/certificate statuses (Esign Client Service v2, `user/check/status`). */
export type CertificateStatus =
  | "ISSUE"
  | "EXPIRED"
  | "RENEW"
  | "WAITING_FOR_VERIFICATION"
  | "NEW"
  | "NO_CERTIFICATE"
  | "NOT_REGISTERED"
  | "SUSPEND"
  | "REVOKE";

/** What the CA reports about a user's certificate. */
export interface CertificateState {
  readonly status: CertificateStatus;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

/** The certificate authority (BSrE, or the simulator): enrolment, status polling and renewal. */
export interface CertificateAuthority {
  register(input: {
    readonly nik: string;
    readonly nip: string;
    readonly name: string;
    readonly email: string;
  }): Promise<CertificateState>;
  status(input: { readonly nik: string }): Promise<CertificateState>;
  requestRenewal(input: { readonly nik: string; readonly email: string }): Promise<CertificateState>;
}

/** Adds the verification footer/QR to a PDF before its first step (satisfied by @teken/pades). */
export interface DocumentPreparer {
  prepare(input: {
    readonly pdf: Uint8Array;
    readonly token: string;
    readonly shortCode: string;
    readonly verifyUrl: string;
    readonly paperSize: string;
    readonly anchor: string;
  }): Promise<Uint8Array>;
}

/** One request to the signing service; `passphrase` and `totp` are passed through, never kept. */
export interface SignRequest {
  /** Our id of the request: the service must return the same result when asked again with it. */
  readonly requestId: string;
  readonly nik: string;
  readonly email: string;
  readonly passphrase: string;
  readonly totp?: string;
  readonly pdf: Uint8Array;
  readonly anchor: string;
  readonly reason: string;
  /** The signer's name and NIP, for a visible stamp. */
  readonly signerName: string;
  readonly nip?: string;
  /** The document's public verification URL (`verifyBaseUrl` + token): what a stamp's QR code opens. */
  readonly verifyUrl: string;
  /**
   * Call as soon as the service names its result (BSrE v1's `id_dokumen`), before answering:
   * the registry stores it with the request, and `retrieve` receives it after a crash.
   */
  readonly remember?: (reference: string) => Promise<void>;
}

/** Why the signing service refused (BSrE 2031 wrong passphrase, 2011/401 no certificate, ...). */
export type SignFailureCode = "WRONG_PASSPHRASE" | "TOTP_INVALID" | "NOT_ISSUED" | "UNAVAILABLE";

/** The signing service's answer; `certificate` is the validity of the certificate that signed, when known. */
export type SignOutcome =
  | {
      readonly ok: true;
      readonly pdf: Uint8Array;
      readonly certificate?: { readonly notBefore: Date; readonly notAfter: Date };
    }
  | { readonly ok: false; readonly code: SignFailureCode };

/**
 * Signs PDFs for a user (BSrE client or simulator); `retrieve` returns a finished request again,
 * given our request id and the reference the service named through `SignRequest.remember` (if any).
 */
export interface SigningService {
  sign(request: SignRequest): Promise<SignOutcome>;
  retrieve(requestId: string, reference?: string): Promise<Uint8Array | undefined>;
}

/** One outgoing mail. */
export interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Sends mail (SMTP, or .eml files in a folder). */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}
