/**
 * Missing issuer certificates, fetched from the caIssuers URLs of a certificate's Authority
 * Information Access extension (RFC 5280 §4.2.2.1): a DER certificate or a "certs-only"
 * CMS SignedData (.p7c, RFC 5280 §4.2.2.1 / RFC 2797). Off unless the caller passes a source.
 */
import type * as pkijs from "pkijs";
import { cachedCert, certFields } from "./cert-cache";
import { parseSignedDataDer, readOid } from "./cms-parse";
import { children, readTlv } from "./der";
import { concatBytes } from "../bytes";

/** Where issuer certificates come from when the CMS and the DSS lack them. */
export interface IssuerSource {
  /** Candidate issuer certificates (DER) of `cert`; an empty list when there are none. */
  readonly issuers: (cert: Uint8Array) => Promise<readonly Uint8Array[]>;
}

/** The `fetch` the HTTP source calls (injectable for tests). */
export type IssuerFetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Options of {@link httpIssuerSource}. */
export interface HttpIssuerSourceOptions {
  readonly fetch?: IssuerFetch;
  /** Per-request timeout in milliseconds (default 10 000). */
  readonly timeoutMs?: number;
  /** Largest response accepted, in bytes (default 256 KiB). */
  readonly maxBytes?: number;
  /** Most URLs tried per certificate (default 2). */
  readonly maxUrls?: number;
  /**
   * Which URLs may be fetched (default: any http/https URL). The URLs come from the document's
   * certificates, so a server verifying uploads should allow only known CA hosts (SSRF).
   */
  readonly allowUrl?: (url: URL) => boolean;
}

const AIA = "1.3.6.1.5.5.7.1.1";
const CA_ISSUERS = "1.3.6.1.5.5.7.48.2";

/** The http(s) caIssuers URLs of a certificate's AIA extension. */
export function caIssuersUrls(cert: pkijs.Certificate): string[] {
  const ext = cert.extensions?.find((e) => e.extnID === AIA);
  if (ext === undefined) return [];
  const der = new Uint8Array(ext.extnValue.valueBlock.valueHexView);
  const urls: string[] = [];
  try {
    const top = readTlv(der, 0);
    for (const ad of top === null || top.tag !== 0x30 ? [] : (children(der, top) ?? [])) {
      const [method, location] = ad.tag === 0x30 ? (children(der, ad) ?? []) : [];
      if (method === undefined || location === undefined || readOid(der, method) !== CA_ISSUERS) continue;
      if (location.tag !== 0x86) continue; // uniformResourceIdentifier [6] IA5String
      const url = new TextDecoder("latin1").decode(der.subarray(location.contentStart, location.end));
      if (/^https?:\/\//i.test(url)) urls.push(url);
    }
  } catch {
    return urls;
  }
  return urls;
}

/** Certificates in a caIssuers response: one DER certificate, a certs-only SignedData, or PEM. */
export function certificatesInResponse(body: Uint8Array): Uint8Array[] {
  const text = body[0] === 0x2d ? new TextDecoder("latin1").decode(body) : "";
  if (text.includes("-----BEGIN")) {
    return [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].flatMap(
      (m) => {
        try {
          const bin = atob((m[1] ?? "").replace(/\s+/g, ""));
          return [Uint8Array.from(bin, (c) => c.charCodeAt(0))];
        } catch {
          return [];
        }
      },
    );
  }
  const sd = parseSignedDataDer(body);
  if (sd !== null) return sd.certificates.map((c) => certFields(c).der);
  const top = readTlv(body, 0);
  return top !== null && top.tag === 0x30 && top.end === body.length ? [body] : [];
}

/** Reads a response body, refusing more than `max` bytes. */
async function readBounded(response: Response, max: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > max) return null;
  const reader = response.body?.getReader();
  if (reader === undefined) return null;
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    parts.push(value);
  }
  return concatBytes(parts);
}

/**
 * An {@link IssuerSource} that downloads the caIssuers URLs over HTTP with the global `fetch`
 * (any runtime), bounded in URLs per certificate, bytes per response and time per request.
 * Failures yield no certificates (the path then stays unbuilt: NO_CERTIFICATE_CHAIN_FOUND).
 *
 * @example
 * const report = await verify(pdf, { trustAnchors, issuerSource: httpIssuerSource() });
 */
export function httpIssuerSource(options: HttpIssuerSourceOptions = {}): IssuerSource {
  const fetch = options.fetch ?? ((input: string, init?: RequestInit) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxBytes ?? 256 * 1024;
  const maxUrls = options.maxUrls ?? 2;
  const allowUrl = options.allowUrl ?? (() => true);
  return {
    async issuers(certDer) {
      const cert = cachedCert(certDer);
      if (cert === null) return [];
      const out: Uint8Array[] = [];
      for (const url of caIssuersUrls(cert)
        .filter((u) => allowUrl(new URL(u)))
        .slice(0, maxUrls)) {
        try {
          const response = await fetch(url, { method: "GET", signal: AbortSignal.timeout(timeoutMs) });
          if (!response.ok) continue;
          const body = await readBounded(response, maxBytes);
          if (body !== null) out.push(...certificatesInResponse(body));
        } catch {
          /* network errors and time-outs: this URL gives nothing */
        }
        if (out.length > 0) break;
      }
      return out;
    },
  };
}

/**
 * Per-verify-call lookup through an {@link IssuerSource}: each certificate asked about once,
 * at most `budget` downloads in all (a document cannot make the verifier fetch without end).
 */
export function issuerLookup(
  source: IssuerSource | undefined,
  budget: number,
): ((cert: pkijs.Certificate) => Promise<readonly pkijs.Certificate[]>) | undefined {
  if (source === undefined) return undefined;
  const asked = new Map<pkijs.Certificate, Promise<readonly pkijs.Certificate[]>>();
  let left = budget;
  return (cert) => {
    let p = asked.get(cert);
    if (p === undefined) {
      if (left <= 0) return Promise.resolve([]);
      left--;
      p = source
        .issuers(certFields(cert).der)
        .then((ders) => ders.slice(0, 16).flatMap((d) => cachedCert(d) ?? []))
        .catch(() => []);
      asked.set(cert, p);
    }
    return p;
  };
}
