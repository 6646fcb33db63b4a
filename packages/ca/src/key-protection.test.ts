import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { openssl, put, tempDir } from "../test/openssl";
import { CaError } from "./errors";
import { exportEncryptedPrivateKey, importEncryptedPrivateKey } from "./encrypted-private-key";
import { generateKeyPair, type KeyAlgorithmName } from "./key-algorithm";
import { toPem } from "./pem";
import { exportPkcs12 } from "./pkcs12";
import { createTestPki, type TestPki } from "./test-pki";

const PASS = "kata sandi yang panjang 🇮🇩";
let pki: TestPki;
let dir: string;

beforeAll(async () => {
  pki = await createTestPki();
  dir = tempDir();
});

async function signsAlike(a: CryptoKey, b: CryptoKey, verifyWith: CryptoKey) {
  const data = new TextEncoder().encode("uji");
  const alg =
    a.algorithm.name === "ECDSA"
      ? { name: "ECDSA", hash: "SHA-256" }
      : a.algorithm.name === "RSA-PSS"
        ? { name: "RSA-PSS", saltLength: 32 }
        : a.algorithm;
  const sig = await crypto.subtle.sign(alg, b, data);
  return crypto.subtle.verify(alg, verifyWith, sig, data);
}

describe("encrypted PKCS#8", () => {
  it("exports PBES2/PBKDF2-SHA256/AES-256-CBC that openssl decrypts to the same key", async () => {
    const der = await exportEncryptedPrivateKey(pki.signer.privateKey, PASS, { iterations: 2000 });
    const path = put(dir, "enc.der", der);
    const info = openssl(["asn1parse", "-inform", "DER", "-in", path]).out;
    expect(info).toContain("PBES2");
    expect(info).toContain("PBKDF2");
    expect(info).toContain("hmacWithSHA256");
    expect(info).toContain("aes-256-cbc");
    expect(info).toMatch(/INTEGER\s+:07D0/); // 2000 iterations
    const plain = openssl([
      "pkcs8",
      "-inform",
      "DER",
      "-in",
      path,
      "-passin",
      `pass:${PASS}`,
      "-outform",
      "DER",
      "-out",
      `${dir}/plain.der`,
    ]);
    expect(plain.status, plain.out).toBe(0);
    const ours = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pki.signer.privateKey));
    const theirs = openssl(["pkey", "-inform", "DER", "-in", `${dir}/plain.der`, "-noout", "-text"]).out;
    const fromOurs = openssl([
      "pkey",
      "-inform",
      "DER",
      "-in",
      put(dir, "ours.der", ours),
      "-noout",
      "-text",
    ]).out;
    expect(theirs).toBe(fromOurs);
    expect(openssl(["pkcs8", "-inform", "DER", "-in", path, "-passin", "pass:salah"]).status).not.toBe(0);
  });

  it("uses at least 100 000 iterations by default", async () => {
    const der = await exportEncryptedPrivateKey(pki.signer.privateKey, PASS);
    const info = openssl(["asn1parse", "-inform", "DER", "-in", put(dir, "default.der", der)]).out;
    const iterations = Number.parseInt(
      /OCTET STRING\s+\[HEX DUMP\]:[0-9A-F]+\n.*INTEGER\s+:([0-9A-F]+)/.exec(info)?.[1] ?? "0",
      16,
    );
    expect(iterations).toBeGreaterThanOrEqual(100_000);
  });

  const algs: KeyAlgorithmName[] = ["rsa-2048", "ecdsa-p256", "ecdsa-p384"];
  it.each(algs)("round-trips a %s key and refuses a wrong passphrase with a typed error", async (alg) => {
    const keys = await generateKeyPair(alg);
    const der = await exportEncryptedPrivateKey(keys.privateKey, PASS, { iterations: 1000 });
    const back = await importEncryptedPrivateKey(toPem(der, "ENCRYPTED PRIVATE KEY"), PASS);
    expect(await signsAlike(keys.privateKey, back, keys.publicKey)).toBe(true);
    for (const wrong of ["Zq9#xyz", "", PASS.slice(0, -2)]) {
      const err = await importEncryptedPrivateKey(der, wrong).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CaError);
      expect((err as CaError).code).toBe("CA_WRONG_PASSPHRASE");
      expect((err as CaError).message).not.toContain(wrong || "\u0000");
    }
  });

  it("imports a key openssl encrypted (PBES2, AES-128-CBC, hmacWithSHA512)", async () => {
    const keyPath = `${dir}/ossl.pem`;
    expect(
      openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", keyPath]).status,
    ).toBe(0);
    const enc = openssl([
      "pkcs8",
      "-topk8",
      "-in",
      keyPath,
      "-v2",
      "aes-128-cbc",
      "-v2prf",
      "hmacWithSHA512",
      "-iter",
      "5000",
      "-passout",
      "pass:rahasia",
    ]);
    const key = await importEncryptedPrivateKey(enc.out, "rahasia");
    expect(key.algorithm).toMatchObject({ name: "ECDSA", namedCurve: "P-256" });
    const pub = openssl(["pkey", "-in", keyPath, "-pubout", "-outform", "DER", "-out", `${dir}/pub.der`]);
    expect(pub.status).toBe(0);
    const publicKey = await crypto.subtle.importKey(
      "spki",
      readFileSync(`${dir}/pub.der`),
      { name: "ECDSA", namedCurve: "P-256" },
      true,
      ["verify"],
    );
    expect(await signsAlike(key, key, publicKey)).toBe(true);
  });

  it("refuses malformed input, unsupported schemes and non-extractable keys with typed errors", async () => {
    await expect(importEncryptedPrivateKey(new Uint8Array([0x30, 0x00]), PASS)).rejects.toMatchObject({
      code: "CA_MALFORMED_KEY",
    });
    await expect(
      importEncryptedPrivateKey("-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----\n", PASS),
    ).rejects.toMatchObject({ code: "CA_MALFORMED_KEY" });
    const keyPath = `${dir}/legacy-src.pem`;
    openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", keyPath]);
    const pbes1 = openssl(["pkcs8", "-topk8", "-in", keyPath, "-v1", "PBE-SHA1-3DES", "-passout", "pass:x"]);
    await expect(importEncryptedPrivateKey(pbes1.out, "x")).rejects.toMatchObject({
      code: "CA_UNSUPPORTED_ALGORITHM",
    });
    const fixed = await generateKeyPair("ecdsa-p256", { extractable: false });
    await expect(exportEncryptedPrivateKey(fixed.privateKey, PASS)).rejects.toMatchObject({
      code: "CA_KEY_NOT_EXTRACTABLE",
    });
    await expect(
      exportEncryptedPrivateKey(pki.signer.privateKey, PASS, { iterations: 10 }),
    ).rejects.toMatchObject({ code: "CA_INVALID_INPUT" });
  });
});

describe("exportPkcs12", () => {
  it("writes a PKCS#12 that openssl pkcs12 reads with the password (MAC verified, key and chain inside)", async () => {
    const p12 = await exportPkcs12(pki.signer.privateKey, pki.signer.certificate, PASS, {
      chain: pki.signer.chain,
      friendlyName: "Budi Santoso",
      iterations: 2000,
    });
    const path = put(dir, "signer.p12", p12);
    const info = openssl(["pkcs12", "-info", "-in", path, "-passin", `pass:${PASS}`, "-nodes"]);
    expect(info.status, info.out).toBe(0);
    expect(info.out).toContain("MAC: sha256");
    expect(info.out).toContain("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC");
    expect(info.out).toContain("friendlyName: Budi Santoso");
    expect(info.out.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(3);
    expect(info.out).toContain("-----BEGIN PRIVATE KEY-----");
    // the key inside matches the certificate
    const keyPem = info.out.slice(info.out.indexOf("-----BEGIN PRIVATE KEY-----"));
    const keyMod = openssl(["rsa", "-noout", "-modulus"], keyPem).out;
    const certMod = openssl(["x509", "-noout", "-modulus"], pki.pem.signer).out;
    expect(keyMod.trim()).toBe(certMod.trim());
    const wrong = openssl(["pkcs12", "-info", "-in", path, "-passin", "pass:salah", "-nodes"]);
    expect(wrong.status).not.toBe(0);
    expect(wrong.out).toMatch(/mac verify (error|failure)/i);
  });
});
