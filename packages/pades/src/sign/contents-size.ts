import { Certificate } from "pkijs";
import type { DigestAlgorithm } from "../cms/algorithms";
import { bufferSource } from "../cms/buffer-source";
import { buildSignedAttributes } from "../cms/signed-attributes";
import { encodeSignedData } from "../cms/signed-data";
import { schemeOf } from "./create-cms";
import type { Signer } from "./ports";

/** Default `/Contents` capacity for an external CMS provider whose size is unknown. */
export const DEFAULT_CMS_PROVIDER_SIZE = 16_384;

/** Largest signature value a key of this certificate yields (RSA modulus length; DER ECDSA with padding). */
function maxSignatureLength(certificate: Uint8Array): number {
  const spki = Certificate.fromBER(bufferSource(certificate)).subjectPublicKeyInfo;
  const rsa = spki.parsedKey as { modulus?: { valueBlock: { valueHexView: Uint8Array } } } | undefined;
  const modulus = rsa?.modulus?.valueBlock.valueHexView;
  if (modulus) return modulus[0] === 0 ? modulus.length - 1 : modulus.length;
  const bits = spki.subjectPublicKey.valueBlock.valueHexView.length; // 1 + 2n for an uncompressed point
  const n = Math.ceil((bits - 1) / 2);
  return 2 * (n + 1) + 8;
}

/**
 * Sizes `/Contents` by a dry run (pyHanko reserves by measurement too): encodes the CMS this
 * signer will produce with a maximal dummy signature and adds `reserve` bytes (time-stamp
 * tokens, revocation data added to the CMS later) plus a small margin.
 */
export async function measureContentsSize(
  signer: Signer,
  options: {
    readonly digest: DigestAlgorithm;
    readonly signingTime?: Date;
    readonly reserve?: number;
    readonly crypto?: Crypto;
  },
): Promise<number> {
  const reserve = options.reserve ?? 0;
  if (signer.kind === "cms") return (signer.maxCmsSize ?? DEFAULT_CMS_PROVIDER_SIZE) + reserve;
  const signedAttributes = await buildSignedAttributes({
    digest: options.digest,
    messageDigest: new Uint8Array({ "SHA-256": 32, "SHA-384": 48, "SHA-512": 64 }[options.digest]),
    signerCertificate: signer.certificate,
    signingTime: options.signingTime,
    crypto: options.crypto,
  });
  const dry = encodeSignedData({
    digest: options.digest,
    scheme: schemeOf(signer),
    signedAttributes,
    signature: new Uint8Array(maxSignatureLength(signer.certificate)),
    signerCertificate: signer.certificate,
    chain: signer.chain,
  });
  return dry.length + 64 + reserve;
}
