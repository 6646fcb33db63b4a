/** Test-only CMS builder: PAdES-shaped SignedData with switches for every attack the tests need. */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { OID } from "../oids";

/** What to put in the test CMS. */
export interface TestCmsOptions {
  readonly content: Uint8Array;
  readonly certificate: Uint8Array;
  readonly chain?: readonly Uint8Array[];
  readonly privateKey: CryptoKey;
  readonly digest?: "SHA-256" | "SHA-1" | "SHA-384";
  readonly signedAttrs?: boolean;
  readonly signingCertificateV2?: boolean;
  readonly signingTime?: Date;
  /** Replaces the digest in message-digest (for HASH_FAILURE cases). */
  readonly forgeDigest?: Uint8Array;
  /** Returns a TimeStampToken (DER) over the signature value. */
  readonly timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>;
  /** Adobe revocationInfoArchival contents (DER CRLs / OCSP responses). */
  readonly revocation?: { readonly crls?: readonly Uint8Array[]; readonly ocsps?: readonly Uint8Array[] };
  /** eContentType (default id-data) and whether the content is encapsulated. */
  readonly eContentType?: string;
  readonly encapsulate?: boolean;
}

const DIGEST_OID = {
  "SHA-1": "1.3.14.3.2.26",
  "SHA-256": "2.16.840.1.101.3.4.2.1",
  "SHA-384": "2.16.840.1.101.3.4.2.2",
} as const;
const RSA_OID = {
  "SHA-1": "1.2.840.113549.1.1.5",
  "SHA-256": "1.2.840.113549.1.1.11",
  "SHA-384": "1.2.840.113549.1.1.12",
} as const;

function cert(der: Uint8Array): pkijs.Certificate {
  return new pkijs.Certificate({ schema: asn1js.fromBER(der).result });
}

/** Builds a DER ContentInfo(SignedData) over `content` with the given switches. */
export async function buildTestCms(o: TestCmsOptions): Promise<Uint8Array> {
  const digest = o.digest ?? "SHA-256";
  const signer = cert(o.certificate);
  const md =
    o.forgeDigest ?? new Uint8Array(await crypto.subtle.digest(digest, o.content as Uint8Array<ArrayBuffer>));
  const attrs: pkijs.Attribute[] = [
    new pkijs.Attribute({
      type: OID.contentType,
      values: [new asn1js.ObjectIdentifier({ value: o.eContentType ?? OID.data })],
    }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: md })] }),
  ];
  if (o.signingCertificateV2 !== false) {
    const h = new Uint8Array(await crypto.subtle.digest("SHA-256", o.certificate as Uint8Array<ArrayBuffer>));
    attrs.push(
      new pkijs.Attribute({
        type: OID.signingCertificateV2,
        values: [
          new asn1js.Sequence({
            value: [
              new asn1js.Sequence({
                value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: h })] })],
              }),
            ],
          }),
        ],
      }),
    );
  }
  if (o.signingTime)
    attrs.push(
      new pkijs.Attribute({
        type: OID.signingTime,
        values: [new asn1js.UTCTime({ valueDate: o.signingTime })],
      }),
    );
  if (o.revocation) {
    const parts: asn1js.AsnType[] = [];
    const wrap = (tag: number, list: readonly Uint8Array[]) =>
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: tag },
        value: [new asn1js.Sequence({ value: list.map((d) => asn1js.fromBER(d).result) })],
      });
    if (o.revocation.crls?.length) parts.push(wrap(0, o.revocation.crls));
    if (o.revocation.ocsps?.length) parts.push(wrap(1, o.revocation.ocsps));
    attrs.push(
      new pkijs.Attribute({
        type: OID.adbeRevocationInfoArchival,
        values: [new asn1js.Sequence({ value: parts })],
      }),
    );
  }
  const useAttrs = o.signedAttrs !== false;
  const toSign = useAttrs
    ? new Uint8Array(new asn1js.Set({ value: attrs.map((a) => a.toSchema()) }).toBER(false))
    : o.content;
  const sig = new Uint8Array(
    await crypto.subtle.sign("RSASSA-PKCS1-v1_5", o.privateKey, toSign as Uint8Array<ArrayBuffer>),
  );
  const info = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: DIGEST_OID[digest] }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: RSA_OID[digest],
      algorithmParams: new asn1js.Null(),
    }),
    signature: new asn1js.OctetString({ valueHex: sig }),
    ...(useAttrs
      ? { signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attrs }) }
      : {}),
  });
  if (o.timestamp) {
    const tst = await o.timestamp(sig);
    info.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [
        new pkijs.Attribute({ type: OID.signatureTimeStampToken, values: [asn1js.fromBER(tst).result] }),
      ],
    });
  }
  const sd = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: DIGEST_OID[digest] })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: o.eContentType ?? OID.data,
      ...(o.encapsulate ? { eContent: new asn1js.OctetString({ valueHex: o.content }) } : {}),
    }),
    certificates: [signer, ...(o.chain ?? []).map(cert)],
    signerInfos: [info],
  });
  const ci = new pkijs.ContentInfo({ contentType: OID.signedData, content: sd.toSchema(true) });
  return new Uint8Array(ci.toSchema().toBER(false));
}
