import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { fromHex, normalizeSerial, toBytes } from "./bytes";

/** The serial number of a DER certificate as canonical lower-case hex. */
export function certificateSerial(certificate: Uint8Array): string {
  return normalizeSerial(new x509.X509Certificate(toBytes(certificate)).serialNumber);
}

/** A canonical hex serial as the content bytes of a positive DER INTEGER (a 00 byte before a high bit). */
export function serialBytes(serialHex: string): Uint8Array<ArrayBuffer> {
  const bytes = fromHex(normalizeSerial(serialHex));
  if ((bytes[0] ?? 0) < 0x80) return bytes;
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes, 1);
  return out;
}
