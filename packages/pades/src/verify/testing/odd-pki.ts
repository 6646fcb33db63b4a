/**
 * Test-only extra certificate shapes and CMS edits for the verifier's check tests: CAs without
 * cA, sub-CAs that break a path length, TSAs without the timeStamping EKU, and edits of a
 * signed PDF's CMS (re-signed when a signed attribute changes, so only the edit is wrong).
 */
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import type { TestPki } from "@teken/ca";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { byteRangeOf, replaceContents } from "./attacks";

/** A certificate and its key pair (extractable private key). */
export interface OddKey {
  readonly certificate: Uint8Array;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
}

/** How to shape a certificate issued by {@link issueCert}. */
export interface OddCertOptions {
  readonly subject: string;
  /** cA flag of basicConstraints; `undefined` leaves the extension out. */
  readonly ca?: boolean;
  readonly pathLen?: number;
  readonly keyUsage?: number;
  /** Extended key usages (OIDs); none when absent. */
  readonly eku?: readonly string[];
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** Flips a byte of the issuer's signature over the certificate. */
  readonly corruptSignature?: boolean;
}

const RSA = {
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

let serialCounter = 0x100;

/** Issues a certificate under `issuer` with exactly the extensions asked for. */
export async function issueCert(
  issuer: { readonly certificate: Uint8Array; readonly privateKey: CryptoKey },
  o: OddCertOptions,
): Promise<OddKey> {
  const keys = (await crypto.subtle.generateKey(RSA, true, ["sign", "verify"])) as CryptoKeyPair;
  const issuerCert = new x509.X509Certificate(issuer.certificate as Uint8Array<ArrayBuffer>);
  const extensions: x509.Extension[] = [];
  if (o.ca !== undefined) extensions.push(new x509.BasicConstraintsExtension(o.ca, o.pathLen, true));
  extensions.push(
    new x509.KeyUsagesExtension(
      o.keyUsage ??
        (o.ca === true
          ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign
          : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation),
      true,
    ),
  );
  if (o.eku !== undefined) extensions.push(new x509.ExtendedKeyUsageExtension([...o.eku], true));
  extensions.push(await x509.SubjectKeyIdentifierExtension.create(keys.publicKey));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: (serialCounter++).toString(16).padStart(4, "0") + Date.now().toString(16),
    subject: o.subject,
    issuer: issuerCert.subjectName,
    notBefore: o.notBefore ?? new Date(Date.now() - 86_400_000),
    notAfter: o.notAfter ?? new Date(Date.now() + 365 * 86_400_000),
    signingAlgorithm: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    publicKey: keys.publicKey,
    signingKey: issuer.privateKey,
    extensions,
  });
  const der = new Uint8Array(cert.rawData);
  // The signature BIT STRING ends the certificate: flipping its last byte breaks only the signature.
  if (o.corruptSignature) der[der.length - 1]! ^= 0x01;
  return { certificate: der, privateKey: keys.privateKey, publicKey: keys.publicKey };
}

/** The same RSA private key bound to another hash (Web Crypto keys carry their hash). */
export async function rehash(key: CryptoKey, hash: "SHA-1" | "SHA-256"): Promise<CryptoKey> {
  const pkcs8 = await crypto.subtle.exportKey("pkcs8", key);
  return crypto.subtle.importKey("pkcs8", pkcs8, { name: "RSASSA-PKCS1-v1_5", hash }, false, ["sign"]);
}

export { tokenFrom } from "./test-pki";

/** A TSA certificate under the test PKI's issuing CA without the timeStamping EKU. */
export function tsaWithoutEku(pki: TestPki): Promise<OddKey> {
  return issueCert(pki.issuing, { subject: "CN=No-EKU TSA, O=Teken Test, C=ID", ca: false });
}

/** The DER CMS of the last signature of `pdf`. */
export function cmsOf(pdf: Uint8Array): Uint8Array {
  const [, l1, b] = byteRangeOf(pdf);
  const digits = new TextDecoder("latin1").decode(pdf.subarray(l1 + 1, b - 1));
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  const parsed = asn1js.fromBER(bytes);
  return bytes.slice(0, parsed.offset);
}

/**
 * Rewrites the CMS of the last signature of `pdf` (the signed byte ranges stay as they are):
 * `edit` changes the parsed SignedData; with `resign`, the first SignerInfo's signature is
 * computed again over its (edited) signed attributes with that key (SHA-256 RSA).
 */
export async function editCms(
  pdf: Uint8Array,
  edit: (sd: pkijs.SignedData) => void | Promise<void>,
  resign?: CryptoKey,
): Promise<Uint8Array> {
  const ci = new pkijs.ContentInfo({ schema: asn1js.fromBER(cmsOf(pdf)).result });
  const sd = new pkijs.SignedData({ schema: ci.content });
  await edit(sd);
  if (resign !== undefined) {
    const info = sd.signerInfos[0]!;
    const attrs = info.signedAttrs!.attributes;
    const toSign = new Uint8Array(new asn1js.Set({ value: attrs.map((a) => a.toSchema()) }).toBER(false));
    const sig = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", resign, toSign as Uint8Array<ArrayBuffer>);
    info.signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attrs });
    info.signature = new asn1js.OctetString({ valueHex: sig });
  }
  const out = new pkijs.ContentInfo({ contentType: ci.contentType, content: sd.toSchema(true) });
  return replaceContents(pdf, new Uint8Array(out.toSchema().toBER(false)));
}

/** A signed attribute of `info` by OID (throws when absent). */
export function signedAttr(sd: pkijs.SignedData, oid: string): pkijs.Attribute {
  const a = sd.signerInfos[0]!.signedAttrs?.attributes.find((x) => x.type === oid);
  if (a === undefined) throw new Error(`no signed attribute ${oid}`);
  return a;
}

/** Drops the signed attribute `oid` from the first SignerInfo. */
export function dropSignedAttr(sd: pkijs.SignedData, oid: string): void {
  const info = sd.signerInfos[0]!;
  info.signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: info.signedAttrs!.attributes.filter((x) => x.type !== oid),
  });
}
