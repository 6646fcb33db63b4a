import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { openssl, opensslBytes, put, tempDir } from "../test/openssl";
import { issueCrl } from "./crl";
import { generateKeyPair } from "./key-algorithm";
import { buildOcspRequest } from "./ocsp-client";
import { ocspError, respondOcsp } from "./ocsp-responder";
import { toPem } from "./pem";
import { revokeCertificate } from "./revocation";
import { issueSignerCertificate } from "./signer-certificate";
import { createTestPki, type TestPki } from "./test-pki";

const pem = (der: Uint8Array) => toPem(der, "CERTIFICATE");
let pki: TestPki;
let dir: string;

beforeAll(async () => {
  pki = await createTestPki();
  dir = tempDir();
  put(dir, "root.pem", pki.pem.root);
  put(dir, "issuing.pem", pki.pem.issuing);
  put(dir, "signer.pem", pki.pem.signer);
});

async function newSigner(name: string) {
  const keys = await generateKeyPair("ecdsa-p256"); // the leaf key type does not matter here
  const issued = await issueSignerCertificate(pki.issuing, {
    publicKey: keys.publicKey,
    name,
    store: pki.store,
  });
  const path = put(dir, `${issued.serialNumber}.pem`, pem(issued.certificate));
  return { ...issued, path };
}

describe("revokeCertificate", () => {
  it("revokes once, keeps the first record and refuses serials the CA never issued", async () => {
    const s = await newSigner("Rev Once");
    const at = new Date("2026-05-01T08:00:00Z");
    const first = await revokeCertificate(pki.store, pki.issuing, {
      serialNumber: s.serialNumber,
      reason: "keyCompromise",
      revokedAt: at,
    });
    expect(first).toMatchObject({ status: "revoked", record: { reason: "keyCompromise", revokedAt: at } });
    const again = await revokeCertificate(pki.store, pki.issuing, {
      serialNumber: s.serialNumber.toUpperCase(),
      reason: "superseded",
    });
    expect(again).toMatchObject({ status: "alreadyRevoked", record: { reason: "keyCompromise" } });
    expect(await revokeCertificate(pki.store, pki.issuing, { serialNumber: "0badc0de" })).toEqual({
      status: "unknownCertificate",
    });
  });
});

describe("issueCrl", () => {
  it("issues a CRL that openssl verifies, lists revoked serials with reasons and numbers increase", async () => {
    const revoked = await newSigner("Rev CRL");
    const good = await newSigner("Good CRL");
    await revokeCertificate(pki.store, pki.issuing, {
      serialNumber: revoked.serialNumber,
      reason: "cessationOfOperation",
    });
    const now = new Date("2026-06-01T00:00:00Z");
    const first = await issueCrl(pki.issuing, { store: pki.store, now: () => now, validitySeconds: 3600 });
    const second = await issueCrl(pki.issuing, { store: pki.store });
    const crlPath = put(dir, "issuing.crl", first);
    const r = openssl([
      "crl",
      "-inform",
      "DER",
      "-in",
      crlPath,
      "-CAfile",
      `${dir}/issuing.pem`,
      "-noout",
      "-text",
    ]);
    expect(r.out).toContain("verify OK");
    expect(r.out).toContain("Last Update: Jun  1 00:00:00 2026 GMT");
    expect(r.out).toContain("Next Update: Jun  1 01:00:00 2026 GMT");
    expect(r.out).toMatch(/X509v3 CRL Number:\s+1\b/);
    expect(r.out).toContain("X509v3 Authority Key Identifier");
    expect(r.out.toLowerCase()).toContain(`serial number: ${revoked.serialNumber}`);
    expect(r.out).toContain("Cessation Of Operation");
    const r2 = openssl([
      "crl",
      "-inform",
      "DER",
      "-in",
      put(dir, "second.crl", second),
      "-noout",
      "-crlnumber",
    ]);
    expect(r2.out).toContain("crlNumber=0x02");
    // openssl's own path validation with CRL checking (-crl_check checks the leaf against a current CRL)
    const fresh = put(
      dir,
      "fresh.pem",
      opensslBytes([
        "crl",
        "-inform",
        "DER",
        "-in",
        put(dir, "f.crl", await issueCrl(pki.issuing, { store: pki.store })),
      ]),
    );
    const v = (cert: string) =>
      openssl([
        "verify",
        "-crl_check",
        "-CAfile",
        `${dir}/root.pem`,
        "-untrusted",
        `${dir}/issuing.pem`,
        "-CRLfile",
        fresh,
        cert,
      ]);
    expect(v(revoked.path).out).toContain("certificate revoked");
    expect(v(good.path).status).toBe(0);
  });
});

describe("issueCrl entries", () => {
  it("writes no reason extension (and no empty extension list) for unspecified, and keeps high-bit serials positive", async () => {
    const s = await newSigner("Unspecified");
    await revokeCertificate(pki.store, pki.issuing, { serialNumber: s.serialNumber });
    await pki.store.recordIssued({
      caId: pki.issuing.id,
      serialNumber: "ff01",
      certificate: s.certificate,
      issuedAt: new Date(),
    });
    await revokeCertificate(pki.store, pki.issuing, { serialNumber: "ff01", reason: "superseded" });
    const path = put(dir, "unspec.crl", await issueCrl(pki.issuing, { store: pki.store }));
    const parsed = openssl(["asn1parse", "-inform", "DER", "-in", path]).out;
    expect(parsed).not.toMatch(/l=\s*0 cons: SEQUENCE/);
    expect(parsed).toContain("INTEGER           :FF01");
    const text = openssl([
      "crl",
      "-inform",
      "DER",
      "-in",
      path,
      "-CAfile",
      `${dir}/issuing.pem`,
      "-noout",
      "-text",
    ]).out;
    expect(text).toContain("verify OK");
    expect(text).toContain("Serial Number: FF01");
    const entry = text.slice(text.toLowerCase().indexOf(`serial number: ${s.serialNumber}`));
    expect(entry.split("Serial Number:")[1] ?? entry).not.toContain("CRL Reason Code");
  });
});

describe("respondOcsp", () => {
  function request(certPath: string, nonce = true): Uint8Array {
    const reqPath = `${dir}/req-${Math.random().toString(16).slice(2)}.der`;
    const args = ["ocsp", "-issuer", `${dir}/issuing.pem`, "-cert", certPath, "-reqout", reqPath];
    if (!nonce) args.push("-no_nonce");
    expect(openssl(args).status).toBe(0);
    return new Uint8Array(readFileSync(reqPath));
  }
  /** openssl verifies the response for `certPath` (the nonce is compared separately: -cert builds its own request). */
  function check(resp: Uint8Array, certPath: string) {
    const respPath = put(dir, `resp-${Math.random().toString(16).slice(2)}.der`, resp);
    return openssl([
      "ocsp",
      "-respin",
      respPath,
      "-issuer",
      `${dir}/issuing.pem`,
      "-cert",
      certPath,
      "-CAfile",
      `${dir}/root.pem`,
      "-verify_other",
      `${dir}/issuing.pem`,
      "-resp_text",
      "-no_nonce",
    ]);
  }

  it("answers good through the delegated signer, echoing the nonce; openssl verifies", async () => {
    const s = await newSigner("Ocsp Good");
    const req = request(s.path);
    const resp = await respondOcsp(req, {
      authorities: [{ ca: pki.issuing, signer: pki.ocspSigner }],
      store: pki.store,
    });
    const r = check(resp, s.path);
    expect(r.out).toContain("Response verify OK");
    expect(r.out).toContain(`${s.path}: good`);
    expect(r.out).toContain("OCSP Nonce");
    expect(r.out).toContain("Teken Development OCSP Responder");
    expect(r.out).toMatch(/This Update: .*\n\s+Next Update: /);
    const reqNonce = /OCSP Nonce:\s*\n\s*([0-9A-F]+)/.exec(
      openssl(["ocsp", "-reqin", put(dir, "rq.der", req), "-req_text"]).out,
    )?.[1];
    expect(reqNonce).toBeDefined();
    expect(r.out).toContain(reqNonce!);
  });

  it("answers revoked with time and reason, signed by the CA key itself", async () => {
    const s = await newSigner("Ocsp Revoked");
    await revokeCertificate(pki.store, pki.issuing, {
      serialNumber: s.serialNumber,
      reason: "keyCompromise",
      revokedAt: new Date("2026-04-02T03:04:05Z"),
    });
    const req = request(s.path, false);
    const resp = await respondOcsp(req, { authorities: [{ ca: pki.issuing }], store: pki.store });
    const r = check(resp, s.path);
    expect(r.out).toContain("Response verify OK");
    expect(r.out).toContain(`${s.path}: revoked`);
    expect(r.out).toContain("Reason: keyCompromise");
    expect(r.out).toContain("Revocation Time: Apr  2 03:04:05 2026 GMT");
    expect(r.out).not.toContain("OCSP Nonce");
  });

  it("answers unknown for a serial the CA never issued and for a foreign issuer", async () => {
    const foreign = await createTestPki({ keyAlgorithm: "ecdsa-p256" });
    const fpath = put(dir, "foreign.pem", foreign.pem.signer);
    // same issuer name/key as our CA? no: a different CA, so the CertID matches nothing
    const reqPath = `${dir}/foreign-req.der`;
    openssl(["ocsp", "-issuer", put(dir, "fi.pem", foreign.pem.issuing), "-cert", fpath, "-reqout", reqPath]);
    const resp = await respondOcsp(new Uint8Array(readFileSync(reqPath)), {
      authorities: [{ ca: pki.issuing, signer: pki.ocspSigner }],
      store: pki.store,
    });
    const r = openssl(["ocsp", "-respin", put(dir, "fr.der", resp), "-resp_text", "-noverify"]);
    expect(r.out).toContain("Cert Status: unknown");
    // an issued-looking serial under our CA that the store does not know
    const ghost = await issueSignerCertificate(pki.issuing, {
      publicKey: pki.signer.publicKey,
      name: "Ghost",
    });
    const gpath = put(dir, "ghost.pem", pem(ghost.certificate));
    const greq = request(gpath);
    const r2 = check(
      await respondOcsp(greq, { authorities: [{ ca: pki.issuing }], store: pki.store }),
      gpath,
    );
    expect(r2.out).toContain(`${gpath}: unknown`);
  });

  it("answers for the issuing CA certificate itself, signed by the root key", async () => {
    const req = await buildOcspRequest(pki.issuing.certificate, pki.root.certificate);
    const resp = await respondOcsp(req, {
      authorities: [{ ca: pki.issuing, signer: pki.ocspSigner }, { ca: pki.root }],
      store: pki.store,
    });
    const r = openssl([
      "ocsp",
      "-respin",
      put(dir, "ca-resp.der", resp),
      "-issuer",
      `${dir}/root.pem`,
      "-cert",
      `${dir}/issuing.pem`,
      "-CAfile",
      `${dir}/root.pem`,
      "-no_nonce",
    ]);
    expect(r.out).toContain("Response verify OK");
    expect(r.out).toContain(`${dir}/issuing.pem: good`);
  });

  it("answers malformedRequest to garbage instead of throwing", async () => {
    for (const junk of [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array([0x30, 0x00])]) {
      const resp = await respondOcsp(junk, { authorities: [{ ca: pki.issuing }], store: pki.store });
      expect(resp).toEqual(ocspError(1));
      const r = openssl(["ocsp", "-respin", put(dir, "bad.der", resp), "-resp_text", "-noverify"]);
      expect(r.out).toContain("malformedrequest");
    }
  });
});

describe("other key algorithms", () => {
  it.each(["ecdsa-p384", "rsa-pss-2048"] as const)(
    "CRL and OCSP signed with %s keys verify in openssl",
    async (keyAlgorithm) => {
      const other = await createTestPki({ keyAlgorithm });
      const d = tempDir();
      const root = put(d, "root.pem", other.pem.root);
      const issuing = put(d, "issuing.pem", other.pem.issuing);
      const signer = put(d, "signer.pem", other.pem.signer);
      await revokeCertificate(other.store, other.issuing, {
        serialNumber: other.signer.serialNumber,
        reason: "superseded",
      });
      const crl = put(d, "c.crl", await issueCrl(other.issuing, { store: other.store }));
      expect(openssl(["crl", "-inform", "DER", "-in", crl, "-CAfile", issuing, "-noout"]).out).toContain(
        "verify OK",
      );
      const reqPath = `${d}/req.der`;
      openssl(["ocsp", "-issuer", issuing, "-cert", signer, "-reqout", reqPath, "-no_nonce"]);
      const resp = await respondOcsp(new Uint8Array(readFileSync(reqPath)), {
        authorities: [{ ca: other.issuing, signer: other.ocspSigner }],
        store: other.store,
      });
      const r = openssl([
        "ocsp",
        "-respin",
        put(d, "resp.der", resp),
        "-issuer",
        issuing,
        "-cert",
        signer,
        "-CAfile",
        root,
        "-verify_other",
        issuing,
        "-no_nonce",
      ]);
      expect(r.out).toContain("Response verify OK");
      expect(r.out).toContain(`${signer}: revoked`);
    },
  );
});
