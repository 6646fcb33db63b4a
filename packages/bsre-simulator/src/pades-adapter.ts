import {
  PadesSignError,
  type Placement,
  type StampContent,
  signPdf,
  toBsreV1,
  toBsreV2,
  verify,
} from "@teken/pades";
import { fault } from "./faults";
import type { SimulatorSignRequest, SimulatorSigner, SimulatorVerifier, StampRequest } from "./signer-port";

/** Options of the default PAdES signer. */
export interface DefaultSignerOptions {
  /** Base URL of this simulator (its `/pki` TSA is used for B-T/B-LT when available). */
  readonly publicBaseUrl?: string;
  readonly crypto?: Crypto;
  readonly now?: () => Date;
}

/** Maps the simulator's stamp request to @teken/pades' placement (PDF points, bottom-left origin). */
export function placementOf(stamp: StampRequest): Placement {
  const p = stamp.placement;
  if (p.kind === "anchor") return { anchor: p.text, size: [p.width, p.height] };
  return { page: p.page, rect: [p.x, p.y, p.width, p.height] };
}

/** Maps the stamp content: the specimen image, or a QR code of `linkQR`, with optional text. */
export function stampContentOf(stamp: StampRequest, signerName: string): StampContent {
  const lines = stamp.text ? [stamp.text] : undefined;
  if (stamp.content.kind === "image") return { image: stamp.content.bytes, ...(lines ? { lines } : {}) };
  return { qrUrl: stamp.content.text, lines: lines ?? [signerName] };
}

/**
 * The PAdES signer over @teken/pades' one-call `signPdf`: ETSI.CAdES.detached, SHA-256, the
 * signer certificate plus the CA chain in the CMS. Level: PAdES-BASELINE-B until @teken/pades
 * exports signing at B-T/B-LT with a TSA (then this adapter moves to B-LT with the simulator's TSA).
 */
export function defaultSigner(options: DefaultSignerOptions = {}): SimulatorSigner {
  return {
    level: "PAdES-BASELINE-B",
    async signPdf(request) {
      try {
        return await sign(request, options);
      } catch (error) {
        throw refusalOf(error) ?? error;
      }
    },
  };
}

/** Request problems @teken/pades reports, answered as 400 in BSrE's error shape. */
const REFUSALS: Readonly<Partial<Record<string, string>>> = {
  PADES_SIGN_ANCHOR_NOT_FOUND: "tag_koordinat tidak ditemukan di dokumen",
  PADES_SIGN_ANCHOR_AMBIGUOUS: "tag_koordinat muncul lebih dari sekali di dokumen",
  PADES_SIGN_PAGE_NOT_FOUND: "Halaman tidak ditemukan",
  PADES_SIGN_IMAGE_UNSUPPORTED: "Gambar tanda tangan harus PNG atau JPEG",
  PADES_SIGN_INVALID_OPTIONS: "Parameter tampilan tanda tangan tidak valid",
  PADES_SIGN_ALREADY_SIGNED: "Dokumen tidak dapat ditandatangani lagi",
  PADES_SIGN_FIELD_ALREADY_SIGNED: "Dokumen tidak dapat ditandatangani lagi",
};

/** Maps a pades refusal caused by the request to a 400 fault; undefined for internal failures. */
function refusalOf(error: unknown) {
  if (!(error instanceof PadesSignError)) return undefined;
  const message = REFUSALS[error.code];
  return message === undefined ? undefined : fault.badRequest(message);
}

/** One signing call to @teken/pades. */
function sign(request: SimulatorSignRequest, options: DefaultSignerOptions): Promise<Uint8Array> {
  return signPdf(request.pdf, {
    signer: {
      kind: "local",
      privateKey: request.privateKey,
      certificate: request.certificate,
      chain: request.chain,
    },
    name: request.signerName,
    ...(request.reason ? { reason: request.reason } : {}),
    ...(request.location ? { location: request.location } : {}),
    ...(options.now ? { signingTime: options.now() } : {}),
    ...(options.crypto ? { crypto: options.crypto } : {}),
    ...(request.stamp
      ? {
          visible: {
            placement: placementOf(request.stamp),
            stamp: stampContentOf(request.stamp, request.signerName),
          },
        }
      : {}),
  });
}

/** Options of the default verifier. */
export interface DefaultVerifierOptions {
  /** Root certificates (DER) trusted for "Sertifikat terpercaya": the simulator's root CA. */
  readonly trustAnchors: readonly Uint8Array[];
  readonly crypto?: Crypto;
  readonly now?: () => Date;
}

/**
 * The verifier over @teken/pades: `verify()` builds the EN 319 102-1 report, `toBsreV1` /
 * `toBsreV2` map it to BSrE's shapes. The v2 `password` (encrypted PDFs) is not supported.
 */
export function defaultVerifier(options: DefaultVerifierOptions): SimulatorVerifier {
  const report = (pdf: Uint8Array) =>
    verify(pdf, {
      trustAnchors: options.trustAnchors,
      ...(options.crypto ? { crypto: options.crypto } : {}),
      ...(options.now ? { now: options.now() } : {}),
    });
  return {
    async verifyV1(pdf, fileName) {
      return { ...toBsreV1(await report(pdf), fileName) };
    },
    async verifyV2(pdf, fileName) {
      return { ...toBsreV2(await report(pdf), fileName) };
    },
  };
}
