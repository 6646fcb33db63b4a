import * as asn1js from "asn1js";
import { PadesSignError } from "../sign/errors";
import { type DigestAlgorithm, digestFromOid } from "./algorithms";
import { OID } from "./oids";
import { concatBytes } from "../bytes";

/** One attribute as found in a SignerInfo: its type and the DER of each value. */
export interface CmsAttribute {
  readonly oid: string;
  readonly values: readonly Uint8Array[];
  /** DER of the whole Attribute SEQUENCE. */
  readonly der: Uint8Array;
}

/** How a SignerInfo names its certificate (RFC 5652 §5.3). */
export type SignerIdentifier =
  | { readonly kind: "issuerAndSerialNumber"; readonly issuer: Uint8Array; readonly serialNumber: Uint8Array }
  | { readonly kind: "subjectKeyIdentifier"; readonly keyIdentifier: Uint8Array };

/** A parsed SignerInfo; byte fields are exact slices of the input, suitable for verification. */
export interface ParsedSignerInfo {
  readonly version: number;
  readonly sid: SignerIdentifier;
  readonly digestAlgorithmOid: string;
  /** `undefined` when the digest is not one we know. */
  readonly digestAlgorithm: DigestAlgorithm | "SHA-1" | undefined;
  /** The signed attributes re-tagged as `SET OF` (0x31), i.e. the bytes the signature covers (RFC 5652 §5.4). */
  readonly signedAttributesDer: Uint8Array | undefined;
  readonly signedAttributes: readonly CmsAttribute[];
  readonly signatureAlgorithmOid: string;
  /** DER of the signature AlgorithmIdentifier's parameters, if any. */
  readonly signatureAlgorithmParameters: Uint8Array | undefined;
  readonly signature: Uint8Array;
  readonly unsignedAttributes: readonly CmsAttribute[];
  /** The message-digest attribute value, if present. */
  readonly messageDigest: Uint8Array | undefined;
  /** The content-type attribute value, if present. */
  readonly contentType: string | undefined;
  /** The signing-time attribute value, if present. */
  readonly signingTime: Date | undefined;
  /** DER of the whole SignerInfo. */
  readonly der: Uint8Array;
}

/** A parsed CMS ContentInfo holding SignedData (RFC 5652 §5.1). */
export interface ParsedSignedData {
  /** The CMS bytes without trailing padding (PDF `/Contents` is zero-padded). */
  readonly der: Uint8Array;
  readonly version: number;
  readonly digestAlgorithmOids: readonly string[];
  readonly eContentType: string;
  /** The encapsulated content, if not detached. */
  readonly eContent: Uint8Array | undefined;
  /** DER of every certificate in `certificates` (other certificate formats are skipped). */
  readonly certificates: readonly Uint8Array[];
  /** DER of every CRL in `crls`. */
  readonly crls: readonly Uint8Array[];
  readonly signerInfos: readonly ParsedSignerInfo[];
}

function fail(detail: string): never {
  throw new PadesSignError("PADES_CMS_MALFORMED", detail);
}

const raw = (b: asn1js.AsnType): Uint8Array => new Uint8Array(b.valueBeforeDecodeView);
const isContext = (b: asn1js.AsnType | undefined, n: number): boolean =>
  b !== undefined && b.idBlock.tagClass === 3 && b.idBlock.tagNumber === n;

function children(b: asn1js.AsnType | undefined, what: string): asn1js.AsnType[] {
  const value = (b as asn1js.Constructed | undefined)?.valueBlock?.value;
  if (!b || !Array.isArray(value)) fail(`${what} is not constructed`);
  return value as asn1js.AsnType[];
}

function oidOf(b: asn1js.AsnType | undefined, what: string): string {
  if (!(b instanceof asn1js.ObjectIdentifier)) fail(`${what} is not an OID`);
  return b.valueBlock.toString();
}

function intOf(b: asn1js.AsnType | undefined, what: string): number {
  if (!(b instanceof asn1js.Integer)) fail(`${what} is not an INTEGER`);
  return b.valueBlock.valueDec;
}

function octetsOf(b: asn1js.AsnType | undefined, what: string): Uint8Array {
  if (!(b instanceof asn1js.OctetString)) fail(`${what} is not an OCTET STRING`);
  if (b.valueBlock.isConstructed) {
    return concatBytes(b.valueBlock.value.map((p) => octetsOf(p, what)));
  }
  return new Uint8Array(b.valueBlock.valueHexView);
}

function parseAttributes(block: asn1js.AsnType | undefined): CmsAttribute[] {
  if (!block) return [];
  return children(block, "attributes").map((attr) => {
    const [type, set] = children(attr, "Attribute");
    return { oid: oidOf(type, "attrType"), values: children(set, "attrValues").map(raw), der: raw(attr) };
  });
}

function decodeTime(der: Uint8Array | undefined): Date | undefined {
  if (!der) return undefined;
  const t = asn1js.fromBER(der).result;
  if (t instanceof asn1js.UTCTime || t instanceof asn1js.GeneralizedTime) return t.toDate();
  return undefined;
}

function parseSid(b: asn1js.AsnType | undefined): SignerIdentifier {
  if (isContext(b, 0)) {
    const v = b as asn1js.Primitive;
    return { kind: "subjectKeyIdentifier", keyIdentifier: new Uint8Array(v.valueBlock.valueHexView) };
  }
  const [issuer, serial] = children(b, "IssuerAndSerialNumber");
  if (!issuer || !(serial instanceof asn1js.Integer)) fail("IssuerAndSerialNumber");
  return { kind: "issuerAndSerialNumber", issuer: raw(issuer), serialNumber: raw(serial) };
}

function parseSignerInfo(block: asn1js.AsnType): ParsedSignerInfo {
  const items = children(block, "SignerInfo");
  let i = 0;
  const version = intOf(items[i++], "SignerInfo.version");
  const sid = parseSid(items[i++]);
  const digestAlgorithmOid = oidOf(children(items[i++], "digestAlgorithm")[0], "digestAlgorithm");
  const signedBlock = isContext(items[i], 0) ? items[i++] : undefined;
  const [sigOid, sigParams] = children(items[i++], "signatureAlgorithm");
  const signature = octetsOf(items[i++], "signature");
  const unsignedBlock = isContext(items[i], 1) ? items[i++] : undefined;
  let signedAttributesDer: Uint8Array | undefined;
  if (signedBlock) {
    signedAttributesDer = raw(signedBlock);
    signedAttributesDer[0] = 0x31;
  }
  const signedAttributes = parseAttributes(signedBlock);
  const find = (oid: string) => signedAttributes.find((a) => a.oid === oid)?.values[0];
  const md = find(OID.messageDigest);
  const ct = find(OID.contentType);
  return {
    version,
    sid,
    digestAlgorithmOid,
    digestAlgorithm: digestFromOid(digestAlgorithmOid),
    signedAttributesDer,
    signedAttributes,
    signatureAlgorithmOid: oidOf(sigOid, "signatureAlgorithm"),
    signatureAlgorithmParameters:
      sigParams && !(sigParams instanceof asn1js.Null) ? raw(sigParams) : undefined,
    signature,
    unsignedAttributes: parseAttributes(unsignedBlock),
    messageDigest: md ? octetsOf(asn1js.fromBER(md).result, "message-digest") : undefined,
    contentType: ct ? oidOf(asn1js.fromBER(ct).result, "content-type") : undefined,
    signingTime: decodeTime(find(OID.signingTime)),
    der: raw(block),
  };
}

/** Length of the first DER element in `bytes` (header + content), or -1 when unreadable. */
export function derElementLength(bytes: Uint8Array): number {
  const first = bytes[1];
  if (bytes.length < 2 || first === undefined) return -1;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || bytes.length < 2 + n) return -1;
  let len = 0;
  for (let k = 0; k < n; k++) len = len * 256 + (bytes[2 + k] ?? 0);
  return 2 + n + len;
}

/** Parses a CMS ContentInfo carrying SignedData (RFC 5652 §3, §5), ignoring trailing zero padding. */
export function parseSignedData(input: Uint8Array): ParsedSignedData {
  const length = derElementLength(input);
  if (length < 0 || length > input.length) fail("truncated ContentInfo");
  const der = input.slice(0, length);
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1) fail(parsed.result.error || "BER decoding failed");
  const [contentType, content] = children(parsed.result, "ContentInfo");
  if (oidOf(contentType, "contentType") !== OID.signedData) fail("contentType is not signedData");
  if (!isContext(content, 0)) fail("ContentInfo.content");
  const sd = children(children(content, "content")[0], "SignedData");
  let i = 0;
  const version = intOf(sd[i++], "SignedData.version");
  const digestAlgorithmOids = children(sd[i++], "digestAlgorithms").map((a) =>
    oidOf(children(a, "AlgorithmIdentifier")[0], "digestAlgorithm"),
  );
  const [eType, eContentBlock] = children(sd[i++], "encapContentInfo");
  const eContent = eContentBlock ? octetsOf(children(eContentBlock, "eContent")[0], "eContent") : undefined;
  const certificates = isContext(sd[i], 0)
    ? children(sd[i++], "certificates")
        .filter((c) => c.idBlock.tagClass === 1)
        .map(raw)
    : [];
  const crls = isContext(sd[i], 1) ? children(sd[i++], "crls").map(raw) : [];
  const signerInfos = children(sd[i], "signerInfos").map(parseSignerInfo);
  return {
    der,
    version,
    digestAlgorithmOids,
    eContentType: oidOf(eType, "eContentType"),
    eContent,
    certificates,
    crls,
    signerInfos,
  };
}
