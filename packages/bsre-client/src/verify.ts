import { z } from "zod";
import { toBase64 } from "./base64";
import type { BsreCallOptions, ResolvedOptions } from "./options";
import { readJson } from "./response";
import { send } from "./transport";

const text = z.string().nullable().optional();
/** Leaf values whose type differs between deployments (string, flag or number). */
const flag = z.union([z.boolean(), z.string(), z.number()]).nullable().optional();

/** One signature in the v1 verify answer (`details[i]`). */
export const VerifyV1DetailSchema = z.looseObject({
  signature_field: text,
  info_signer: z
    .looseObject({
      issuer_dn: text,
      signer_name: text,
      signer_dn: text,
      signer_cert_validity: flag,
      cert_user_certified: flag,
    })
    .optional(),
  info_tsa: z.looseObject({ name: text, tsa_cert_validity: flag }).nullable().optional(),
  signature_document: z
    .looseObject({
      signed_using_tsa: flag,
      signed_in: text,
      location: text,
      reason: text,
      hash_value: text,
      document_integrity: flag,
      signature_value: flag,
    })
    .optional(),
});

/** The v1 verify answer of `POST /api/sign/verify`. */
export const VerifyV1ResponseSchema = z.looseObject({
  nama_dokumen: z.string(),
  jumlah_signature: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]),
  notes: z.string(),
  summary: z.string().optional(),
  details: z.array(VerifyV1DetailSchema).default([]),
});

/** One signature in the v2 verify answer (`signatureInformations[i]`). */
export const VerifyV2SignatureSchema = z.looseObject({
  id: text,
  signerName: text,
  signatureDate: text,
  fieldName: text,
  reason: text,
  location: text,
  signatureFormat: text,
  signingDate: text,
  indication: text,
  integrityValid: z.boolean().nullable().optional(),
  certificateTrusted: z.boolean().nullable().optional(),
  certificateValid: z.boolean().nullable().optional(),
  timestampInfomation: z.unknown().optional(),
  ltv: z
    .union([z.boolean(), z.looseObject({})])
    .nullable()
    .optional(),
  certificateDetails: z.array(z.looseObject({})).optional(),
});

/** The v2 verify answer of `POST /api/v2/verify/pdf`. */
export const VerifyV2ResponseSchema = z.looseObject({
  conclusion: z.string(),
  description: text,
  signatureCount: z.number().int().nonnegative(),
  documentName: text,
  signatureInformations: z.array(VerifyV2SignatureSchema).default([]),
});

/** The checked v1 verify answer. */
export type VerifyV1Response = z.output<typeof VerifyV1ResponseSchema>;
/** The checked v2 verify answer. */
export type VerifyV2Response = z.output<typeof VerifyV2ResponseSchema>;

/** Verifies a signed PDF with `POST /api/sign/verify` (multipart `signed_file`); retried on 429/503/504. */
export async function verifyPdfV1(
  options: ResolvedOptions,
  request: { readonly file: Uint8Array; readonly fileName?: string },
  call: BsreCallOptions = {},
): Promise<VerifyV1Response> {
  const part = { bytes: request.file, name: request.fileName ?? "document.pdf", type: "application/pdf" };
  const raw = await send(
    options,
    {
      method: "POST",
      path: "/api/sign/verify",
      body: { kind: "multipart", fields: { signed_file: part } },
      idempotent: true,
    },
    call,
  );
  return readJson(raw, VerifyV1ResponseSchema);
}

/** Verifies a signed PDF with `POST /api/v2/verify/pdf` (base64 `file`, optional `password`); retried on 429/503/504. */
export async function verifyPdfV2(
  options: ResolvedOptions,
  request: { readonly file: Uint8Array; readonly password?: string },
  call: BsreCallOptions = {},
): Promise<VerifyV2Response> {
  const body =
    request.password === undefined
      ? { file: toBase64(request.file) }
      : { file: toBase64(request.file), password: request.password };
  const raw = await send(
    options,
    { method: "POST", path: "/api/v2/verify/pdf", body: { kind: "json", value: body }, idempotent: true },
    call,
  );
  return readJson(raw, VerifyV2ResponseSchema);
}
