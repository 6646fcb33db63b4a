import type { SignedDataDer } from "./cms-parse";
import { children, readTlv } from "./der";
import { OID } from "./oids";
import { parseRevocation, type RevocationPool } from "./revocation";

/** DER of each element of `[n] EXPLICIT SEQUENCE OF X` at `der[t]`. */
function listIn(der: Uint8Array, t: { contentStart: number; end: number }): Uint8Array[] {
  const seq = readTlv(der, t.contentStart, t.end);
  if (seq === null || seq.tag !== 0x30) return [];
  return (children(der, seq) ?? []).map((x) => der.subarray(x.start, x.end));
}

/**
 * Revocation data carried inside the CMS: the Adobe revocationInfoArchival signed attribute
 * (ISO 32000-2 §12.8.3.3.2) and the SignedData `crls` field (RFC 5652 §10.2.1, RFC 5940).
 */
export function cmsRevocation(sd: SignedDataDer | null): RevocationPool {
  if (sd === null) return { crls: [], ocsps: [] };
  const crls: Uint8Array[] = [...sd.crls];
  const ocsps: Uint8Array[] = [...sd.ocsps];
  for (const info of sd.signerInfos) {
    for (const attr of info.signedAttrs ?? []) {
      if (attr.oid !== OID.adbeRevocationInfoArchival) continue;
      const value = attr.values[0];
      const top = value === undefined ? null : readTlv(value, 0);
      if (value === undefined || top === null || top.tag !== 0x30) continue;
      for (const part of children(value, top) ?? []) {
        if (part.tag === 0xa0) crls.push(...listIn(value, part));
        else if (part.tag === 0xa1) ocsps.push(...listIn(value, part));
      }
    }
  }
  return parseRevocation(crls, ocsps, "cms");
}
