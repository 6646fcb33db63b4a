import { bufferSource } from "../cms/buffer-source";
import * as asn1js from "asn1js";
import {
  type AlgorithmIdentifier,
  CertBag,
  CryptoEngine,
  EncryptedData,
  PFX,
  PKCS8ShroudedKeyBag,
  PrivateKeyInfo,
  SafeContents,
} from "pkijs";
import { issuerSerialOf } from "../cms/issuer-serial";
import { parseCertificate } from "../cms/certificate";
import { PadesSignError } from "./errors";
import { type ImportKeyOptions, importPrivateKey } from "./import-private-key";
import type { LocalKeySigner } from "./ports";
import { PKCS12_PBE, isPkcs12Pbe, pkcs12PbeDecrypt } from "./legacy-pbe/pkcs12-pbe";
import { concatBytes } from "../bytes";

const DATA = "1.2.840.113549.1.7.1";
const ENCRYPTED_DATA = "1.2.840.113549.1.7.6";

/** A file this reader cannot open for a reason other than the password; its message names the reason. */
class Unsupported extends Error {}

/** A wrong password detected by the legacy decryption (bad padding or undecodable result). */
class WrongPassword extends Error {}

/**
 * Decrypts with a PKCS#12 v1 PBE scheme (RFC 7292 Appendix C: 3DES or RC2 CBC, RC4) when
 * `algorithm` names one; undefined when it is another scheme (PBES2 goes to PKI.js / Web Crypto).
 */
function legacyDecrypt(
  algorithm: AlgorithmIdentifier,
  data: Uint8Array,
  password: string,
): Uint8Array | undefined {
  const oid = algorithm.algorithmId;
  if (!isPkcs12Pbe(oid)) return undefined;
  const params = algorithm.algorithmParams;
  const items = params instanceof asn1js.Sequence ? params.valueBlock.value : [];
  const [salt, iterations] = items;
  if (!(salt instanceof asn1js.OctetString) || !(iterations instanceof asn1js.Integer)) {
    throw new Unsupported(`${PKCS12_PBE[oid].name}: malformed parameters`);
  }
  const count = iterations.valueBlock.valueDec;
  // OpenSSL writes 2048; the bound keeps a hostile file from stalling the synchronous derivation.
  if (!(count >= 1 && count <= 10_000_000)) throw new Unsupported(`${PKCS12_PBE[oid].name}: iteration count`);
  const plain = pkcs12PbeDecrypt(oid, password, new Uint8Array(salt.valueBlock.valueHexView), count, data);
  if (!plain) throw new WrongPassword();
  return plain;
}

/** The octets of a possibly constructed OCTET STRING (BER allows chunks). */
function octets(value: asn1js.OctetString): Uint8Array {
  if (!value.valueBlock.isConstructed) return new Uint8Array(value.valueBlock.valueHexView);
  return concatBytes((value.valueBlock.value as asn1js.OctetString[]).map(octets));
}

function parseDecrypted<T>(bytes: Uint8Array, parse: (b: ReturnType<typeof bufferSource>) => T): T {
  try {
    return parse(bufferSource(bytes));
  } catch {
    // Padding can be right by chance with a wrong key; the ASN.1 then does not decode.
    throw new WrongPassword();
  }
}

const bytesEqual = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

function spkiOf(cert: Uint8Array): Uint8Array {
  return new Uint8Array(parseCertificate(cert).subjectPublicKeyInfo.toSchema().toBER());
}

function subjectOf(cert: Uint8Array): Uint8Array {
  return new Uint8Array(parseCertificate(cert).subject.toSchema().toBER());
}

/** Orders CA certificates from the signer's issuer upwards, leaving unrelated ones at the end. */
function orderChain(signer: Uint8Array, others: readonly Uint8Array[]): Uint8Array[] {
  const rest = [...others];
  const out: Uint8Array[] = [];
  for (let current = signer; rest.length > 0; ) {
    const issuer = issuerSerialOf(current).issuer;
    const next = rest.findIndex((c) => bytesEqual(subjectOf(c), issuer));
    if (next < 0) break;
    const [found] = rest.splice(next, 1);
    if (!found) break;
    out.push(found);
    current = found;
  }
  return [...out, ...rest];
}

interface Bags {
  readonly keys: Uint8Array[];
  readonly certs: Uint8Array[];
}

async function collectBags(pfx: PFX, password: string, engine: CryptoEngine): Promise<Bags> {
  const keys: Uint8Array[] = [];
  const certs: Uint8Array[] = [];
  const pass = new TextEncoder().encode(password).buffer as ArrayBuffer;
  await pfx.parseInternalValues({ password: pass, checkIntegrity: true }, engine);
  const authenticatedSafe = pfx.parsedValue?.authenticatedSafe;
  if (!authenticatedSafe) throw new Error("no authenticated safe");
  for (const content of authenticatedSafe.safeContents) {
    let safe: SafeContents;
    if (content.contentType === DATA) {
      safe = SafeContents.fromBER((content.content as asn1js.OctetString).getValue());
    } else if (content.contentType === ENCRYPTED_DATA) {
      const encrypted = new EncryptedData({ schema: content.content });
      const info = encrypted.encryptedContentInfo;
      const data = info.encryptedContent ? octets(info.encryptedContent) : new Uint8Array();
      const legacy = legacyDecrypt(info.contentEncryptionAlgorithm, data, password);
      const plain = legacy ?? new Uint8Array(await encrypted.decrypt({ password: pass }, engine));
      safe = parseDecrypted(plain, (b) => SafeContents.fromBER(b));
    } else {
      throw new Unsupported(`content type ${content.contentType} (public-key privacy mode)`);
    }
    for (const bag of safe.safeBags) {
      if (bag.bagValue instanceof PKCS8ShroudedKeyBag) {
        const shrouded = bag.bagValue;
        const legacy = legacyDecrypt(shrouded.encryptionAlgorithm, octets(shrouded.encryptedData), password);
        if (legacy) {
          const info = parseDecrypted(legacy, (b) => PrivateKeyInfo.fromBER(b));
          keys.push(new Uint8Array(info.toSchema().toBER()));
          continue;
        }
        // Declared protected in PKI.js's typings, but it is the documented way to decrypt the bag.
        const pkijsBag = shrouded as unknown as {
          parseInternalValues(p: { password: ArrayBuffer }, e: CryptoEngine): Promise<void>;
        };
        await pkijsBag.parseInternalValues({ password: pass }, engine);
        const info = shrouded.parsedValue as PrivateKeyInfo;
        keys.push(new Uint8Array(info.toSchema().toBER()));
      } else if (bag.bagValue instanceof PrivateKeyInfo) {
        keys.push(new Uint8Array(bag.bagValue.toSchema().toBER()));
      } else if (bag.bagValue instanceof CertBag) {
        const value = bag.bagValue.parsedValue ?? bag.bagValue.certValue;
        certs.push(new Uint8Array((value as { toSchema(): asn1js.Sequence }).toSchema().toBER()));
      }
    }
  }
  return { keys, certs };
}

/**
 * Opens a PKCS#12 file (RFC 7292) and returns a local signer: the private key, the certificate
 * whose public key matches it, and the remaining certificates as the chain. Reads PBES2 (AES, as
 * OpenSSL 3 writes it, through Web Crypto) and the legacy PKCS#12 v1 schemes Windows and older
 * OpenSSL write (`-legacy`: pbeWithSHAAnd3-KeyTripleDES-CBC keys, pbeWithSHAAnd40BitRC2-CBC
 * certificates; also 2-key 3DES, 128-bit RC2 and RC4) in pure TypeScript, since Web Crypto has no
 * 3DES, RC2 nor RC4. Other schemes (e.g. PBES1 DES/MD5, public-key privacy mode) are refused with
 * PADES_SIGN_PKCS12_INVALID naming the scheme. The password never appears in errors.
 */
export async function signerFromPkcs12(
  p12: Uint8Array,
  password: string,
  options: ImportKeyOptions = {},
): Promise<LocalKeySigner> {
  const crypto = options.crypto ?? globalThis.crypto;
  const engine = new CryptoEngine({ name: "teken", crypto });
  let bags: Bags;
  try {
    const pfx = PFX.fromBER(bufferSource(p12));
    bags = await collectBags(pfx, password, engine);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : "";
    const unknownScheme = /Unknown "?(contentEncryptionAlgorithm|encryptionAlgorithm)"?/.test(message);
    throw new PadesSignError(
      "PADES_SIGN_PKCS12_INVALID",
      cause instanceof Unsupported
        ? `skema tidak didukung / unsupported scheme: ${message}; re-export with AES (openssl pkcs12 -export -keypbe AES-256-CBC -certpbe AES-256-CBC)`
        : unknownScheme
          ? "skema enkripsi tidak didukung / unsupported encryption scheme; re-export with AES (openssl pkcs12 -export -keypbe AES-256-CBC -certpbe AES-256-CBC)"
          : "wrong password or unsupported file",
      { cause: cause instanceof Error && !(cause instanceof WrongPassword) ? new Error(message) : undefined },
    );
  }
  const keyDer = bags.keys[0];
  if (!keyDer) throw new PadesSignError("PADES_SIGN_PKCS12_INVALID", "no private key");
  const privateKey = await importPrivateKey(keyDer, options);
  const keySpki = await publicSpkiOf(keyDer, crypto);
  const certificate = bags.certs.find((c) => keySpki === undefined || bytesEqual(spkiOf(c), keySpki));
  if (!certificate) throw new PadesSignError("PADES_SIGN_PKCS12_INVALID", "no certificate for the key");
  const chain = orderChain(
    certificate,
    bags.certs.filter((c) => c !== certificate),
  );
  return { kind: "local", privateKey, certificate, chain };
}

/** Derives the SPKI of a PKCS#8 key by round-tripping it through an extractable import (RSA only). */
async function publicSpkiOf(pkcs8: Uint8Array, crypto: Crypto): Promise<Uint8Array | undefined> {
  const info = PrivateKeyInfo.fromBER(bufferSource(pkcs8));
  if (info.privateKeyAlgorithm.algorithmId !== "1.2.840.113549.1.1.1") return undefined;
  const key = await crypto.subtle.importKey(
    "pkcs8",
    bufferSource(pkcs8),
    { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    true,
    ["sign"],
  );
  const jwk = await crypto.subtle.exportKey("jwk", key);
  const pub = await crypto.subtle.importKey(
    "jwk",
    { kty: "RSA", n: jwk.n, e: jwk.e },
    { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    true,
    ["verify"],
  );
  return new Uint8Array(await crypto.subtle.exportKey("spki", pub));
}
