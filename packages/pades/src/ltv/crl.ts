import * as pkijs from "pkijs";
import { toArrayBuffer } from "./bytes";
import { LtvError } from "./errors";

/** Parses a DER CRL (RFC 5280 §5.1) or throws `LTV_REVOCATION_BAD_RESPONSE`. */
export function parseCrl(der: Uint8Array): pkijs.CertificateRevocationList {
  try {
    return pkijs.CertificateRevocationList.fromBER(toArrayBuffer(der));
  } catch (cause) {
    throw new LtvError("LTV_REVOCATION_BAD_RESPONSE", "CRL", { cause });
  }
}

/** True when a CRL was issued by the certificate's issuer (by name; RFC 5280 §6.3.3 (b)). */
export function crlCovers(crl: pkijs.CertificateRevocationList, cert: pkijs.Certificate): boolean {
  return crl.issuer.isEqual(cert.issuer);
}
