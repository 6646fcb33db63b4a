import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { equalBytes, toArrayBuffer } from "./bytes";
import { LtvError } from "./errors";
import { OID } from "./oids";
import { pkiEngine } from "./pki-engine";

/** Status of one certificate in an OCSP answer (RFC 6960 §4.2.1 CertStatus). */
export type OcspCertStatus = "good" | "revoked" | "unknown";

/** What an OCSP response says about one certificate. */
export interface OcspAnswer {
  readonly status: OcspCertStatus;
  readonly producedAt: Date;
  readonly thisUpdate: Date;
  readonly revocationTime: Date | undefined;
}

/** Builds a DER OCSPRequest for one certificate (RFC 6960 §4.1; CertID hashed with SHA-1 as RFC 5019 §2.1.1 requires). */
export async function buildOcspRequest(
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  crypto: Crypto,
): Promise<Uint8Array> {
  const req = new pkijs.OCSPRequest();
  await req.createForCertificate(
    cert,
    { hashAlgorithm: "SHA-1", issuerCertificate: issuer },
    pkiEngine(crypto),
  );
  return new Uint8Array(req.toSchema(true).toBER(false));
}

/** Parses a DER OCSPResponse's BasicOCSPResponse, or throws `LTV_REVOCATION_BAD_RESPONSE`. */
export function parseBasicOcsp(der: Uint8Array): pkijs.BasicOCSPResponse {
  let resp: pkijs.OCSPResponse;
  try {
    const asn = asn1js.fromBER(toArrayBuffer(der));
    if (asn.offset === -1) throw new Error("not DER");
    resp = new pkijs.OCSPResponse({ schema: asn.result });
  } catch (cause) {
    throw new LtvError("LTV_REVOCATION_BAD_RESPONSE", "OCSPResponse", { cause });
  }
  const status = resp.responseStatus.valueBlock.valueDec;
  if (status !== 0) throw new LtvError("LTV_REVOCATION_BAD_RESPONSE", `OCSP responseStatus ${status}`);
  const bytes = resp.responseBytes;
  if (bytes === undefined || bytes.responseType !== OID.ocspBasic) {
    throw new LtvError("LTV_REVOCATION_BAD_RESPONSE", "no basic OCSP response");
  }
  try {
    return pkijs.BasicOCSPResponse.fromBER(bytes.response.getValue());
  } catch (cause) {
    throw new LtvError("LTV_REVOCATION_BAD_RESPONSE", "BasicOCSPResponse", { cause });
  }
}

/** Reads what an OCSP response says about `cert` (matched by serial number), or undefined if it says nothing. */
export function readOcspAnswer(der: Uint8Array, cert: pkijs.Certificate): OcspAnswer | undefined {
  const basic = parseBasicOcsp(der);
  const serial = new Uint8Array(cert.serialNumber.valueBlock.valueHexView);
  const single = basic.tbsResponseData.responses.find((r) =>
    equalBytes(new Uint8Array(r.certID.serialNumber.valueBlock.valueHexView), serial),
  );
  if (single === undefined) return undefined;
  const tag = (single.certStatus as asn1js.BaseBlock).idBlock.tagNumber;
  const status: OcspCertStatus = tag === 0 ? "good" : tag === 1 ? "revoked" : "unknown";
  let revocationTime: Date | undefined;
  if (status === "revoked") {
    const inner = (single.certStatus as asn1js.Constructed).valueBlock.value[0] as asn1js.GeneralizedTime;
    revocationTime = inner.toDate();
  }
  return {
    status,
    producedAt: basic.tbsResponseData.producedAt,
    thisUpdate: single.thisUpdate,
    revocationTime,
  };
}
