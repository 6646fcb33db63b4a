import { bufferSource } from "./buffer-source";
import { Certificate } from "pkijs";
import { PadesSignError } from "../sign/errors";

/** Parses one DER X.509 certificate (RFC 5280 §4.1) with PKI.js, raising a typed error. */
export function parseCertificate(der: Uint8Array): Certificate {
  try {
    return Certificate.fromBER(bufferSource(der));
  } catch (cause) {
    throw new PadesSignError("PADES_SIGN_CERTIFICATE_INVALID", undefined, { cause });
  }
}

/** Decodes every certificate of a PEM text (or a DER certificate) into DER bytes. */
export function certificatesFromPem(text: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  const re = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(base64ToBytes((m[1] ?? "").replace(/\s+/g, "")));
  }
  return out;
}

/** Decodes the first PEM block with the given label (e.g. `PRIVATE KEY`) into DER bytes. */
export function pemBlock(text: string, label: string): Uint8Array | undefined {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`);
  const m = re.exec(text);
  return m ? base64ToBytes((m[1] ?? "").replace(/\s+/g, "")) : undefined;
}

/** Decodes standard base64 without Buffer (runtime-neutral). */
export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
