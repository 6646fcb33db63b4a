/** Test-only PKI wiring on top of @teken/ca: time-stamps, CRLs, OCSP and odd certificates. */
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import {
  createTestPki,
  issueCrl,
  respondOcsp,
  respondTimeStamp,
  revokeCertificate,
  type TestPki,
} from "@teken/ca";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

export type { TestPki };
export { createTestPki };

/** A DER TimeStampToken over `digest` (SHA-256) from the test TSA. */
export function tsaToken(pki: TestPki, digest: Uint8Array, now?: Date): Promise<Uint8Array> {
  return tokenFrom(pki.tsa, [pki.issuing.certificate], digest, now);
}

/** A DER TimeStampToken over `digest` (SHA-256) from any time-stamping key and chain (at `now`). */
export async function tokenFrom(
  tsa: { readonly certificate: Uint8Array; readonly privateKey: CryptoKey; readonly publicKey: CryptoKey },
  chain: readonly Uint8Array[],
  digest: Uint8Array,
  now?: Date,
): Promise<Uint8Array> {
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: "2.16.840.1.101.3.4.2.1" }),
      hashedMessage: new asn1js.OctetString({ valueHex: digest }),
    }),
    certReq: true,
  });
  const resp = await respondTimeStamp(new Uint8Array(req.toSchema().toBER(false)), {
    tsa,
    chain,
    ...(now ? { now: () => now } : {}),
  });
  const parsed = new pkijs.TimeStampResp({ schema: asn1js.fromBER(resp).result });
  if (parsed.timeStampToken === undefined) throw new Error("TSA refused");
  return new Uint8Array(parsed.timeStampToken.toSchema().toBER(false));
}

/** A TSA callback for the test CMS: time-stamps the SHA-256 of the signature value. */
export function signatureTimestamper(pki: TestPki, now?: Date): (sig: Uint8Array) => Promise<Uint8Array> {
  return async (sig) =>
    tsaToken(pki, new Uint8Array(await crypto.subtle.digest("SHA-256", sig as Uint8Array<ArrayBuffer>)), now);
}

/** Revokes the signer at `at` and returns a fresh CRL of the issuing CA. */
export async function revokeSigner(pki: TestPki, at: Date): Promise<Uint8Array> {
  await revokeCertificate(pki.store, pki.issuing, {
    serialNumber: pki.signer.serialNumber,
    reason: "keyCompromise",
    revokedAt: at,
  });
  return issueCrl(pki.issuing, { store: pki.store });
}

/** A CRL of the issuing CA as it stands now (or issued at `at`, valid `validitySeconds`). */
export function currentCrl(pki: TestPki, at?: Date, validitySeconds?: number): Promise<Uint8Array> {
  return issueCrl(pki.issuing, {
    store: pki.store,
    ...(at ? { now: () => at } : {}),
    ...(validitySeconds === undefined ? {} : { validitySeconds }),
  });
}

/**
 * A CRL of the root CA (it covers the issuing CA): with it, every certificate of the signer's
 * path below the anchor has revocation data (EN 319 102-1 §5.2.6 asks for all of them).
 */
export function rootCrl(pki: TestPki, at?: Date, validitySeconds?: number): Promise<Uint8Array> {
  return issueCrl(pki.root, {
    store: pki.store,
    ...(at ? { now: () => at } : {}),
    ...(validitySeconds === undefined ? {} : { validitySeconds }),
  });
}

/** An OCSP response about the signer from the delegated responder (produced at `now`, default now). */
export async function signerOcsp(pki: TestPki, now?: Date): Promise<Uint8Array> {
  const issuer = new pkijs.Certificate({ schema: asn1js.fromBER(pki.issuing.certificate).result });
  const leaf = new pkijs.Certificate({ schema: asn1js.fromBER(pki.signer.certificate).result });
  const req = new pkijs.OCSPRequest();
  await req.createForCertificate(leaf, { hashAlgorithm: "SHA-256", issuerCertificate: issuer });
  return respondOcsp(new Uint8Array(req.toSchema(true).toBER(false)), {
    authorities: [{ ca: pki.issuing, signer: pki.ocspSigner }],
    store: pki.store,
    ...(now ? { now: () => now } : {}),
  });
}

/** A certificate issued by the test issuing CA with chosen key size and extensions. */
export async function oddSigner(
  pki: TestPki,
  opts: {
    bits?: number;
    keyUsage?: number;
    criticalUnknown?: boolean;
    notBefore?: Date;
    notAfter?: Date;
    /** The hash the private key signs with (Web Crypto binds it to the key; default SHA-256). */
    hash?: "SHA-256" | "SHA-1";
  },
): Promise<{ certificate: Uint8Array; privateKey: CryptoKey }> {
  const alg = {
    name: "RSASSA-PKCS1-v1_5",
    hash: opts.hash ?? "SHA-256",
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: opts.bits ?? 2048,
  };
  const keys = (await crypto.subtle.generateKey(alg, true, ["sign", "verify"])) as CryptoKeyPair;
  const issuer = new x509.X509Certificate(pki.issuing.certificate as Uint8Array<ArrayBuffer>);
  const extensions: x509.Extension[] = [
    new x509.KeyUsagesExtension(
      opts.keyUsage ?? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
      true,
    ),
    new x509.BasicConstraintsExtension(false),
  ];
  if (opts.criticalUnknown)
    extensions.push(new x509.Extension("1.3.6.1.4.1.99999.1", true, new Uint8Array([5, 0])));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) =>
      b.toString(16).padStart(2, "0"),
    )
      .join("")
      .replace(/^[89a-f]/, "1"),
    subject: "CN=Odd Signer, O=Teken Test, C=ID",
    issuer: issuer.subjectName,
    notBefore: opts.notBefore ?? new Date(Date.now() - 86_400_000),
    notAfter: opts.notAfter ?? new Date(Date.now() + 365 * 86_400_000),
    signingAlgorithm: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    publicKey: keys.publicKey,
    signingKey: pki.issuing.privateKey,
    extensions,
  });
  return { certificate: new Uint8Array(cert.rawData), privateKey: keys.privateKey };
}
