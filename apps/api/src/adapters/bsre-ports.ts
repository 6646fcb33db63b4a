import { type BsreClient, isBsreError } from "@teken/bsre-client";
import { findAnchors, openPdf, verify } from "@teken/pades";
import type {
  CertificateAuthority,
  CertificateState,
  CertificateStatus,
  SignFailureCode,
  SignRequest,
  SigningService,
} from "@teken/registry";

/** A certificate's validity period. */
export interface Validity {
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** Reads the validity of a user's issued certificate by NIK (the in-process simulator can; BSrE's API cannot). */
export type ValidityLookup = (nik: string) => Promise<Validity | undefined>;

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

/**
 * The registry's `CertificateAuthority` port over the BSrE client (v1 registration, v2 status).
 * BSrE's status answer carries no dates: with `validityOf` (the in-process simulator) an issued
 * certificate's notBefore/notAfter are read from the certificate itself.
 */
export function bsreCertificateAuthority(
  client: BsreClient,
  options: { validityOf?: ValidityLookup } = {},
): CertificateAuthority {
  const stateOf = async (nik: string): Promise<CertificateState> => {
    const state = toState((await client.v2.userStatus({ nik })).status);
    if (state.status !== "ISSUE" || !options.validityOf) return state;
    const validity = await options.validityOf(nik);
    return validity ? { ...state, ...validity } : state;
  };
  return {
    async register(input) {
      try {
        await client.v1.register({ nik: input.nik, nip: input.nip, nama: input.name, email: input.email });
      } catch (e) {
        if (!(isBsreError(e) && e.code === "BSRE_ALREADY_REGISTERED")) throw e;
      }
      return stateOf(input.nik);
    },
    status: (input) => stateOf(input.nik),
    // Renewal happens at BSrE's own portal (a new passphrase): we only read the outcome.
    requestRenewal: (input) => stateOf(input.nik),
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

/** The validity of the certificate behind a PDF's newest signature (BSrE's status API has no dates). */
async function signerValidity(pdf: Uint8Array): Promise<Validity | undefined> {
  try {
    const report = await verify(pdf, { trustAnchors: [] });
    const signer = report.signatures.filter((s) => s.kind === "signature").at(-1)?.signer;
    return signer
      ? { notBefore: new Date(signer.notBefore), notAfter: new Date(signer.notAfter) }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Size of the visible stamp in PDF points: a QR code with the signer's name and NIP beside it. */
export const STAMP_SIZE = { width: 180, height: 60 } as const;

/**
 * Where the stamp goes: at the document's anchor when it occurs exactly once and no earlier
 * signature already sits there (a second signer on the same anchor would cover the first);
 * otherwise the signature is invisible (the footer/QR added at upload is on every page anyway).
 */
async function visibleAt(request: SignRequest): Promise<string | undefined> {
  if (request.anchor === "") return undefined;
  try {
    const doc = await openPdf(request.pdf);
    if (doc.fields().some((f) => f.type === "Sig" && f.value !== undefined)) return undefined;
    return findAnchors(doc, request.anchor).length === 1 ? request.anchor : undefined;
  } catch {
    return undefined;
  }
}

/** The v1 stamp fields: a QR code of the verification URL, the name and NIP as text, centred on the anchor. */
function stampFields(request: SignRequest, anchor: string) {
  return {
    tampilan: "visible" as const,
    image: false,
    linkQR: request.verifyUrl,
    tag_koordinat: anchor,
    width: STAMP_SIZE.width,
    height: STAMP_SIZE.height,
    text: request.nip ? `${request.signerName}\nNIP ${request.nip}` : request.signerName,
  };
}

/**
 * The registry's `SigningService` over BSrE v1 `POST /api/sign/pdf`: a visible stamp (QR to
 * `/v/{token}` + name/NIP) at the document's anchor, else invisible. BSrE's `id_dokumen` is
 * handed to the registry (`remember`) before answering, so after a crash `retrieve` fetches the
 * result with BSrE's one-shot `GET /api/sign/download/{id_dokumen}`. With `validityFromSignature`
 * (a real BSrE, whose status API has no dates) the signing certificate's validity is read from
 * the signed PDF and recorded by the registry.
 */
export function bsreSigningService(
  client: BsreClient,
  options: { validityFromSignature?: boolean } = {},
): SigningService {
  return {
    async sign(request) {
      const anchor = await visibleAt(request);
      let result: Awaited<ReturnType<BsreClient["v1"]["signPdf"]>>;
      try {
        result = await client.v1.signPdf({
          file: request.pdf,
          fileName: `${request.requestId}.pdf`,
          nik: request.nik,
          passphrase: request.passphrase,
          reason: request.reason,
          ...(anchor ? stampFields(request, anchor) : { tampilan: "invisible" as const }),
        });
      } catch (e) {
        return { ok: false, code: failureOf(e) };
      }
      if (result.documentId) await request.remember?.(result.documentId);
      const certificate = options.validityFromSignature ? await signerValidity(result.pdf) : undefined;
      return { ok: true, pdf: result.pdf, ...(certificate ? { certificate } : {}) };
    },
    async retrieve(_requestId, reference) {
      if (!reference) return undefined;
      try {
        return await client.v1.download(reference);
      } catch (e) {
        if (isBsreError(e) && e.code === "BSRE_NOT_FOUND") return undefined;
        throw e;
      }
    },
  };
}
