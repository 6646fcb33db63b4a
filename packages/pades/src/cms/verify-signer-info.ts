import { bufferSource } from "./buffer-source";
import * as asn1js from "asn1js";
import { Certificate, RSASSAPSSParams } from "pkijs";
import { PadesSignError } from "../sign/errors";
import { digestFromOid, digestLength } from "./algorithms";
import { ecdsaDerToRaw } from "./ecdsa-signature";
import { OID } from "./oids";
import type { ParsedSignedData, ParsedSignerInfo } from "./parse-signed-data";

const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** Finds the certificate a SignerInfo names by issuer+serial or subject key identifier (RFC 5652 §5.3). */
export function findSignerCertificate(
  signedData: ParsedSignedData,
  signerInfo: ParsedSignerInfo,
): Uint8Array | undefined {
  return signedData.certificates.find((der) => {
    const cert = Certificate.fromBER(bufferSource(der));
    if (signerInfo.sid.kind === "issuerAndSerialNumber") {
      const tbs = (asn1js.fromBER(der).result as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
      const items = tbs.valueBlock.value;
      const v = items[0]?.idBlock.tagClass === 3 ? 1 : 0;
      const serial = items[v];
      const issuer = items[v + 2];
      return (
        serial !== undefined &&
        issuer !== undefined &&
        bytesEqual(new Uint8Array(serial.valueBeforeDecodeView), signerInfo.sid.serialNumber) &&
        bytesEqual(new Uint8Array(issuer.valueBeforeDecodeView), signerInfo.sid.issuer)
      );
    }
    const ski = cert.extensions?.find((e) => e.extnID === "2.5.29.14");
    const value = ski ? asn1js.fromBER(ski.extnValue.valueBlock.valueHexView).result : undefined;
    return (
      value instanceof asn1js.OctetString &&
      bytesEqual(new Uint8Array(value.valueBlock.valueHexView), signerInfo.sid.keyIdentifier)
    );
  });
}

type VerifyAlgorithm = {
  readonly importParams: RsaHashedImportParams | EcKeyImportParams;
  readonly verifyParams: AlgorithmIdentifier | RsaPssParams | EcdsaParams;
  readonly ecdsaSize?: number;
};

function algorithmFor(signerInfo: ParsedSignerInfo, cert: Certificate): VerifyAlgorithm {
  const hash = signerInfo.digestAlgorithm;
  if (!hash || hash === "SHA-1")
    throw new PadesSignError("PADES_SIGN_UNSUPPORTED_KEY", `digest ${signerInfo.digestAlgorithmOid}`);
  const oid = signerInfo.signatureAlgorithmOid;
  if (oid === OID.rsassaPss) {
    const paramsDer = signerInfo.signatureAlgorithmParameters;
    const params = paramsDer ? new RSASSAPSSParams({ schema: asn1js.fromBER(paramsDer).result }) : undefined;
    const pssHash = digestFromOid(params?.hashAlgorithm.algorithmId ?? OID.sha1);
    if (!pssHash || pssHash === "SHA-1")
      throw new PadesSignError("PADES_SIGN_UNSUPPORTED_KEY", "RSA-PSS hash");
    return {
      importParams: { name: "RSA-PSS", hash: pssHash },
      verifyParams: { name: "RSA-PSS", saltLength: params?.saltLength ?? digestLength[pssHash] },
    };
  }
  if (cert.subjectPublicKeyInfo.algorithm.algorithmId === OID.ecPublicKey) {
    const curveOid = (
      cert.subjectPublicKeyInfo.algorithm.algorithmParams as asn1js.ObjectIdentifier
    ).valueBlock.toString();
    const curves: Record<string, [string, number]> = {
      "1.2.840.10045.3.1.7": ["P-256", 32],
      "1.3.132.0.34": ["P-384", 48],
      "1.3.132.0.35": ["P-521", 66],
    };
    const curve = curves[curveOid];
    if (!curve) throw new PadesSignError("PADES_SIGN_UNSUPPORTED_KEY", `curve ${curveOid}`);
    return {
      importParams: { name: "ECDSA", namedCurve: curve[0] },
      verifyParams: { name: "ECDSA", hash },
      ecdsaSize: curve[1],
    };
  }
  return { importParams: { name: "RSASSA-PKCS1-v1_5", hash }, verifyParams: { name: "RSASSA-PKCS1-v1_5" } };
}

/**
 * Checks the cryptographic signature of a SignerInfo over its DER signed attributes with the
 * given certificate's public key (RFC 5652 §5.4–5.6). Returns `false` on a mismatch; it does not
 * check the message digest, the chain or the certificate's validity.
 */
export async function verifySignerInfoSignature(
  signerInfo: ParsedSignerInfo,
  certificate: Uint8Array,
  crypto: Crypto = globalThis.crypto,
): Promise<boolean> {
  if (!signerInfo.signedAttributesDer) return false;
  const cert = Certificate.fromBER(bufferSource(certificate));
  const alg = algorithmFor(signerInfo, cert);
  const spki = new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER());
  const key = await crypto.subtle.importKey("spki", bufferSource(spki), alg.importParams, false, ["verify"]);
  const signature = alg.ecdsaSize ? ecdsaDerToRaw(signerInfo.signature, alg.ecdsaSize) : signerInfo.signature;
  return crypto.subtle.verify(
    alg.verifyParams,
    key,
    bufferSource(signature),
    bufferSource(signerInfo.signedAttributesDer),
  );
}
