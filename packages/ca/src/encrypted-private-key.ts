import * as asn1js from "asn1js";
import { toBytes } from "./bytes";
import { CaError } from "./errors";
import { OID } from "./oids";
import { fromPemAll } from "./pem";

/** Default PBKDF2 iteration count (OWASP 2023 guidance for PBKDF2-HMAC-SHA-256). */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;

/** Options for `exportEncryptedPrivateKey`. */
export interface EncryptKeyOptions {
  /** PBKDF2 iterations (default 600 000; tests may lower it, never below 1 000). */
  readonly iterations?: number;
  readonly crypto?: Crypto;
}

const PRF_HASH: Readonly<Record<string, string>> = {
  [OID.hmacWithSha1]: "SHA-1",
  [OID.hmacWithSha256]: "SHA-256",
  [OID.hmacWithSha384]: "SHA-384",
  [OID.hmacWithSha512]: "SHA-512",
};
const AES_BITS: Readonly<Record<string, number>> = {
  [OID.aes128Cbc]: 128,
  [OID.aes192Cbc]: 192,
  [OID.aes256Cbc]: 256,
};

/**
 * Exports a private key as PKCS#8 EncryptedPrivateKeyInfo (RFC 5958 §3) under PBES2
 * (RFC 8018 §6.2) with PBKDF2-HMAC-SHA-256 and AES-256-CBC; the key must be extractable.
 * @example
 * const der = await exportEncryptedPrivateKey(key, "frasa sandi panjang");
 */
export async function exportEncryptedPrivateKey(
  privateKey: CryptoKey,
  passphrase: string,
  options: EncryptKeyOptions = {},
): Promise<Uint8Array> {
  const crypto = options.crypto ?? globalThis.crypto;
  const iterations = options.iterations ?? DEFAULT_PBKDF2_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < 1000)
    throw new CaError("CA_INVALID_INPUT", "iterations < 1000");
  if (!privateKey.extractable) throw new CaError("CA_KEY_NOT_EXTRACTABLE");
  const plain = new Uint8Array(await crypto.subtle.exportKey("pkcs8", privateKey));
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const key = await deriveAesKey(crypto, passphrase, salt, iterations, "SHA-256", 256, ["encrypt"]);
  const encrypted = await crypto.subtle.encrypt({ name: "AES-CBC", iv }, key, plain);
  plain.fill(0);
  return new Uint8Array(encryptedPrivateKeyInfo(salt, iterations, iv, encrypted).toBER());
}

/** RFC 8018 Appendix A.2/A.4 structures, written with asn1js. */
function encryptedPrivateKeyInfo(
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  iv: Uint8Array<ArrayBuffer>,
  encrypted: ArrayBuffer,
): asn1js.Sequence {
  const pbkdf2Params = new asn1js.Sequence({
    value: [
      new asn1js.OctetString({ valueHex: salt }),
      new asn1js.Integer({ value: iterations }),
      new asn1js.Sequence({
        value: [new asn1js.ObjectIdentifier({ value: OID.hmacWithSha256 }), new asn1js.Null()],
      }),
    ],
  });
  const pbes2Params = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.pbkdf2 }), pbkdf2Params] }),
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: OID.aes256Cbc }),
          new asn1js.OctetString({ valueHex: iv }),
        ],
      }),
    ],
  });
  return new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.pbes2 }), pbes2Params] }),
      new asn1js.OctetString({ valueHex: encrypted }),
    ],
  });
}

async function deriveAesKey(
  crypto: Crypto,
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  hash: string,
  bits: number,
  usages: KeyUsage[],
): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey("raw", new TextEncoder().encode(passphrase), "PBKDF2", false, [
    "deriveKey",
  ]);
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", salt, iterations, hash },
    base,
    { name: "AES-CBC", length: bits },
    false,
    usages,
  );
}

/** Parsed PBES2 parameters of an EncryptedPrivateKeyInfo. */
interface Pbes2 {
  readonly salt: Uint8Array<ArrayBuffer>;
  readonly iterations: number;
  readonly prfHash: string;
  readonly aesBits: number;
  readonly iv: Uint8Array<ArrayBuffer>;
  readonly encrypted: Uint8Array<ArrayBuffer>;
}

/**
 * EncryptedPrivateKeyInfo with PBES2 parameters (RFC 5958 §3, RFC 8018 A.2/A.4):
 *   SEQUENCE { SEQUENCE { id-PBES2, SEQUENCE { SEQUENCE { id-PBKDF2, SEQUENCE { salt, iterationCount,
 *   keyLength OPTIONAL, prf DEFAULT hmacWithSHA1 } }, SEQUENCE { cipher OID, iv } } }, encryptedData }
 */
function pbes2Schema(): asn1js.Sequence {
  return new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ name: "scheme" }),
          new asn1js.Sequence({
            value: [
              new asn1js.Sequence({
                value: [
                  new asn1js.ObjectIdentifier({ name: "kdf" }),
                  new asn1js.Sequence({
                    value: [
                      new asn1js.OctetString({ name: "salt" }),
                      new asn1js.Integer({ name: "iterations" }),
                      new asn1js.Integer({ name: "keyLength", optional: true }),
                      new asn1js.Sequence({
                        name: "prf",
                        optional: true,
                        value: [
                          new asn1js.ObjectIdentifier({ name: "prfOid" }),
                          new asn1js.Any({ optional: true }),
                        ],
                      }),
                    ],
                  }),
                ],
              }),
              new asn1js.Sequence({
                value: [
                  new asn1js.ObjectIdentifier({ name: "cipher" }),
                  new asn1js.OctetString({ name: "iv" }),
                ],
              }),
            ],
          }),
        ],
      }),
      new asn1js.OctetString({ name: "data" }),
    ],
  });
}

/** Reads PBES2 + PBKDF2 + AES-CBC parameters (RFC 8018 §6.2, A.2, B.2.5); other schemes are refused. */
function parsePbes2(der: Uint8Array): Pbes2 {
  const outer = asn1js.verifySchema(
    toBytes(der),
    new asn1js.Sequence({
      value: [
        new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ name: "scheme" }), new asn1js.Any()] }),
        new asn1js.OctetString(),
      ],
    }),
  );
  if (!outer.verified) throw new CaError("CA_MALFORMED_KEY", "not an EncryptedPrivateKeyInfo");
  const scheme = (
    outer.result as unknown as { scheme: asn1js.ObjectIdentifier }
  ).scheme.valueBlock.toString();
  if (scheme !== OID.pbes2) throw new CaError("CA_UNSUPPORTED_ALGORITHM", `encryption scheme ${scheme}`);
  const parsed = asn1js.verifySchema(toBytes(der), pbes2Schema());
  if (!parsed.verified) throw new CaError("CA_MALFORMED_KEY", "not an EncryptedPrivateKeyInfo");
  const r = parsed.result as unknown as Record<
    string,
    asn1js.AsnType & { valueBlock: { valueHexView: Uint8Array; valueDec: number; toString(): string } }
  >;
  const oid = (k: string) => (r[k] as unknown as asn1js.ObjectIdentifier | undefined)?.valueBlock.toString();
  if (oid("scheme") !== OID.pbes2 || oid("kdf") !== OID.pbkdf2) {
    throw new CaError("CA_UNSUPPORTED_ALGORITHM", "only PBES2 with PBKDF2");
  }
  const prfHash = r.prfOid === undefined ? "SHA-1" : PRF_HASH[oid("prfOid") ?? ""];
  const aesBits = AES_BITS[oid("cipher") ?? ""];
  if (prfHash === undefined || aesBits === undefined)
    throw new CaError("CA_UNSUPPORTED_ALGORITHM", "PBES2 cipher or PRF");
  const bytesOf = (k: string) => toBytes(r[k]?.valueBlock.valueHexView ?? new Uint8Array(0));
  return {
    salt: bytesOf("salt"),
    iterations: (r.iterations as unknown as asn1js.Integer).valueBlock.valueDec,
    prfHash,
    aesBits,
    iv: bytesOf("iv"),
    encrypted: bytesOf("data"),
  };
}

/** How to import the decrypted key: the Web Crypto algorithm (default by key type: RSASSA-PKCS1-v1_5/SHA-256 or ECDSA). */
export interface DecryptKeyOptions {
  readonly algorithm?: RsaHashedImportParams | EcKeyImportParams;
  /** Whether the imported key may be exported again (default true). */
  readonly extractable?: boolean;
  readonly crypto?: Crypto;
}

/**
 * Decrypts a PKCS#8 EncryptedPrivateKeyInfo (DER or PEM) made by us or by `openssl pkcs8
 * -topk8 -v2 aes-256-cbc`; a wrong passphrase throws `CA_WRONG_PASSPHRASE`.
 * @example
 * const key = await importEncryptedPrivateKey(der, "frasa sandi panjang");
 */
export async function importEncryptedPrivateKey(
  encrypted: Uint8Array | string,
  passphrase: string,
  options: DecryptKeyOptions = {},
): Promise<CryptoKey> {
  const crypto = options.crypto ?? globalThis.crypto;
  const der = typeof encrypted === "string" ? pemBlock(encrypted) : encrypted;
  const p = parsePbes2(der);
  const key = await deriveAesKey(crypto, passphrase, p.salt, p.iterations, p.prfHash, p.aesBits, ["decrypt"]);
  let plain: Uint8Array<ArrayBuffer>;
  try {
    plain = new Uint8Array(await crypto.subtle.decrypt({ name: "AES-CBC", iv: p.iv }, key, p.encrypted));
  } catch (cause) {
    throw new CaError("CA_WRONG_PASSPHRASE", undefined, { cause });
  }
  try {
    const algorithm = options.algorithm ?? defaultImportAlgorithm(plain);
    if (algorithm === undefined) throw new CaError("CA_WRONG_PASSPHRASE");
    return await crypto.subtle.importKey("pkcs8", plain, algorithm, options.extractable ?? true, ["sign"]);
  } catch (cause) {
    if (cause instanceof CaError && cause.code === "CA_UNSUPPORTED_ALGORITHM") throw cause;
    // CBC padding can survive a wrong passphrase by chance (1 in 256): the plaintext then is not a key.
    throw new CaError("CA_WRONG_PASSPHRASE", undefined, { cause });
  } finally {
    plain.fill(0);
  }
}

function pemBlock(text: string): Uint8Array {
  const block = fromPemAll(text).find((b) => b.label === "ENCRYPTED PRIVATE KEY");
  if (block === undefined) throw new CaError("CA_MALFORMED_KEY", "no ENCRYPTED PRIVATE KEY block");
  return block.der;
}

/**
 * Picks an import algorithm from the PKCS#8 AlgorithmIdentifier (RFC 5958 §2); `undefined`
 * when the bytes are not a PrivateKeyInfo at all (a wrong passphrase that passed padding).
 */
function defaultImportAlgorithm(pkcs8: Uint8Array): RsaHashedImportParams | EcKeyImportParams | undefined {
  const parsed = asn1js.fromBER(toBytes(pkcs8));
  if (parsed.offset !== pkcs8.byteLength || !(parsed.result instanceof asn1js.Sequence)) return undefined;
  const seq = parsed.result;
  const algId = seq.valueBlock?.value?.[1] as asn1js.Sequence | undefined;
  const oid = (algId?.valueBlock.value[0] as asn1js.ObjectIdentifier | undefined)?.valueBlock.toString();
  if (oid === OID.rsaEncryption) return { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  if (oid === OID.rsassaPss) return { name: "RSA-PSS", hash: "SHA-256" };
  if (oid === OID.ecPublicKey) {
    const curve = (algId?.valueBlock.value[1] as asn1js.ObjectIdentifier | undefined)?.valueBlock.toString();
    if (curve === OID.secp256r1) return { name: "ECDSA", namedCurve: "P-256" };
    if (curve === OID.secp384r1) return { name: "ECDSA", namedCurve: "P-384" };
  }
  if (oid === undefined) return undefined;
  throw new CaError("CA_UNSUPPORTED_ALGORITHM", oid);
}
