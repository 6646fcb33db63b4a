import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { toBytes } from "./bytes";
import { digest, pkijsCertificate } from "./engine";
import { OID } from "./oids";

/** Options for `buildOcspRequest`. */
export interface OcspRequestOptions {
  /** CertID hash (default SHA-1, what most responders and OpenSSL use; RFC 6960 §4.1.1). */
  readonly hash?: "SHA-1" | "SHA-256";
  /** Nonce bytes (default: 16 random bytes); `null` sends none (RFC 6960 §4.4.1, RFC 8954). */
  readonly nonce?: Uint8Array | null;
  readonly crypto?: Crypto;
}

/**
 * Builds a DER OCSPRequest for one certificate (RFC 6960 §4.1.1): CertID from the issuer's
 * name and key hashes and the serial, and a nonce extension.
 * @example
 * const response = await respondOcsp(await buildOcspRequest(signer.certificate, issuing.certificate), options);
 */
export async function buildOcspRequest(
  certificate: Uint8Array,
  issuerCertificate: Uint8Array,
  options: OcspRequestOptions = {},
): Promise<Uint8Array> {
  const crypto = options.crypto ?? globalThis.crypto;
  const hash = options.hash ?? "SHA-1";
  const leaf = pkijsCertificate(certificate);
  const issuer = pkijsCertificate(issuerCertificate);
  const certId = new pkijs.CertID({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: hash === "SHA-1" ? OID.sha1 : OID.sha256,
      algorithmParams: new asn1js.Null(),
    }),
    issuerNameHash: new asn1js.OctetString({
      valueHex: toBytes(await digest(crypto, hash, new Uint8Array(issuer.subject.toSchema().toBER()))),
    }),
    issuerKeyHash: new asn1js.OctetString({
      valueHex: toBytes(
        await digest(crypto, hash, issuer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
      ),
    }),
    serialNumber: leaf.serialNumber,
  });
  const nonce =
    options.nonce === null ? undefined : (options.nonce ?? crypto.getRandomValues(new Uint8Array(16)));
  const request = new pkijs.OCSPRequest({
    tbsRequest: new pkijs.TBSRequest({
      requestList: [new pkijs.Request({ reqCert: certId })],
      ...(nonce === undefined
        ? {}
        : {
            requestExtensions: [
              new pkijs.Extension({
                extnID: OID.ocspNonce,
                extnValue: new asn1js.OctetString({ valueHex: toBytes(nonce) }).toBER(),
              }),
            ],
          }),
    }),
  });
  return new Uint8Array(request.toSchema(true).toBER());
}
