import { bufferSource } from "../cms/buffer-source";
import type * as asn1js from "asn1js";
import { CertBag, CryptoEngine, PFX, PKCS8ShroudedKeyBag, PrivateKeyInfo, type SafeContents } from "pkijs";
import { issuerSerialOf } from "../cms/issuer-serial";
import { parseCertificate } from "../cms/certificate";
import { PadesSignError } from "./errors";
import { type ImportKeyOptions, importPrivateKey } from "./import-private-key";
import type { LocalKeySigner } from "./ports";

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

async function collectBags(pfx: PFX, password: ArrayBuffer, engine: CryptoEngine): Promise<Bags> {
  const keys: Uint8Array[] = [];
  const certs: Uint8Array[] = [];
  await pfx.parseInternalValues({ password, checkIntegrity: true }, engine);
  const safeContents = pfx.parsedValue?.authenticatedSafe;
  if (!safeContents) throw new Error("no authenticated safe");
  const params = safeContents.safeContents.map(() => ({ password }));
  await safeContents.parseInternalValues({ safeContents: params }, engine);
  for (const sc of safeContents.parsedValue.safeContents as { value: SafeContents }[]) {
    for (const bag of sc.value.safeBags) {
      if (bag.bagValue instanceof PKCS8ShroudedKeyBag) {
        // Declared protected in PKI.js's typings, but it is the documented way to decrypt the bag.
        const shrouded = bag.bagValue as unknown as {
          parseInternalValues(p: { password: ArrayBuffer }, e: CryptoEngine): Promise<void>;
        };
        await shrouded.parseInternalValues({ password }, engine);
        const info = bag.bagValue.parsedValue as PrivateKeyInfo;
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
 * Opens a PKCS#12 file (RFC 7292, PBES2 encryption as OpenSSL 3 writes it; legacy 3DES/RC2 PBE is
 * reported as unsupported since Web Crypto lacks those ciphers) and returns a local signer: the private
 * key, the certificate whose public key matches it, and the remaining certificates as the chain.
 * The password never appears in errors.
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
    bags = await collectBags(pfx, new TextEncoder().encode(password).buffer as ArrayBuffer, engine);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : "";
    const legacy =
      /Unknown "?(contentEncryptionAlgorithm|encryptionAlgorithm)"?|1\.2\.840\.113549\.1\.12\.1\./.test(
        message,
      );
    throw new PadesSignError(
      "PADES_SIGN_PKCS12_INVALID",
      legacy
        ? "enkripsi lama (3DES/RC2) tidak didukung Web Crypto; ekspor ulang dengan AES / legacy 3DES/RC2 encryption is not available in Web Crypto; re-export with AES (openssl pkcs12 -export -keypbe AES-256-CBC -certpbe AES-256-CBC)"
        : "wrong password or unsupported file",
      { cause: cause instanceof Error ? new Error(message) : undefined },
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
