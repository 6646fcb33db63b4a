import { type BsreClient, isBsreError } from "@teken/bsre-client";
import type {
  CertificateAuthority,
  CertificateState,
  CertificateStatus,
  SignFailureCode,
  SigningService,
} from "@teken/registry";

const STATUSES: readonly CertificateStatus[] = [
  "ISSUE",
  "EXPIRED",
  "RENEW",
  "WAITING_FOR_VERIFICATION",
  "NEW",
  "NO_CERTIFICATE",
  "NOT_REGISTERED",
  "SUSPEND",
  "REVOKE",
];

function toState(status: string): CertificateState {
  return { status: (STATUSES as readonly string[]).includes(status) ? (status as CertificateStatus) : "NEW" };
}

/** The registry's `CertificateAuthority` port over the BSrE client (v1 registration, v2 status). */
export function bsreCertificateAuthority(client: BsreClient): CertificateAuthority {
  return {
    async register(input) {
      try {
        await client.v1.register({ nik: input.nik, nip: input.nip, nama: input.name, email: input.email });
      } catch (e) {
        if (!(isBsreError(e) && e.code === "BSRE_ALREADY_REGISTERED")) throw e;
      }
      return toState((await client.v2.userStatus({ nik: input.nik })).status);
    },
    async status(input) {
      return toState((await client.v2.userStatus({ nik: input.nik })).status);
    },
    async requestRenewal(input) {
      // Renewal happens at BSrE's own portal (a new passphrase): we only read the outcome.
      return toState((await client.v2.userStatus({ nik: input.nik })).status);
    },
  };
}

function failureOf(e: unknown): SignFailureCode {
  if (!isBsreError(e)) throw e;
  switch (e.code) {
    case "BSRE_WRONG_PASSPHRASE":
      return "WRONG_PASSPHRASE";
    case "BSRE_WRONG_TOTP":
      return "TOTP_INVALID";
    case "BSRE_USER_NOT_REGISTERED":
    case "BSRE_CERTIFICATE_NOT_ISSUED":
    case "BSRE_CERTIFICATE_REVOKED":
    case "BSRE_USER_LOCKED":
      return "NOT_ISSUED";
    default:
      return "UNAVAILABLE";
  }
}

/**
 * The registry's `SigningService` over BSrE v1 `POST /api/sign/pdf` (invisible signature; the
 * footer/QR is already on the page). `retrieve` serves a result this process received but had
 * not stored yet, then BSrE's one-shot `GET /api/sign/download/{id_dokumen}`.
 */
export function bsreSigningService(client: BsreClient): SigningService {
  const documentIds = new Map<string, string>();
  return {
    async sign(request) {
      try {
        const result = await client.v1.signPdf({
          file: request.pdf,
          fileName: `${request.requestId}.pdf`,
          nik: request.nik,
          passphrase: request.passphrase,
          tampilan: "invisible",
          reason: request.reason,
        });
        if (result.documentId) documentIds.set(request.requestId, result.documentId);
        return { ok: true, pdf: result.pdf };
      } catch (e) {
        return { ok: false, code: failureOf(e) };
      }
    },
    async retrieve(requestId) {
      const id = documentIds.get(requestId);
      if (!id) return undefined;
      try {
        return await client.v1.download(id);
      } catch (e) {
        if (isBsreError(e) && e.code === "BSRE_NOT_FOUND") return undefined;
        throw e;
      }
    },
  };
}
