import { crlUrls, ocspUrls } from "./cert-urls";
import { parseCrl } from "./crl";
import { LtvError } from "./errors";
import { buildOcspRequest, readOcspAnswer } from "./ocsp";
import type { FetchLike, RevocationSource } from "./ports";
import { looksLikeCrl, ocspNamesSerial, sharedCert } from "./cms-walk";
import { certFields } from "../verify/cert-cache";
import { parseCert as parseCertFresh } from "./signer-info";

/** A certificate parsed once per distinct DER (shared cache); unreadable input fails as before. */
const parseCert = (der: Uint8Array) => sharedCert(der) ?? parseCertFresh(der);

/** OCSP requests by certificate and issuer object (shared per DER): the same bytes every time (no nonce, RFC 5019). */
const requests = new WeakMap<object, WeakMap<object, Promise<Uint8Array>>>();

/** {@link buildOcspRequest}, built once per (certificate, issuer, crypto). */
function ocspRequest(
  cert: ReturnType<typeof parseCert>,
  issuer: ReturnType<typeof parseCert>,
  crypto: Crypto,
) {
  const perCert = requests.get(cert) ?? new WeakMap<object, Promise<Uint8Array>>();
  requests.set(cert, perCert);
  const key = crypto === globalThis.crypto ? issuer : undefined;
  const hit = key === undefined ? undefined : perCert.get(key);
  if (hit !== undefined) return hit;
  const built = buildOcspRequest(cert, issuer, crypto);
  if (key !== undefined) {
    perCert.set(key, built);
    built.catch(() => perCert.delete(key));
  }
  return built;
}

/** Options of {@link httpRevocationSource}. */
export interface HttpRevocationSourceOptions {
  readonly fetch?: FetchLike;
  readonly crypto?: Crypto;
  /** Per-request timeout in milliseconds (default 30 000). */
  readonly timeoutMs?: number;
}

/** Scheme, host and path of a URL, safe to print. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

/** Fetches one URL, returning the body bytes or throwing `LTV_REVOCATION_HTTP`. */
async function fetchBytes(fetch: FetchLike, url: string, init: RequestInit): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new LtvError("LTV_REVOCATION_HTTP", `${safeUrl(url)}: network error`);
  }
  if (!response.ok) throw new LtvError("LTV_REVOCATION_HTTP", `${safeUrl(url)}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * A {@link RevocationSource} that asks the OCSP responders named in a certificate's AIA
 * (RFC 6960 Appendix A.1: POST `application/ocsp-request`) and downloads CRLs from its CRL
 * distribution points (RFC 5280 §4.2.1.13, HTTP GET). Each URL is tried in order.
 *
 * @example
 * const revocation = httpRevocationSource();
 * const ocsp = await revocation.ocsp(signerCertDer, issuerCertDer);
 */
export function httpRevocationSource(options: HttpRevocationSourceOptions = {}): RevocationSource {
  const fetch = options.fetch ?? ((input: string, init?: RequestInit) => globalThis.fetch(input, init));
  const crypto = options.crypto ?? globalThis.crypto;
  const timeoutMs = options.timeoutMs ?? 30_000;
  return {
    async ocsp(certDer, issuerDer) {
      const cert = parseCert(certDer);
      const urls = ocspUrls(cert);
      if (urls.length === 0) return undefined;
      const body = await ocspRequest(cert, parseCert(issuerDer), crypto);
      let last: unknown;
      for (const url of urls) {
        try {
          const der = await fetchBytes(fetch, url, {
            method: "POST",
            headers: { "content-type": "application/ocsp-request" },
            body: body.slice().buffer,
            signal: AbortSignal.timeout(timeoutMs),
          });
          const names = ocspNamesSerial(der, certFields(cert).serial);
          if (names === false || (names === undefined && readOcspAnswer(der, cert) === undefined)) {
            throw new LtvError("LTV_REVOCATION_BAD_RESPONSE", "OCSP answer does not name the certificate");
          }
          return der;
        } catch (error) {
          last = error;
        }
      }
      throw last;
    },
    async crl(certDer) {
      const urls = crlUrls(parseCert(certDer)).filter((u) => /^https?:/i.test(u));
      let last: unknown;
      for (const url of urls) {
        try {
          const der = await fetchBytes(fetch, url, { method: "GET", signal: AbortSignal.timeout(timeoutMs) });
          if (!looksLikeCrl(der)) parseCrl(der);
          return der;
        } catch (error) {
          last = error;
        }
      }
      if (last !== undefined) throw last;
      return undefined;
    },
  };
}
