import { describe, expect, it } from "vitest";
import { bufferSource } from "./buffer-source";
import { corpusSigner, opensslVerify, selfSigned } from "../../test/fixtures/sign/tools";
import { createCms } from "../sign/create-cms";
import { PadesSignError } from "../sign/errors";
import { importPrivateKey } from "../sign/import-private-key";
import { addUnsignedAttribute } from "./add-unsigned-attribute";
import type { DigestAlgorithm } from "./algorithms";
import { certificatesFromPem, pemBlock } from "./certificate";
import { OID } from "./oids";
import { parseSignedData } from "./parse-signed-data";
import { findSignerCertificate, verifySignerInfoSignature } from "./verify-signer-info";

const content = new TextEncoder().encode("%PDF-1.7 byte ranges stand-in\n");
const digestOf = async (d: DigestAlgorithm) => new Uint8Array(await crypto.subtle.digest(d, content));
const when = new Date("2026-11-25T10:00:00Z");

describe("createCms (PAdES B-B, RFC 5652)", () => {
  it("signs with the corpus RSA key; openssl verifies it against the root; attributes per EN 319 142-1", async () => {
    const signer = await corpusSigner();
    const cms = await createCms(signer, {
      documentDigest: await digestOf("SHA-256"),
      digest: "SHA-256",
      subFilter: "ETSI.CAdES.detached",
      signingTime: when,
    });
    const v = opensslVerify(cms, content);
    expect(v.out).toContain("Verification successful");
    const parsed = parseSignedData(cms);
    expect(parsed.eContent).toBeUndefined();
    expect(parsed.certificates).toHaveLength(2);
    const si = parsed.signerInfos[0]!;
    expect(si.signedAttributes.map((a) => a.oid).sort()).toEqual(
      [OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort(),
    );
    expect(si.signingTime).toBeUndefined();
    expect(si.messageDigest).toEqual(await digestOf("SHA-256"));
    expect(si.contentType).toBe(OID.data);
    const cert = findSignerCertificate(parsed, si)!;
    expect(cert).toEqual(signer.certificate);
    expect(await verifySignerInfoSignature(si, cert)).toBe(true);
  });

  it("adds signing-time only in adbe.pkcs7.detached mode", async () => {
    const cms = await createCms(await corpusSigner(), {
      documentDigest: await digestOf("SHA-256"),
      digest: "SHA-256",
      subFilter: "adbe.pkcs7.detached",
      signingTime: when,
    });
    expect(parseSignedData(cms).signerInfos[0]!.signingTime?.toISOString()).toBe(when.toISOString());
    expect(opensslVerify(cms, content).out).toContain("Verification successful");
  });

  const cases: readonly {
    name: string;
    keyArgs: string[];
    digest: DigestAlgorithm;
    rsaScheme?: "RSA-PSS";
  }[] = [
    {
      name: "ECDSA P-256 SHA-256",
      keyArgs: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
      digest: "SHA-256",
    },
    {
      name: "ECDSA P-384 SHA-384",
      keyArgs: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"],
      digest: "SHA-384",
    },
    { name: "RSA-PSS SHA-256", keyArgs: ["-newkey", "rsa:2048"], digest: "SHA-256", rsaScheme: "RSA-PSS" },
    { name: "RSA PKCS#1 SHA-512", keyArgs: ["-newkey", "rsa:2048"], digest: "SHA-512" },
    { name: "RSA PKCS#1 SHA-384", keyArgs: ["-newkey", "rsa:2048"], digest: "SHA-384" },
  ];
  for (const c of cases) {
    it(`signs with ${c.name}; openssl and our verifier accept it`, async () => {
      const pki = selfSigned(c.keyArgs);
      const privateKey = await importPrivateKey(pemBlock(pki.keyPem, "PRIVATE KEY")!, {
        digest: c.digest,
        rsaScheme: c.rsaScheme,
      });
      const certificate = certificatesFromPem(pki.certPem)[0]!;
      const cms = await createCms(
        { kind: "local", privateKey, certificate },
        {
          documentDigest: await digestOf(c.digest),
          digest: c.digest,
          subFilter: "ETSI.CAdES.detached",
          signingTime: when,
        },
      );
      expect(opensslVerify(cms, content, pki.certPath).out).toContain("Verification successful");
      const parsed = parseSignedData(cms);
      expect(await verifySignerInfoSignature(parsed.signerInfos[0]!, certificate)).toBe(true);
    });
  }

  it("uses an external raw signer (sign-this-hash service) and a CMS provider", async () => {
    const local = await corpusSigner();
    let seenDigest: Uint8Array | undefined;
    const raw = await createCms(
      {
        kind: "raw",
        certificate: local.certificate,
        chain: local.chain,
        scheme: "RSASSA-PKCS1-v1_5",
        sign: async ({ signedAttributes, attributesDigest }) => {
          seenDigest = attributesDigest;
          return new Uint8Array(
            await crypto.subtle.sign("RSASSA-PKCS1-v1_5", local.privateKey, bufferSource(signedAttributes)),
          );
        },
      },
      {
        documentDigest: await digestOf("SHA-256"),
        digest: "SHA-256",
        subFilter: "ETSI.CAdES.detached",
        signingTime: when,
      },
    );
    expect(opensslVerify(raw, content).out).toContain("Verification successful");
    const attrs = parseSignedData(raw).signerInfos[0]!.signedAttributesDer!;
    expect(seenDigest).toEqual(new Uint8Array(await crypto.subtle.digest("SHA-256", bufferSource(attrs))));
    const provided = await createCms(
      { kind: "cms", signDigest: async () => raw },
      {
        documentDigest: await digestOf("SHA-256"),
        digest: "SHA-256",
        subFilter: "ETSI.CAdES.detached",
        signingTime: when,
      },
    );
    expect(provided).toEqual(raw);
  });

  it("wraps a failing external signer in PADES_SIGN_SIGNER_FAILED", async () => {
    const local = await corpusSigner();
    const p = createCms(
      {
        kind: "raw",
        certificate: local.certificate,
        scheme: "RSASSA-PKCS1-v1_5",
        sign: async () => {
          throw new Error("HSM down");
        },
      },
      {
        documentDigest: await digestOf("SHA-256"),
        digest: "SHA-256",
        subFilter: "ETSI.CAdES.detached",
        signingTime: when,
      },
    );
    await expect(p).rejects.toMatchObject({ code: "PADES_SIGN_SIGNER_FAILED" });
    await expect(p).rejects.toBeInstanceOf(PadesSignError);
  });

  it("refuses a digest the RSA key is not bound to", async () => {
    await expect(
      createCms(await corpusSigner(), {
        documentDigest: await digestOf("SHA-384"),
        digest: "SHA-384",
        subFilter: "ETSI.CAdES.detached",
        signingTime: when,
      }),
    ).rejects.toMatchObject({ code: "PADES_SIGN_INVALID_OPTIONS" });
  });

  it("adds an unsigned attribute without touching the signature (still verifies), and parsing ignores zero padding", async () => {
    const cms = await createCms(await corpusSigner(), {
      documentDigest: await digestOf("SHA-256"),
      digest: "SHA-256",
      subFilter: "ETSI.CAdES.detached",
      signingTime: when,
    });
    const token = new Uint8Array([0x04, 0x03, 1, 2, 3]);
    const extended = addUnsignedAttribute(cms, { oid: OID.signatureTimeStampToken, values: [token] });
    const padded = new Uint8Array(extended.length + 100);
    padded.set(extended);
    const si = parseSignedData(padded).signerInfos[0]!;
    expect(si.unsignedAttributes).toHaveLength(1);
    expect(si.unsignedAttributes[0]!.values[0]).toEqual(token);
    expect(opensslVerify(extended, content).out).toContain("Verification successful");
    expect(() => parseSignedData(new Uint8Array([0x30, 0x03, 1, 2]))).toThrow(PadesSignError);
  });
});
