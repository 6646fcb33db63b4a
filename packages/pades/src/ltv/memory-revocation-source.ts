import { crlCovers, parseCrl } from "./crl";
import { readOcspAnswer } from "./ocsp";
import type { RevocationSource } from "./ports";
import { parseCert } from "./signer-info";

/** Revocation evidence held in memory: DER OCSPResponses and DER CRLs. */
export interface MemoryRevocationData {
  readonly ocsps?: readonly Uint8Array[];
  readonly crls?: readonly Uint8Array[];
}

/**
 * A {@link RevocationSource} answering from evidence already at hand (an archive, a test, an
 * offline signer): the OCSP response naming the certificate's serial, else the CRL of its issuer.
 */
export function memoryRevocationSource(data: MemoryRevocationData): RevocationSource {
  const ocsps = data.ocsps ?? [];
  const crls = (data.crls ?? []).map((der) => ({ der, crl: parseCrl(der) }));
  return {
    async ocsp(certDer) {
      const cert = parseCert(certDer);
      return ocsps.find((der) => readOcspAnswer(der, cert) !== undefined);
    },
    async crl(certDer) {
      const cert = parseCert(certDer);
      return crls.find((c) => crlCovers(c.crl, cert))?.der;
    },
  };
}
