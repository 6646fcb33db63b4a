import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { OID } from "./oids";
import { parseRevocation, type RevocationPool } from "./revocation";

function ders(seq: asn1js.AsnType | undefined): Uint8Array[] {
  if (!(seq instanceof asn1js.Constructed)) return [];
  const inner = seq.valueBlock.value[0];
  const list = inner instanceof asn1js.Constructed ? inner.valueBlock.value : [];
  return list.map((x) => new Uint8Array(x.toBER(false)));
}

/**
 * Revocation data carried inside the CMS: the Adobe revocationInfoArchival signed attribute
 * (ISO 32000-2 §12.8.3.3.2) and the SignedData `crls` field (RFC 5652 §10.2.1, RFC 5940).
 */
export function cmsRevocation(sd: pkijs.SignedData | null): RevocationPool {
  const crls: Uint8Array[] = [];
  const ocsps: Uint8Array[] = [];
  if (sd === null) return { crls: [], ocsps: [] };
  for (const info of sd.signerInfos) {
    for (const attr of info.signedAttrs?.attributes ?? []) {
      if (attr.type !== OID.adbeRevocationInfoArchival) continue;
      const value = attr.values[0];
      if (!(value instanceof asn1js.Sequence)) continue;
      for (const part of value.valueBlock.value) {
        const tag = part.idBlock.tagNumber;
        if (tag === 0) crls.push(...ders(part as asn1js.AsnType));
        else if (tag === 1) ocsps.push(...ders(part as asn1js.AsnType));
      }
    }
  }
  for (const c of sd.crls ?? []) {
    if (c instanceof pkijs.CertificateRevocationList) crls.push(new Uint8Array(c.toSchema().toBER(false)));
    else if (c instanceof pkijs.OtherRevocationInfoFormat && c.otherRevInfoFormat === OID.ocspResponseRevInfo)
      ocsps.push(new Uint8Array((c.otherRevInfo as asn1js.AsnType).toBER(false)));
  }
  return parseRevocation(crls, ocsps);
}
