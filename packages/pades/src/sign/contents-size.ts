import type { DigestAlgorithm } from "../cms/algorithms";
import { childElements, readElement } from "../cms/der-reader";
import { subjectPublicKeyInfoOf } from "../cms/issuer-serial";
import { buildSignedAttributes } from "../cms/signed-attributes";
import { encodeSignedData } from "../cms/signed-data";
import { schemeOf } from "./create-cms";
import type { Signer } from "./ports";

/** Default `/Contents` capacity for an external CMS provider whose size is unknown. */
export const DEFAULT_CMS_PROVIDER_SIZE = 16_384;

/** Content octets of the id-ecPublicKey OID 1.2.840.10045.2.1 (RFC 5480 §2.1.1). */
const EC_PUBLIC_KEY = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01] as const;

/**
 * Largest signature value a key of this certificate yields: the RSA modulus length (RFC 8017
 * §A.1.1), or a DER ECDSA signature with both integers padded (RFC 5480 §2.2).
 */
function maxSignatureLength(certificate: Uint8Array): number {
  const spki = subjectPublicKeyInfoOf(certificate);
  const [algorithm, bitString] = childElements(spki, readElement(spki, 0));
  if (!algorithm || bitString?.tag !== 0x03) return 1024;
  const oid = childElements(spki, algorithm)[0];
  const isEc =
    oid !== undefined &&
    EC_PUBLIC_KEY.every((b, i) => spki[oid.contentStart + i] === b) &&
    oid.end - oid.contentStart === EC_PUBLIC_KEY.length;
  const key = spki.subarray(bitString.contentStart + 1, bitString.end);
  if (isEc) {
    const n = Math.ceil((key.length - 1) / 2);
    return 2 * (n + 1) + 8;
  }
  const modulus = childElements(key, readElement(key, 0))[0];
  if (!modulus) return 1024;
  const len = modulus.end - modulus.contentStart;
  return key[modulus.contentStart] === 0 ? len - 1 : len;
}

/** Dry-run sizes (without `reserve`) per signer certificate, keyed by what the size depends on. */
const measured = new WeakMap<Uint8Array, Map<string, number>>();

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
  // The dry run's length depends only on the signer certificate, the lengths of the chain's
  // certificates, the digest, the scheme and the signing-time's form (UTCTime until 2049, then
  // GeneralizedTime, RFC 5280 §4.1.2.5): remembered per signer certificate.
  const time = options.signingTime;
  const key = [
    options.digest,
    schemeOf(signer),
    time === undefined ? "-" : time.getUTCFullYear() >= 2050 ? "g" : "u",
    ...(signer.chain ?? []).map((c) => c.length),
  ].join("|");
  const known = measured.get(signer.certificate)?.get(key);
  if (known !== undefined) return known + reserve;
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
  const size = dry.length + 64;
  measured.set(signer.certificate, (measured.get(signer.certificate) ?? new Map()).set(key, size));
  return size + reserve;
}
