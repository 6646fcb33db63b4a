/** @teken/ca: Embedded PKI: CA hierarchy, certificate issuance, CRL, OCSP responder and RFC 3161 time-stamp authority. */
export {};
