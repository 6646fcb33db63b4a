import * as asn1js from "asn1js";
import { PadesSignError } from "../sign/errors";

/** The exact DER of a certificate's issuer Name and serialNumber INTEGER (RFC 5280 §4.1). */
export interface IssuerSerialDer {
  readonly issuer: Uint8Array;
  readonly serialNumber: Uint8Array;
}

/** Reads issuer and serialNumber from a DER certificate without re-encoding them. */
export function issuerSerialOf(certificate: Uint8Array): IssuerSerialDer {
  const parsed = asn1js.fromBER(certificate);
  const cert = parsed.result;
  const tbs = cert instanceof asn1js.Sequence ? cert.valueBlock.value[0] : undefined;
  if (parsed.offset === -1 || !(tbs instanceof asn1js.Sequence)) {
    throw new PadesSignError("PADES_SIGN_CERTIFICATE_INVALID", "not an X.509 certificate");
  }
  const items = tbs.valueBlock.value;
  const hasVersion = items[0]?.idBlock.tagClass === 3;
  const serial = items[hasVersion ? 1 : 0];
  const issuer = items[hasVersion ? 3 : 2];
  if (!(serial instanceof asn1js.Integer) || !(issuer instanceof asn1js.Sequence)) {
    throw new PadesSignError("PADES_SIGN_CERTIFICATE_INVALID", "issuer/serialNumber");
  }
  return {
    issuer: new Uint8Array(issuer.valueBeforeDecodeView),
    serialNumber: new Uint8Array(serial.valueBeforeDecodeView),
  };
}
