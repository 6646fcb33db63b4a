import type * as pkijs from "pkijs";
import { certFields } from "./cert-cache";
import { certDer, extensionsOf, issuedBy, KU, sameCert } from "./certificates";
import { bytesEqual } from "./bytes";
import type { Finding, ReasonCode, SubIndication } from "./report";

/** Extensions this verifier understands; any other critical extension fails the path (RFC 5280 §4.2). */
const KNOWN_EXTENSIONS = new Set([
  "2.5.29.15",
  "2.5.29.19",
  "2.5.29.37",
  "2.5.29.14",
  "2.5.29.35",
  "2.5.29.17",
  "2.5.29.18",
  "2.5.29.32",
  "2.5.29.31",
  "2.5.29.16",
  "2.5.29.9",
  "1.3.6.1.5.5.7.1.1",
  "1.3.6.1.5.5.7.1.3",
  "1.3.6.1.5.5.7.48.1.5",
]);

/** The outcome of building and checking a certification path. */
export interface PathResult {
  readonly path: readonly pkijs.Certificate[];
  readonly trusted: boolean;
  readonly failure: {
    readonly indication: "TOTAL_FAILED" | "INDETERMINATE";
    readonly sub: SubIndication;
    readonly reason: Finding<ReasonCode>;
  } | null;
}

const MAX_DEPTH = 8;

/** What the leaf certificate is for: signing documents, or time-stamping (RFC 3161 §2.3). */
export type LeafPurpose = "signature" | "timestamp" | "ocsp";

async function search(
  crypto: Crypto,
  chain: pkijs.Certificate[],
  pool: readonly pkijs.Certificate[],
  anchors: readonly pkijs.Certificate[],
): Promise<pkijs.Certificate[] | null> {
  const last = chain[chain.length - 1]!;
  if (anchors.some((a) => sameCert(a, last))) return chain;
  if (chain.length > MAX_DEPTH) return null;
  const issuerDn = certFields(last).issuer;
  for (const candidate of [...anchors, ...pool]) {
    if (!bytesEqual(certFields(candidate).subject, issuerDn)) continue;
    if (chain.some((c) => sameCert(c, candidate))) continue;
    if (!(await issuedBy(crypto, last, candidate))) continue;
    const found = await search(crypto, [...chain, candidate], pool, anchors);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Builds a path from `leaf` to one of `anchors` through `pool` and checks it (RFC 5280 §6.1):
 * issuer signatures, CA basic constraints, path length, key usage, unknown critical
 * extensions. Time validity and revocation are judged by the caller, which knows the POE.
 */
export async function buildPath(
  crypto: Crypto,
  leaf: pkijs.Certificate,
  pool: readonly pkijs.Certificate[],
  anchors: readonly pkijs.Certificate[],
  purpose: LeafPurpose,
): Promise<PathResult> {
  const chainFail = (code: ReasonCode, detail?: string): PathResult => ({
    path: [leaf],
    trusted: false,
    failure: {
      indication: "INDETERMINATE",
      sub: "NO_CERTIFICATE_CHAIN_FOUND",
      reason: detail === undefined ? { code } : { code, detail },
    },
  });
  if (anchors.length === 0) return chainFail("NO_TRUST_ANCHORS");
  const path = await search(crypto, [leaf], pool, anchors);
  if (path === null) return chainFail("CHAIN_NOT_FOUND");
  const constraint = (code: ReasonCode, detail: string): PathResult => ({
    path,
    trusted: true,
    failure: { indication: "INDETERMINATE", sub: "CHAIN_CONSTRAINTS_FAILURE", reason: { code, detail } },
  });
  for (let i = 0; i < path.length; i++) {
    const cert = path[i]!;
    const isAnchor = i === path.length - 1;
    const ext = extensionsOf(cert);
    const unknown = ext.criticalOids.find((o) => !KNOWN_EXTENSIONS.has(o));
    if (unknown !== undefined && !isAnchor)
      return constraint("UNKNOWN_CRITICAL_EXTENSION", `${unknown} in certificate ${i}`);
    if (i === 0) {
      const ku = ext.keyUsage;
      if (purpose === "signature" && ku !== null && (ku & (KU.digitalSignature | KU.nonRepudiation)) === 0)
        return constraint("KEY_USAGE_NOT_ALLOWED", "neither digitalSignature nor nonRepudiation");
      if (purpose === "timestamp" && !(ext.eku ?? []).includes("1.3.6.1.5.5.7.3.8"))
        return constraint("KEY_USAGE_NOT_ALLOWED", "no timeStamping extended key usage");
      continue;
    }
    if (isAnchor && path.length > 1 && !ext.ca && ext.keyUsage === null) continue;
    if (!ext.ca) return constraint("CA_CONSTRAINTS_VIOLATED", `certificate ${i} is not a CA`);
    if (ext.keyUsage !== null && (ext.keyUsage & KU.keyCertSign) === 0)
      return constraint("KEY_USAGE_NOT_ALLOWED", `certificate ${i} lacks keyCertSign`);
    // Intermediate CAs below this one (the leaf does not count): RFC 5280 §4.2.1.9.
    if (ext.pathLen !== null && i - 1 > ext.pathLen)
      return constraint("PATH_LENGTH_EXCEEDED", `certificate ${i} allows ${ext.pathLen}`);
  }
  return { path, trusted: true, failure: null };
}

/** DER of each anchor certificate, for equality tests elsewhere. */
export function anchorDers(anchors: readonly pkijs.Certificate[]): Uint8Array[] {
  return anchors.map(certDer);
}
