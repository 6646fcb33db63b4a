import { z } from "zod";
import { BsreError } from "./errors";
import type { BsreCallOptions, ResolvedOptions } from "./options";
import { readPdf } from "./response";
import { type MultipartValue, send } from "./transport";

/** `halaman` values of the v1 sign call: first or last page. */
export type BsreHalaman = "pertama" | "terakhir";

/**
 * Request of `POST /api/sign/pdf` (DOMAIN.md §4 v1), with BSrE's own field names.
 * Visible stamps: `image: true` stamps `imageTTD`; `image: false` stamps a QR code of `linkQR`.
 * Placement: `tag_koordinat` (anchor text) or `page`/`halaman` with `xAxis`/`yAxis`/`width`/`height`.
 */
export interface SignPdfV1Request {
  readonly file: Uint8Array;
  readonly fileName?: string;
  readonly nik: string;
  readonly passphrase: string;
  readonly tampilan: "visible" | "invisible";
  readonly image?: boolean;
  readonly imageTTD?: Uint8Array;
  /** Content type of `imageTTD`; default `image/png`. */
  readonly imageType?: string;
  readonly linkQR?: string;
  readonly page?: number;
  readonly halaman?: BsreHalaman;
  readonly xAxis?: number;
  readonly yAxis?: number;
  readonly width?: number;
  readonly height?: number;
  readonly tag_koordinat?: string;
  readonly reason?: string;
  readonly location?: string;
  readonly text?: string;
}

/** Result of a v1 sign: the signed PDF and the document id for the one-shot download. */
export interface SignPdfV1Result {
  readonly pdf: Uint8Array;
  readonly documentId: string | undefined;
}

const positive = z.number().finite().nonnegative();

/** Client-side checks of a v1 sign request (the service's own rules are stricter and unknown). */
const SignPdfV1RequestSchema = z
  .object({
    nik: z.string().regex(/^\d{16}$/, "nik must be 16 digits"),
    passphrase: z.string().min(1),
    tampilan: z.enum(["visible", "invisible"]),
    image: z.boolean().optional(),
    linkQR: z.string().min(1).optional(),
    page: z.number().int().positive().optional(),
    halaman: z.enum(["pertama", "terakhir"]).optional(),
    xAxis: positive.optional(),
    yAxis: positive.optional(),
    width: positive.optional(),
    height: positive.optional(),
    tag_koordinat: z.string().min(1).optional(),
    hasImage: z.boolean(),
  })
  .refine((r) => r.tampilan === "invisible" || (r.image ? r.hasImage : r.linkQR !== undefined), {
    message: "a visible stamp needs imageTTD (image: true) or linkQR (image: false)",
  })
  .refine((r) => r.page === undefined || r.halaman === undefined, {
    message: "give page or halaman, not both",
  });

/** Checks the request and throws BSRE_INVALID_INPUT naming the first problem (never a value). */
function check(request: SignPdfV1Request): void {
  const { file: _f, imageTTD, passphrase, ...rest } = request;
  const parsed = SignPdfV1RequestSchema.safeParse({ ...rest, passphrase, hasImage: imageTTD !== undefined });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.join(".") || "request";
    throw new BsreError({ code: "BSRE_INVALID_INPUT", detail: `${where}: ${first?.message ?? "invalid"}` });
  }
}

/** Number fields as the multipart strings BSrE expects. */
function num(value: number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

/** Builds the multipart fields of the v1 sign call. */
function fields(request: SignPdfV1Request): Record<string, MultipartValue | undefined> {
  return {
    file: { bytes: request.file, name: request.fileName ?? "document.pdf", type: "application/pdf" },
    nik: request.nik,
    passphrase: request.passphrase,
    tampilan: request.tampilan,
    image: request.image === undefined ? undefined : String(request.image),
    imageTTD: request.imageTTD
      ? { bytes: request.imageTTD, name: "ttd", type: request.imageType ?? "image/png" }
      : undefined,
    linkQR: request.linkQR,
    page: num(request.page),
    halaman: request.halaman,
    xAxis: num(request.xAxis),
    yAxis: num(request.yAxis),
    width: num(request.width),
    height: num(request.height),
    tag_koordinat: request.tag_koordinat,
    reason: request.reason,
    location: request.location,
    text: request.text,
  };
}

/**
 * Signs a PDF with `POST /api/sign/pdf` (multipart). Never retried: a repeated sign could
 * produce two signed documents.
 * @example
 * const { pdf, documentId } = await signPdfV1(opts, { file, nik, passphrase, tampilan: "invisible" });
 */
export async function signPdfV1(
  options: ResolvedOptions,
  request: SignPdfV1Request,
  call: BsreCallOptions = {},
): Promise<SignPdfV1Result> {
  check(request);
  const raw = await send(
    options,
    {
      method: "POST",
      path: "/api/sign/pdf",
      body: { kind: "multipart", fields: fields(request) },
      idempotent: false,
      sign: true,
    },
    call,
  );
  const pdf = readPdf(raw);
  return { pdf, documentId: raw.headers.get("id_dokumen") ?? undefined };
}

/** Downloads a signed document once with `GET /api/sign/download/{id_dokumen}`; a second call fails with BSRE_NOT_FOUND. */
export async function downloadSignedV1(
  options: ResolvedOptions,
  documentId: string,
  call: BsreCallOptions = {},
): Promise<Uint8Array> {
  if (!/^[\w.-]{1,200}$/.test(documentId)) {
    throw new BsreError({ code: "BSRE_INVALID_INPUT", detail: "documentId has unexpected characters" });
  }
  const path = `/api/sign/download/${encodeURIComponent(documentId)}`;
  const raw = await send(options, { method: "GET", path, idempotent: false }, call);
  return readPdf(raw);
}
