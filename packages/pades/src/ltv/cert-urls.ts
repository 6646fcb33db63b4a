import type * as pkijs from "pkijs";
import { OID } from "./oids";

/** URIs (GeneralName uniformResourceIdentifier, tag 6) among GeneralNames. */
function uris(names: readonly pkijs.GeneralName[] | undefined): string[] {
  return (names ?? [])
    .filter((n) => n.type === 6 && typeof n.value === "string")
    .map((n) => n.value as string);
}

/** OCSP responder URLs from the Authority Information Access extension (RFC 5280 §4.2.2.1). */
export function ocspUrls(cert: pkijs.Certificate): string[] {
  const ext = cert.extensions?.find((e) => e.extnID === OID.authorityInfoAccess);
  const info = ext?.parsedValue as pkijs.InfoAccess | undefined;
  return (info?.accessDescriptions ?? [])
    .filter((d) => d.accessMethod === OID.adOcsp)
    .flatMap((d) => uris([d.accessLocation]));
}

/** CRL URLs from the CRL Distribution Points extension (RFC 5280 §4.2.1.13). */
export function crlUrls(cert: pkijs.Certificate): string[] {
  const ext = cert.extensions?.find((e) => e.extnID === OID.crlDistributionPoints);
  const points = (ext?.parsedValue as pkijs.CRLDistributionPoints | undefined)?.distributionPoints ?? [];
  return points.flatMap((p) => (Array.isArray(p.distributionPoint) ? uris(p.distributionPoint) : []));
}
