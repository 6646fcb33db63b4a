import { PadesSignError } from "../sign/errors";
import { type DerElement, childElements, readElement } from "./der-reader";

/** The exact DER of a certificate's issuer Name and serialNumber INTEGER (RFC 5280 §4.1). */
export interface IssuerSerialDer {
  readonly issuer: Uint8Array;
  readonly serialNumber: Uint8Array;
}

/** The TBSCertificate fields of a DER certificate (version-aware indexes), read without decoding. */
function tbsFields(certificate: Uint8Array): DerElement[] {
  try {
    const cert = readElement(certificate, 0);
    const tbs = childElements(certificate, cert)[0];
    if (cert.tag !== 0x30 || tbs?.tag !== 0x30) throw new Error("not a SEQUENCE");
    const fields = childElements(certificate, tbs);
    return fields[0]?.tag === 0xa0 ? fields.slice(1) : fields;
  } catch (cause) {
    throw new PadesSignError("PADES_SIGN_CERTIFICATE_INVALID", "not an X.509 certificate", { cause });
  }
}

const cache = new WeakMap<Uint8Array, IssuerSerialDer>();

/** Reads issuer and serialNumber from a DER certificate without re-encoding them. */
export function issuerSerialOf(certificate: Uint8Array): IssuerSerialDer {
  const cached = cache.get(certificate);
  if (cached) return cached;
  const [serial, , issuer] = tbsFields(certificate);
  if (serial?.tag !== 0x02 || issuer?.tag !== 0x30) {
    throw new PadesSignError("PADES_SIGN_CERTIFICATE_INVALID", "issuer/serialNumber");
  }
  const value = {
    issuer: certificate.subarray(issuer.start, issuer.end),
    serialNumber: certificate.subarray(serial.start, serial.end),
  };
  cache.set(certificate, value);
  return value;
}

/** The DER subjectPublicKeyInfo of a certificate (RFC 5280 §4.1.2.7). */
export function subjectPublicKeyInfoOf(certificate: Uint8Array): Uint8Array {
  const spki = tbsFields(certificate)[5];
  if (spki?.tag !== 0x30) throw new PadesSignError("PADES_SIGN_CERTIFICATE_INVALID", "subjectPublicKeyInfo");
  return certificate.subarray(spki.start, spki.end);
}
