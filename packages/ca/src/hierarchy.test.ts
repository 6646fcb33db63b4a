import { beforeAll, describe, expect, it } from "vitest";
import { openssl, put, tempDir } from "../test/openssl";
import { certificateSerial } from "./certificate-info";
import { type CaHierarchy, createHierarchy } from "./hierarchy";
import type { KeyAlgorithmName } from "./key-algorithm";
import { fromPem, toPem } from "./pem";
import { generateKeyPair } from "./key-algorithm";
import { issueSignerCertificate } from "./signer-certificate";
import { createTestPki } from "./test-pki";
import { MemoryCaStore } from "./memory-ca-store";
import { CaError } from "./errors";

const pem = (der: Uint8Array) => toPem(der, "CERTIFICATE");

function verifyChain(root: Uint8Array, issuing: Uint8Array, leaf: Uint8Array, purpose?: string) {
  const dir = tempDir();
  const args = [
    "verify",
    "-CAfile",
    put(dir, "root.pem", pem(root)),
    "-untrusted",
    put(dir, "ca.pem", pem(issuing)),
  ];
  if (purpose) args.push("-purpose", purpose);
  return openssl([...args, put(dir, "leaf.pem", pem(leaf))]);
}

function text(cert: Uint8Array): string {
  const dir = tempDir();
  return openssl(["x509", "-noout", "-text", "-nameopt", "RFC2253", "-in", put(dir, "c.pem", pem(cert))]).out;
}

let shared: CaHierarchy;
let sharedKeys: CryptoKeyPair;
const sharedStore = new MemoryCaStore();
beforeAll(async () => {
  shared = await createHierarchy({ baseUrl: "http://pki.test/ca", store: sharedStore });
  sharedKeys = await generateKeyPair("rsa-2048");
});

describe("createHierarchy + issueSignerCertificate", () => {
  const algorithms: KeyAlgorithmName[] = ["rsa-2048", "rsa-3072", "rsa-pss-2048", "ecdsa-p256", "ecdsa-p384"];
  it.each(algorithms)("openssl verifies a %s chain root -> issuing -> signer", async (alg) => {
    const { root, issuing } = await createHierarchy({ keyAlgorithm: alg, baseUrl: "http://pki.test/ca" });
    const keys = await generateKeyPair("ecdsa-p256"); // the CA keys are under test; a fast leaf key

    const { certificate } = await issueSignerCertificate(issuing, {
      publicKey: keys.publicKey,
      name: "Siti Aminah",
    });
    const r = verifyChain(root.certificate, issuing.certificate, certificate);
    expect(r.out).toContain("leaf.pem: OK");
    expect(r.status).toBe(0);
  });

  it("uses default development names and CA extensions", async () => {
    const { root, issuing } = shared;
    const rootText = text(root.certificate);
    expect(rootText).toContain(
      "Subject: CN=Teken Development Root CA,O=Teken Development (not a real CA),C=ID",
    );
    expect(rootText).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    expect(rootText).toMatch(/Key Usage: critical\s+Digital Signature, Certificate Sign, CRL Sign/);
    const issuingText = text(issuing.certificate);
    expect(issuingText).toContain(
      "Subject: CN=Teken Development Issuing CA,O=Teken Development (not a real CA),C=ID",
    );
    expect(issuingText).toMatch(/CA:TRUE, pathlen:0/);
  });

  it("honours names and validity options", async () => {
    const notBefore = new Date("2025-01-01T00:00:00Z");
    const { root } = await createHierarchy({
      rootName: { commonName: "Test Root", organization: "Lab" },
      rootValidity: { notBefore, years: 3 },
      keyAlgorithm: "ecdsa-p256",
    });
    const t = text(root.certificate);
    expect(t).toContain("Subject: CN=Test Root,O=Lab,C=ID");
    expect(t).toContain("Not Before: Jan  1 00:00:00 2025 GMT");
    expect(t).toContain("Not After : Jan  1 00:00:00 2028 GMT");
  });

  it("writes signer KU, EKU, AIA, CDP, policies, e-mail, 2-year validity and a 16-byte serial", async () => {
    const { issuing } = shared;
    const keys = sharedKeys;
    const now = new Date("2026-03-01T10:00:00Z");
    const issued = await issueSignerCertificate(issuing, {
      publicKey: keys.publicKey,
      name: "Budi Santoso",
      email: "budi@example.go.id",
      organization: "Pemkot Contoh",
      organizationalUnit: "Bagian Umum",
      policies: ["2.16.360.1.1.1.1"],
      now: () => now,
    });
    const t = text(issued.certificate);
    expect(t).toContain(
      "Subject: emailAddress=budi@example.go.id,CN=Budi Santoso,OU=Bagian Umum,O=Pemkot Contoh,C=ID",
    );
    expect(t).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(t).toMatch(
      /Extended Key Usage:\s+E-mail Protection, (1\.3\.6\.1\.5\.5\.7\.3\.36|Document Signing)/,
    );
    expect(t).toContain("OCSP - URI:http://pki.test/ca/ocsp");
    expect(t).toContain("CA Issuers - URI:http://pki.test/ca/certs/issuing.crt");
    expect(t).toContain("URI:http://pki.test/ca/crl/issuing.crl");
    expect(t).toContain("Policy: 2.16.360.1.1.1.1");
    expect(t).toContain("email:budi@example.go.id");
    expect(t).toContain("Not After : Mar  1 10:00:00 2028 GMT");
    expect(issued.serialNumber).toMatch(/^[4-7][0-9a-f]{31}$/);
    expect(t).not.toContain("serialNumber=");
  });

  it("puts the NIK in the subject serialNumber only when asked", async () => {
    const { issuing } = shared;
    const keys = sharedKeys;
    const base = { publicKey: keys.publicKey, name: "Ani", nik: "3171234567890001" } as const;
    const withNik = await issueSignerCertificate(issuing, { ...base, nikPlacement: "serialNumber" });
    expect(text(withNik.certificate)).toContain("serialNumber=3171234567890001");
    const without = await issueSignerCertificate(issuing, base);
    expect(text(without.certificate)).not.toContain("3171234567890001");
    await expect(
      issueSignerCertificate(issuing, {
        publicKey: keys.publicKey,
        name: "Ani",
        nik: "12",
        nikPlacement: "serialNumber",
      }),
    ).rejects.toMatchObject({ code: "CA_INVALID_INPUT" });
  });

  it("issues from an openssl-made CSR and rejects a broken one", async () => {
    const { root, issuing } = shared;
    const dir = tempDir();
    const keyPath = `${dir}/k.pem`;
    const csr = openssl([
      "req",
      "-new",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      keyPath,
      "-subj",
      "/CN=ignored",
    ]);
    expect(csr.status).toBe(0);
    const csrPem = csr.out.slice(csr.out.indexOf("-----BEGIN CERTIFICATE REQUEST-----"));
    const { certificate } = await issueSignerCertificate(issuing, { csr: csrPem, name: "Dewi" });
    expect(verifyChain(root.certificate, issuing.certificate, certificate).status).toBe(0);
    // the certificate carries the CSR's key: openssl compares moduli
    const certMod = openssl(["x509", "-noout", "-modulus", "-in", put(dir, "c.pem", pem(certificate))]).out;
    const keyMod = openssl(["rsa", "-noout", "-modulus", "-in", keyPath]).out;
    expect(certMod.trim()).toBe(keyMod.trim());
    const der = fromPem(csrPem, "CERTIFICATE REQUEST");
    const tampered = der.slice();
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 0xff; // last signature byte
    for (const csr of [tampered, new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])]) {
      const err = await issueSignerCertificate(issuing, { csr, name: "Dewi" }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CaError);
      expect((err as CaError).code).toBe("CA_INVALID_CSR");
    }
  });

  it("records issued certificates in the store", async () => {
    const store = sharedStore;
    const { issuing } = shared;
    expect(await store.findIssued("root", certificateSerial(issuing.certificate))).toBeDefined();
    const keys = sharedKeys;
    const issued = await issueSignerCertificate(issuing, { publicKey: keys.publicKey, name: "X", store });
    expect((await store.findIssued("issuing", issued.serialNumber))?.certificate).toEqual(issued.certificate);
  });
});

describe("createTestPki", () => {
  it("gives a signer, TSA and OCSP signer that openssl verifies for their purposes", async () => {
    const pki = await createTestPki();
    expect(verifyChain(pki.root.certificate, pki.issuing.certificate, pki.signer.certificate).status).toBe(0);
    const tsa = verifyChain(
      pki.root.certificate,
      pki.issuing.certificate,
      pki.tsa.certificate,
      "timestampsign",
    );
    expect(tsa.out).toContain("OK");
    expect(tsa.status).toBe(0);
    const tsaText = text(pki.tsa.certificate);
    expect(tsaText).toMatch(/Extended Key Usage: critical\s+Time Stamping/);
    const ocspText = text(pki.ocspSigner.certificate);
    expect(ocspText).toMatch(/Extended Key Usage:\s+OCSP Signing/);
    expect(ocspText).toContain("OCSP No Check");
    expect(pki.signer.chain).toEqual([pki.issuing.certificate, pki.root.certificate]);
    expect(pki.pem.chain).toBe(pem(pki.issuing.certificate) + pem(pki.root.certificate));
  });
});
