import type { Hono } from "hono";
import {
  type PadesLevel,
  PadesSignError,
  httpRevocationSource,
  httpTimestampAuthority,
  signAtLevel,
  type Placement,
  type FetchLike,
  type StampContent,
  type TimestampAuthority,
  toBsreV1,
  toBsreV2,
  verify,
} from "@teken/pades";
import { fault } from "./faults";
import { type CachedRevocationSource, cachedRevocationSource } from "./revocation-cache";
import type { SimulatorSignRequest, SimulatorSigner, SimulatorVerifier, StampRequest } from "./signer-port";

/** The simulator's own PKI services, reached in-process (no network) under their public URL. */
export interface PkiServices {
  /** The `createCaHttpApp` sub-app (OCSP, CRL, TSA, certificates). */
  readonly routes: Hono;
  /** The public base URL the routes are mounted at (as written in certificates), e.g. `http://127.0.0.1:8085/pki`. */
  readonly baseUrl: string;
}

/** Options of the default PAdES signer. */
export interface DefaultSignerOptions {
  /** The level to sign at; default `B-LT` (BSrE's level, DOMAIN.md §3) when `pki` is given, else `B-B`. */
  readonly level?: PadesLevel;
  /**
   * The simulator's TSA and revocation services (needed from B-T up): its PKI routes answered
   * in-process, or any `fetch` reaching them (a worker thread asks its parent).
   */
  readonly pki?: PkiServices | { readonly baseUrl: string; readonly fetch: FetchLike };
  /** How long OCSP responses and CRLs are reused across signatures (default 5 minutes; 0 = ask every time). */
  readonly revocationCacheMs?: number;
  readonly crypto?: Crypto;
  readonly now?: () => Date;
}

/** A fetch that answers the simulator's own PKI URLs in-process and sends the rest to the network. */
export function pkiFetch(pki: PkiServices): (input: string, init?: RequestInit) => Promise<Response> {
  const base = pki.baseUrl.replace(/\/+$/, "");
  return async (input, init) =>
    input.startsWith(`${base}/`)
      ? pki.routes.request(input.slice(base.length), init)
      : globalThis.fetch(input, init);
}

/** Maps the simulator's stamp request to @teken/pades' placement (PDF points, bottom-left origin). */
export function placementOf(stamp: StampRequest): Placement {
  const p = stamp.placement;
  if (p.kind === "anchor") return { anchor: p.text, size: [p.width, p.height] };
  return { page: p.page, rect: [p.x, p.y, p.width, p.height] };
}

/** Maps the stamp content: the specimen image, or a QR code of `linkQR`, with optional text. */
export function stampContentOf(stamp: StampRequest, signerName: string): StampContent {
  // One line per "\n" of `text` (e.g. name, then NIP).
  const lines = stamp.text ? stamp.text.split(/\r?\n/).filter((l) => l.trim() !== "") : undefined;
  if (stamp.content.kind === "image") return { image: stamp.content.bytes, ...(lines ? { lines } : {}) };
  return { qrUrl: stamp.content.text, lines: lines ?? [signerName] };
}

/**
 * The PAdES signer over @teken/pades' `signAtLevel`: ETSI.CAdES.detached, SHA-256, signer
 * certificate plus CA chain in the CMS; at B-LT a signature time-stamp from the simulator's
 * TSA and a `/DSS` with OCSP/CRL evidence from its own responders (ETSI EN 319 142-1 §6).
 */
export function defaultSigner(options: DefaultSignerOptions = {}): SimulatorSigner {
  const level = options.level ?? (options.pki ? "B-LT" : "B-B");
  const services = pkiServices(level, options);
  return {
    level: `PAdES-BASELINE-${level.slice(2)}`,
    async signPdf(request) {
      try {
        return await sign(request, level, services, options);
      } catch (error) {
        throw refusalOf(error) ?? error;
      }
    },
    onRevocation: () => services.revocation?.clear(),
  };
}

/** The TSA and (cached) revocation source a level needs, built once per signer. */
interface Services {
  readonly tsa?: TimestampAuthority;
  readonly revocation?: CachedRevocationSource;
}

function pkiServices(level: PadesLevel, options: DefaultSignerOptions): Services {
  if (level === "B-B" || !options.pki) return {};
  const fetch = "fetch" in options.pki ? options.pki.fetch : pkiFetch(options.pki);
  const crypto = options.crypto ? { crypto: options.crypto } : {};
  const http = httpRevocationSource({ fetch, ...crypto });
  const ttlMs = options.revocationCacheMs ?? 5 * 60_000;
  return {
    tsa: httpTimestampAuthority({ endpoints: [`${options.pki.baseUrl}/tsa`], fetch, ...crypto }),
    revocation:
      ttlMs > 0
        ? cachedRevocationSource(http, { ttlMs, ...(options.now ? { now: options.now } : {}) })
        : { ...http, clear: () => {} },
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

/** One signing call to @teken/pades at `level`. */
async function sign(
  request: SimulatorSignRequest,
  level: PadesLevel,
  services: Services,
  options: DefaultSignerOptions,
): Promise<Uint8Array> {
  if (level !== "B-B" && !services.tsa) throw new Error(`${level} needs the simulator's PKI services`);
  const result = await signAtLevel(request.pdf, {
    level,
    ...(services.tsa ? { tsa: services.tsa } : {}),
    ...(services.revocation ? { revocation: services.revocation } : {}),
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
  return result.pdf;
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
