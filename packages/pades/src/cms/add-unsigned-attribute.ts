import * as asn1js from "asn1js";
import { PadesSignError } from "../sign/errors";
import { TAG, derSetOf, tlv } from "./der";
import { type DerElement, childElements, readElement } from "./der-reader";
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
  const spliced = spliceUnsignedAttribute(cms, attribute, index);
  return spliced ?? rebuildWithUnsignedAttribute(cms, attribute, index);
}

/**
 * The DER path of {@link addUnsignedAttribute}: walks the definite-length encoding and rebuilds
 * only the headers on the path ContentInfo > [0] > SignedData > signerInfos > SignerInfo, copying
 * every other byte; the same output as the parse-and-rebuild path for DER input, without an
 * ASN.1 object tree. Undefined when the input is not plain DER (BER indefinite lengths).
 */
function spliceUnsignedAttribute(
  cms: Uint8Array,
  attribute: { readonly oid: string; readonly values: readonly Uint8Array[] },
  index: number,
): Uint8Array | undefined {
  const at = (list: readonly DerElement[], i: number, tag: number): DerElement | undefined =>
    list[i]?.tag === tag ? list[i] : undefined;
  let ci: DerElement;
  let kids: DerElement[];
  try {
    ci = readElement(cms, 0);
    if (ci.tag !== TAG.sequence) return undefined;
    kids = childElements(cms, ci);
  } catch {
    return undefined;
  }
  const wrapper = at(kids, 1, TAG.context0);
  if (at(kids, 0, TAG.oid) === undefined || wrapper === undefined || kids.length !== 2) return undefined;
  try {
    const [sd] = childElements(cms, wrapper);
    if (sd?.tag !== TAG.sequence) return undefined;
    const sdKids = childElements(cms, sd);
    const infosSet = sdKids[sdKids.length - 1];
    if (infosSet?.tag !== TAG.set) return undefined;
    const infos = childElements(cms, infosSet);
    const target = infos[index];
    // A missing SignerInfo falls through to the rebuild path, which reports it.
    if (target?.tag !== TAG.sequence) return undefined;
    const siKids = childElements(cms, target);
    const last = siKids[siKids.length - 1];
    const hasUnsigned = last?.tag === TAG.context1;
    const existing = hasUnsigned && last !== undefined ? childElements(cms, last) : [];
    const unsigned = [
      ...existing.map((a) => cms.subarray(a.start, a.end)),
      encodeAttribute(attribute.oid, attribute.values),
    ];
    const keptEnd = hasUnsigned && last !== undefined ? last.start : target.end;
    const signerInfo = tlv(
      TAG.sequence,
      cms.subarray(target.contentStart, keptEnd),
      derSetOf(unsigned, TAG.context1),
    );
    const set = tlv(
      TAG.set,
      cms.subarray(infosSet.contentStart, target.start),
      signerInfo,
      cms.subarray(target.end, infosSet.end),
    );
    const signedData = tlv(TAG.sequence, cms.subarray(sd.contentStart, infosSet.start), set);
    return tlv(TAG.sequence, cms.subarray(ci.contentStart, wrapper.start), tlv(TAG.context0, signedData));
  } catch {
    return undefined;
  }
}

/** Parse-and-rebuild path (asn1js accepts BER): kept for inputs the DER walk refuses; exported for tests. */
export function rebuildWithUnsignedAttribute(
  cms: Uint8Array,
  attribute: { readonly oid: string; readonly values: readonly Uint8Array[] },
  index: number,
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
