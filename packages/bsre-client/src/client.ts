import type { BsreIdentity } from "./identity";
import { type BsreCallOptions, type BsreClientOptions, resolveOptions } from "./options";
import {
  type SealMessageResponse,
  type SealPdfRequest,
  requestSealActivation,
  requestSealTotp,
  revokeSealActivation,
  sealPdf,
} from "./seal";
import { type SignPdfV1Request, type SignPdfV1Result, downloadSignedV1, signPdfV1 } from "./sign-v1";
import { type SignPdfV2Request, type SignPdfV2Result, requestSignTotp, signPdfV2 } from "./sign-v2";
import { type RegistrationRequest, type UserStatus, registerUser, userStatusV1, userStatusV2 } from "./user";
import { type VerifyV1Response, type VerifyV2Response, verifyPdfV1, verifyPdfV2 } from "./verify";

/** A typed client of BSrE's Esign Client Service, v1 and v2 (DOMAIN.md §4). */
export interface BsreClient {
  readonly v1: {
    /** `POST /api/sign/pdf`: the signed PDF and its `id_dokumen`. */
    signPdf(request: SignPdfV1Request, call?: BsreCallOptions): Promise<SignPdfV1Result>;
    /** `GET /api/sign/download/{id}`: once only. */
    download(documentId: string, call?: BsreCallOptions): Promise<Uint8Array>;
    /** `POST /api/sign/verify`. */
    verify(
      request: { file: Uint8Array; fileName?: string },
      call?: BsreCallOptions,
    ): Promise<VerifyV1Response>;
    /** `GET /api/user/status/{nik}`. */
    userStatus(nik: string, call?: BsreCallOptions): Promise<UserStatus>;
    /** `POST /api/user/registrasi`. */
    register(
      request: RegistrationRequest,
      call?: BsreCallOptions,
    ): Promise<{ status?: string; message?: string }>;
  };
  readonly v2: {
    /** `POST /api/v2/sign/pdf`. */
    signPdf(request: SignPdfV2Request, call?: BsreCallOptions): Promise<SignPdfV2Result>;
    /** `POST /api/v2/sign/get/totp`. */
    requestSignTotp(
      request: BsreIdentity & { fileCount: number },
      call?: BsreCallOptions,
    ): Promise<{ message?: string }>;
    /** `POST /api/v2/verify/pdf`. */
    verify(
      request: { file: Uint8Array; password?: string },
      call?: BsreCallOptions,
    ): Promise<VerifyV2Response>;
    /** `POST /api/v2/user/check/status`. */
    userStatus(identity: BsreIdentity, call?: BsreCallOptions): Promise<UserStatus>;
    readonly seal: {
      /** `POST /api/v2/seal/get/activation`. */
      requestActivation(idSubscriber: string, call?: BsreCallOptions): Promise<SealMessageResponse>;
      /** `POST /api/v2/seal/get/totp`. */
      requestTotp(
        request: { idSubscriber: string; totp: string },
        call?: BsreCallOptions,
      ): Promise<SealMessageResponse>;
      /** `POST /api/v2/seal/pdf`. */
      sealPdf(
        request: SealPdfRequest,
        call?: BsreCallOptions,
      ): Promise<{ readonly files: readonly Uint8Array[]; readonly time: number | string | undefined }>;
      /** `POST /api/v2/seal/revoke/activation`. */
      revokeActivation(
        request: { idSubscriber: string; totp: string },
        call?: BsreCallOptions,
      ): Promise<SealMessageResponse>;
    };
  };
}

/**
 * Creates a BSrE client. Calls throw {@link BsreError} with a stable code; secrets never
 * appear in errors or events.
 * @example
 * const bsre = createBsreClient({ baseUrl: "http://localhost:8085", credentials: { username, password } });
 * const status = await bsre.v2.userStatus({ nik: "3201234567890001" });
 * if (status.canSign) await bsre.v1.signPdf({ file, nik, passphrase, tampilan: "invisible" });
 */
export function createBsreClient(options: BsreClientOptions): BsreClient {
  const o = resolveOptions(options);
  return {
    v1: {
      signPdf: (request, call) => signPdfV1(o, request, call),
      download: (documentId, call) => downloadSignedV1(o, documentId, call),
      verify: (request, call) => verifyPdfV1(o, request, call),
      userStatus: (nik, call) => userStatusV1(o, nik, call),
      register: (request, call) => registerUser(o, request, call),
    },
    v2: {
      signPdf: (request, call) => signPdfV2(o, request, call),
      requestSignTotp: (request, call) => requestSignTotp(o, request, call),
      verify: (request, call) => verifyPdfV2(o, request, call),
      userStatus: (identity, call) => userStatusV2(o, identity, call),
      seal: {
        requestActivation: (id, call) => requestSealActivation(o, id, call),
        requestTotp: (request, call) => requestSealTotp(o, request, call),
        sealPdf: (request, call) => sealPdf(o, request, call),
        revokeActivation: (request, call) => revokeSealActivation(o, request, call),
      },
    },
  };
}
