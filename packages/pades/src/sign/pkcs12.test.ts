import { describe, expect, it } from "vitest";
import { certificatesFromPem } from "../cms/certificate";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  fixture,
  fixturePath,
  tempDir,
  tool,
  validateExternally,
  writeTemp,
} from "../../test/fixtures/sign/tools";
import { signPdf } from "./sign-pdf";
import { signerFromPkcs12 } from "./pkcs12";

const pem = (name: string) => certificatesFromPem(new TextDecoder().decode(fixture(name)))[0]!;

describe("signerFromPkcs12 (RFC 7292)", () => {
  it("opens the corpus PBES2 file: the signer certificate matches the key, the CA is the chain", async () => {
    const signer = await signerFromPkcs12(fixture("signer.p12"), "test1234");
    expect(signer.certificate).toEqual(pem("signer.pem"));
    expect(signer.chain).toEqual([pem("ca.pem")]);
    expect(signer.privateKey.algorithm.name).toBe("RSASSA-PKCS1-v1_5");
    expect(signer.privateKey.extractable).toBe(false);
  });

  it("refuses a wrong password with PADES_SIGN_PKCS12_INVALID and never echoes the password", async () => {
    const err = await signerFromPkcs12(fixture("signer.p12"), "wrong-Secret-99").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "PADES_SIGN_PKCS12_INVALID" });
    expect(String((err as Error).message)).not.toContain("wrong-Secret-99");
    expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).not.toContain("wrong-Secret-99");
  });
});

describe("signerFromPkcs12 variants", () => {
  it("opens a file whose certificate bag is not encrypted", async () => {
    const signer = await signerFromPkcs12(fixture("signer-plain-certs.p12"), "test1234");
    expect(signer.certificate).toEqual(pem("signer.pem"));
  });

  it("opens the corpus legacy file (PBE-SHA1-3DES key bag, as node-forge and Windows write)", async () => {
    const signer = await signerFromPkcs12(fixture("signer-legacy-3des.p12"), "test1234");
    expect(signer.certificate).toEqual(pem("signer.pem"));
    expect(signer.chain).toEqual([pem("ca.pem")]);
  });
});

/** `openssl pkcs12 -export` of the corpus key, certificate and CA with extra options. */
function exportP12(password: string, options: readonly string[]): Uint8Array {
  const out = join(tempDir(), `legacy-${options.join("_").replace(/[^a-z0-9_-]/gi, "")}.p12`);
  const r = tool("openssl", [
    "pkcs12",
    "-export",
    "-inkey",
    fixturePath("signer.key"),
    "-in",
    fixturePath("signer.pem"),
    "-certfile",
    fixturePath("ca.pem"),
    "-passout",
    `pass:${password}`,
    "-out",
    out,
    ...options,
  ]);
  if (r.code !== 0) throw new Error(r.out);
  return new Uint8Array(readFileSync(out));
}

/** The PBE algorithm names `openssl pkcs12 -info` prints for a file. */
function pbeNames(p12: Uint8Array, password: string): string {
  const path = writeTemp("info.p12", p12);
  return tool("openssl", ["pkcs12", "-info", "-noout", "-in", path, "-passin", `pass:${password}`, "-legacy"])
    .out;
}

describe("signerFromPkcs12 on legacy files made by `openssl pkcs12 -export -legacy` (RFC 7292 Appendix C)", () => {
  it("the OpenSSL legacy provider is available (RC2 needs it)", () => {
    expect(tool("openssl", ["list", "-providers", "-provider", "legacy"]).out).toMatch(/legacy/i);
  });

  it("opens -legacy (3DES key bag, 40-bit RC2 certificates) and signs a PDF that pdfsig accepts", async () => {
    const p12 = exportP12("Rahasia-99", ["-legacy"]);
    const info = pbeNames(p12, "Rahasia-99");
    expect(info).toMatch(/pbeWithSHA1And40BitRC2-CBC/);
    expect(info).toMatch(/pbeWithSHA1And3-KeyTripleDES-CBC/);
    const signer = await signerFromPkcs12(p12, "Rahasia-99");
    expect(signer.certificate).toEqual(pem("signer.pem"));
    expect(signer.chain).toEqual([pem("ca.pem")]);
    const signed = await signPdf(fixture("gs-letter.pdf"), { signer });
    expect(validateExternally(signed).pdfsigValid).toBe(1);
  });

  it("opens 2-key 3DES keys with 128-bit RC2 certificates, and RC4-128 certificates", async () => {
    for (const options of [
      ["-legacy", "-keypbe", "PBE-SHA1-2DES", "-certpbe", "PBE-SHA1-RC2-128"],
      ["-legacy", "-keypbe", "PBE-SHA1-3DES", "-certpbe", "PBE-SHA1-RC4-128"],
    ]) {
      const signer = await signerFromPkcs12(exportP12("test1234", options), "test1234");
      expect(signer.certificate, options.join(" ")).toEqual(pem("signer.pem"));
    }
  });

  it("a non-ASCII password (BMPString of UTF-16, RFC 7292 B.1) opens legacy and AES files", async () => {
    for (const options of [["-legacy"], []]) {
      const signer = await signerFromPkcs12(exportP12("Rahasia-é", options), "Rahasia-é");
      expect(signer.certificate, options.join(" ")).toEqual(pem("signer.pem"));
    }
  });

  it("a wrong password on a legacy file is PADES_SIGN_PKCS12_INVALID and never echoed", async () => {
    const p12 = exportP12("Rahasia-99", ["-legacy"]);
    const err = await signerFromPkcs12(p12, "Salah-Sandi-77").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "PADES_SIGN_PKCS12_INVALID" });
    expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).not.toContain("Salah-Sandi-77");
  });

  it("a scheme still unsupported (PBES1 MD5-DES) is refused with a typed error naming the scheme", async () => {
    const p12 = exportP12("test1234", ["-legacy", "-keypbe", "PBE-MD5-DES", "-certpbe", "PBE-SHA1-3DES"]);
    const err = await signerFromPkcs12(p12, "test1234").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "PADES_SIGN_PKCS12_INVALID" });
    expect((err as Error).message).toMatch(/unsupported/);
  });
});
