import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { toBytes } from "./bytes";
import { digest } from "./engine";
import { OID } from "./oids";

/**
 * The ESS signing-certificate-v2 attribute naming `certificate` (RFC 5035 §3, RFC 5816 §2.2.1):
 *
 *   SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies ... OPTIONAL }
 *   ESSCertIDv2 ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier DEFAULT {sha256},
 *                              certHash OCTET STRING, issuerSerial IssuerSerial OPTIONAL }
 *   IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }
 *
 * SHA-256 is the DER default, so hashAlgorithm is omitted.
 */
export async function signingCertificateV2Attribute(
  certificate: pkijs.Certificate,
  crypto: Crypto,
): Promise<pkijs.Attribute> {
  const der = toBytes(new Uint8Array(certificate.toSchema().toBER()));
  const certHash = await digest(crypto, "SHA-256", der);
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: 4 },
            value: [certificate.issuer.toSchema()],
          }),
        ],
      }),
      new asn1js.Integer({ valueHex: toBytes(certificate.serialNumber.valueBlock.valueHexView) }),
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: toBytes(certHash) }), issuerSerial],
  });
  const value = new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
  return new pkijs.Attribute({ type: OID.signingCertificateV2, values: [value] });
}
