import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { fromHex, normalizeSerial, toBytes } from "./bytes";

/** The serial number of a DER certificate as canonical lower-case hex. */
export function certificateSerial(certificate: Uint8Array): string {
  return normalizeSerial(new x509.X509Certificate(toBytes(certificate)).serialNumber);
}

/** The DER of a certificate's subject Name. */
export function certificateSubjectDer(certificate: Uint8Array): Uint8Array {
  return toBytes(new x509.X509Certificate(toBytes(certificate)).subjectName.toArrayBuffer());
}

/** Hex serial → bytes, for APIs that want an INTEGER value. */
export function serialBytes(serialHex: string): Uint8Array {
  return fromHex(normalizeSerial(serialHex));
}
