import { describe, expect, it } from "vitest";
import { certificatesFromPem } from "../cms/certificate";
import { fixture } from "../../test/fixtures/sign/tools";
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

  it("names legacy 3DES encryption (not available in Web Crypto) instead of blaming the password", async () => {
    const err = await signerFromPkcs12(fixture("signer-legacy-3des.p12"), "test1234").catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: "PADES_SIGN_PKCS12_INVALID" });
    expect((err as Error).message).toContain("3DES");
  });
});
