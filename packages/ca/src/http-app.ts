import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { fromBase64, toBytes } from "./bytes";
import type { CertificateAuthority, CertifiedKey } from "./certificate-authority";
import { issueCrl } from "./crl";
import { OCSP_RESPONSE_STATUS, ocspError, respondOcsp } from "./ocsp-responder";
import type { CaStore } from "./ports";
import { respondTimeStamp, type TimeStampAuthorityOptions } from "./time-stamp-authority";

/** Media types of PKI artefacts (RFC 2585 §3-4, RFC 6960 Appendix A/C, RFC 3161 §3.4). */
export const PKI_MEDIA_TYPES = {
  certificate: "application/pkix-cert",
  crl: "application/pkix-crl",
  ocspRequest: "application/ocsp-request",
  ocspResponse: "application/ocsp-response",
  timeStampQuery: "application/timestamp-query",
  timeStampReply: "application/timestamp-reply",
} as const;

/** Options for `createCaHttpApp`. */
export interface CaHttpAppOptions {
  /** CAs served under `/certs/{id}.crt` and `/crl/{id}.crl`, and answered for by `/ocsp`. */
  readonly authorities: readonly CertificateAuthority[];
  readonly store: CaStore;
  /** Delegated OCSP signing certificates by CA id (RFC 6960 §4.2.2.2); others sign with the CA key. */
  readonly ocspSigners?: Readonly<Record<string, CertifiedKey>>;
  /** Enables `POST /tsa` (and `/certs/tsa.crt`); the store, clock and crypto come from here. */
  readonly tsa?: Omit<TimeStampAuthorityOptions, "store" | "crypto" | "now">;
  /** Seconds a CRL stays current (default 7 days); a cached CRL is reissued after half of it or on a new revocation. */
  readonly crlValiditySeconds?: number;
  /** Seconds until an OCSP answer's nextUpdate (default 1 day). */
  readonly ocspValiditySeconds?: number;
  /** Largest accepted OCSP/TSA request body in bytes (default 64 KiB). */
  readonly maxRequestBytes?: number;
  readonly crypto?: Crypto;
  readonly now?: () => Date;
}

/**
 * A Hono sub-app serving the PKI over HTTP: `POST /ocsp`, `GET /ocsp/{base64}` (RFC 6960
 * Appendix A.1), `GET /crl/{ca}.crl`, `POST /tsa` (RFC 3161 §3.4), `GET /certs/{ca}.crt`.
 * Mount it wherever the certificates' AIA/CDP URLs point.
 * @example
 * const pki = await createTestPki({ baseUrl: "http://127.0.0.1:8080/pki" });
 * app.route("/pki", createCaHttpApp({ authorities: [pki.root, pki.issuing], store: pki.store, tsa: { tsa: pki.tsa } }));
 */
export function createCaHttpApp(options: CaHttpAppOptions): Hono {
  const app = new Hono();
  const limit = bodyLimit({
    maxSize: options.maxRequestBytes ?? 64 * 1024,
    onError: (c) => c.text("Permintaan terlalu besar / Request too large", 413),
  });
  addOcspRoutes(app, options, limit);
  addPublicationRoutes(app, options);
  addTsaRoute(app, options, limit);
  app.onError((_err, c) => c.text("Kesalahan internal / Internal error", 500));
  return app;
}

/** A DER body with its media type; published artefacts may be cached, answers not. */
function der(body: Uint8Array, type: string, cacheSeconds?: number): Response {
  return new Response(toBytes(body), {
    headers: {
      "content-type": type,
      "cache-control": cacheSeconds === undefined ? "no-store" : `public, max-age=${cacheSeconds}`,
    },
  });
}

/** `POST /ocsp` and `GET /ocsp/{url-encoded base64}` (RFC 6960 Appendix A.1). */
function addOcspRoutes(app: Hono, options: CaHttpAppOptions, limit: MiddlewareHandler): void {
  const authorities = options.authorities.map((ca) => {
    const signer = options.ocspSigners?.[ca.id];
    return signer === undefined ? { ca } : { ca, signer };
  });
  const answer = async (request: Uint8Array) =>
    der(
      await respondOcsp(request, {
        authorities,
        store: options.store,
        ...common(options),
        ...(options.ocspValiditySeconds === undefined
          ? {}
          : { validitySeconds: options.ocspValiditySeconds }),
      }),
      PKI_MEDIA_TYPES.ocspResponse,
    );
  app.post("/ocsp", limit, async (c) => answer(new Uint8Array(await c.req.arrayBuffer())));
  app.get("/ocsp/*", async (c) => {
    const encoded = c.req.path.slice(c.req.path.indexOf("/ocsp/") + "/ocsp/".length);
    let request: Uint8Array;
    try {
      request = fromBase64(decodeURIComponent(encoded));
    } catch {
      return der(ocspError(OCSP_RESPONSE_STATUS.malformedRequest), PKI_MEDIA_TYPES.ocspResponse);
    }
    return answer(request);
  });
}

/** `GET /crl/{ca}.crl` (RFC 5280 §4.2.1.13) and `GET /certs/{ca}.crt` (RFC 5280 §4.2.2.1, RFC 2585). */
function addPublicationRoutes(app: Hono, options: CaHttpAppOptions): void {
  const crlCache = createCrlCache(options);
  app.get("/crl/:file", async (c) => {
    const ca = authorityFor(options, c.req.param("file"), ".crl");
    if (ca === undefined) return c.text("CRL tidak ditemukan / CRL not found", 404);
    return der(await crlCache(ca), PKI_MEDIA_TYPES.crl, 300);
  });
  app.get("/certs/:file", (c) => {
    const file = c.req.param("file");
    if (file === "tsa.crt" && options.tsa !== undefined) {
      return der(options.tsa.tsa.certificate, PKI_MEDIA_TYPES.certificate, 86_400);
    }
    const ca = authorityFor(options, file, ".crt");
    if (ca === undefined) return c.text("Sertifikat tidak ditemukan / Certificate not found", 404);
    return der(ca.certificate, PKI_MEDIA_TYPES.certificate, 86_400);
  });
}

/** `POST /tsa`: RFC 3161 §3.4 time-stamp protocol over HTTP. */
function addTsaRoute(app: Hono, options: CaHttpAppOptions, limit: MiddlewareHandler): void {
  app.post("/tsa", limit, async (c) => {
    if (options.tsa === undefined) return c.text("TSA tidak aktif / TSA not enabled", 404);
    const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== PKI_MEDIA_TYPES.timeStampQuery) {
      return c.text(`Content-Type harus / must be ${PKI_MEDIA_TYPES.timeStampQuery}`, 415);
    }
    const body = new Uint8Array(await c.req.arrayBuffer());
    const reply = await respondTimeStamp(body, { ...options.tsa, store: options.store, ...common(options) });
    return der(reply, PKI_MEDIA_TYPES.timeStampReply);
  });
}

function common(options: CaHttpAppOptions): { crypto?: Crypto; now?: () => Date } {
  return {
    ...(options.crypto === undefined ? {} : { crypto: options.crypto }),
    ...(options.now === undefined ? {} : { now: options.now }),
  };
}

function authorityFor(
  options: CaHttpAppOptions,
  file: string,
  suffix: string,
): CertificateAuthority | undefined {
  if (!file.endsWith(suffix)) return undefined;
  const id = file.slice(0, -suffix.length);
  return options.authorities.find((ca) => ca.id === id);
}

/** Serves one CRL per CA until half its validity has passed or the revocation list changed. */
function createCrlCache(options: CaHttpAppOptions): (ca: CertificateAuthority) => Promise<Uint8Array> {
  const cache = new Map<string, { der: Uint8Array; revocations: number; issuedAt: number }>();
  const validity = options.crlValiditySeconds ?? 7 * 86_400;
  return async (ca) => {
    const now = (options.now ?? (() => new Date()))().getTime();
    const revocations = (await options.store.listRevocations(ca.id)).length;
    const hit = cache.get(ca.id);
    if (hit !== undefined && hit.revocations === revocations && now - hit.issuedAt < (validity * 1000) / 2) {
      return hit.der;
    }
    const crl = await issueCrl(ca, { store: options.store, validitySeconds: validity, ...common(options) });
    cache.set(ca.id, { der: crl, revocations, issuedAt: now });
    return crl;
  };
}
