import * as asn1js from "asn1js";
import { PadesSignError } from "../sign/errors";
import { TAG, derSetOf, tlv } from "./der";
import { encodeAttribute } from "./signed-attributes";
import { parseSignedData } from "./parse-signed-data";

const raw = (b: asn1js.AsnType): Uint8Array => new Uint8Array(b.valueBeforeDecodeView);

/**
 * Returns a copy of a CMS SignedData whose SignerInfo number `index` carries one more unsigned
 * attribute (RFC 5652 §5.3 `unsignedAttrs`), e.g. id-aa-signatureTimeStampToken (RFC 3161
 * Appendix A) for PAdES B-T. Every other byte (signed attributes, signature) is kept as is.
 */
export function addUnsignedAttribute(
  cms: Uint8Array,
  attribute: { readonly oid: string; readonly values: readonly Uint8Array[] },
  index = 0,
): Uint8Array {
  const parsed = parseSignedData(cms);
  const target = parsed.signerInfos[index];
  if (!target) throw new PadesSignError("PADES_CMS_MALFORMED", `no SignerInfo #${index}`);
  const items = (asn1js.fromBER(target.der).result as asn1js.Sequence).valueBlock.value;
  const last = items[items.length - 1];
  const hasUnsigned = last !== undefined && last.idBlock.tagClass === 3 && last.idBlock.tagNumber === 1;
  const kept = (hasUnsigned ? items.slice(0, -1) : items).map(raw);
  const unsigned = [
    ...target.unsignedAttributes.map((a) => a.der),
    encodeAttribute(attribute.oid, attribute.values),
  ];
  const signerInfo = tlv(TAG.sequence, ...kept, derSetOf(unsigned, TAG.context1));

  const content = (asn1js.fromBER(parsed.der).result as asn1js.Sequence).valueBlock
    .value[1] as asn1js.Constructed;
  const sdItems = (content.valueBlock.value[0] as asn1js.Sequence).valueBlock.value;
  const infos = parsed.signerInfos.map((s, i) => (i === index ? signerInfo : s.der));
  const signedData = tlv(TAG.sequence, ...sdItems.slice(0, -1).map(raw), tlv(TAG.set, ...infos));
  const contentType = (asn1js.fromBER(parsed.der).result as asn1js.Sequence).valueBlock.value[0];
  if (!contentType) throw new PadesSignError("PADES_CMS_MALFORMED", "ContentInfo");
  return tlv(TAG.sequence, raw(contentType), tlv(TAG.context0, signedData));
}
