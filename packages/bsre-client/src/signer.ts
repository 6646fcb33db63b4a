import type { BsreClient } from "./client";
import { BsreError } from "./errors";
import type { BsreAuthorisation, BsreIdentity } from "./identity";
import type { BsreCallOptions } from "./options";
import type { SignPdfV1Request } from "./sign-v1";
import type { SignatureProperties } from "./sign-v2";

/** A whole-PDF signer: the same call signs with a local key or through a remote service. */
export interface PdfSigner {
  /** Signs `pdf` and returns the signed file. */
  signPdf(pdf: Uint8Array, options: PdfSignOptions): Promise<Uint8Array>;
}

/** Visible stamp of a remote signature. */
export interface RemoteStamp {
  /** Stamp image; without it v1 stamps a QR code of `linkQR`. */
  readonly image?: Uint8Array;
  readonly linkQR?: string;
  /** Anchor text (e.g. `^`); or give `page` and a rectangle. */
  readonly anchor?: string;
  readonly page?: number;
  readonly x?: number;
  readonly y?: number;
  readonly width?: number;
  readonly height?: number;
}

/** Options of one {@link PdfSigner.signPdf} call through BSrE. */
export type PdfSignOptions = BsreAuthorisation &
  BsreCallOptions & {
    readonly reason?: string;
    readonly location?: string;
    /** Omit for an invisible signature. */
    readonly stamp?: RemoteStamp;
  };

/** Options of {@link createBsreSigner}. */
export interface BsreSignerOptions {
  readonly client: BsreClient;
  /** The signer at BSrE. v1 needs a NIK. */
  readonly identity: BsreIdentity;
  /** API version to use; default `v2` (it accepts TOTP and email). */
  readonly api?: "v1" | "v2";
}

/** Maps a stamp to v1 fields. */
function v1Fields(stamp: RemoteStamp | undefined): Partial<SignPdfV1Request> {
  if (!stamp) return { tampilan: "invisible" };
  return {
    tampilan: "visible",
    image: stamp.image !== undefined,
    ...(stamp.image ? { imageTTD: stamp.image } : {}),
    ...(stamp.linkQR ? { linkQR: stamp.linkQR } : {}),
    ...(stamp.anchor ? { tag_koordinat: stamp.anchor } : {}),
    ...(stamp.page === undefined ? {} : { page: stamp.page }),
    ...(stamp.x === undefined ? {} : { xAxis: stamp.x }),
    ...(stamp.y === undefined ? {} : { yAxis: stamp.y }),
    ...(stamp.width === undefined ? {} : { width: stamp.width }),
    ...(stamp.height === undefined ? {} : { height: stamp.height }),
  };
}

/** Maps a stamp to v2 `signatureProperties`. */
function v2Properties(options: PdfSignOptions): SignatureProperties {
  const s = options.stamp;
  if (s && !s.image) {
    throw new BsreError({
      code: "BSRE_INVALID_INPUT",
      detail: "v2 visible stamps need an image (linkQR is v1 only)",
    });
  }
  return {
    tampilan: s ? "VISIBLE" : "INVISIBLE",
    ...(s?.image ? { image: s.image } : {}),
    ...(s?.anchor ? { tag_koordinat: s.anchor } : {}),
    ...(s?.page === undefined ? {} : { page: s.page }),
    ...(s?.x === undefined ? {} : { originX: s.x }),
    ...(s?.y === undefined ? {} : { originY: s.y }),
    ...(s?.width === undefined ? {} : { width: s.width }),
    ...(s?.height === undefined ? {} : { height: s.height }),
    ...(options.reason ? { reason: options.reason } : {}),
    ...(options.location ? { location: options.location } : {}),
  };
}

/**
 * A {@link PdfSigner} that signs through BSrE: the service holds the key and returns the
 * signed file. The passphrase or TOTP is passed per call and never kept.
 * @example
 * const signer = createBsreSigner({ client, identity: { nik } });
 * const signed = await signer.signPdf(pdf, { passphrase, reason: "Menyetujui" });
 */
export function createBsreSigner(options: BsreSignerOptions): PdfSigner {
  const { client, identity } = options;
  return {
    async signPdf(pdf, o) {
      const call: BsreCallOptions = {
        ...(o.signal ? { signal: o.signal } : {}),
        ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
      };
      if (options.api === "v1") {
        if (identity.nik === undefined || o.passphrase === undefined) {
          throw new BsreError({ code: "BSRE_INVALID_INPUT", detail: "v1 signs by NIK with a passphrase" });
        }
        const request = {
          file: pdf,
          nik: identity.nik,
          passphrase: o.passphrase,
          ...v1Fields(o.stamp),
          ...(o.reason ? { reason: o.reason } : {}),
          ...(o.location ? { location: o.location } : {}),
        } as SignPdfV1Request;
        return (await client.v1.signPdf(request, call)).pdf;
      }
      const auth: BsreAuthorisation =
        o.passphrase !== undefined ? { passphrase: o.passphrase } : { totp: o.totp as string };
      const result = await client.v2.signPdf(
        { ...identity, ...auth, files: [pdf], signatureProperties: [v2Properties(o)] } as Parameters<
          BsreClient["v2"]["signPdf"]
        >[0],
        call,
      );
      return result.files[0] as Uint8Array;
    },
  };
}
