import { readFileSync } from "node:fs";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openssl, put, runAsync, tempDir } from "../test/openssl";
import { type RunningServer, serveOnPort } from "./adapters/node-serve";
import { createCaHttpApp } from "./http-app";
import { revokeCertificate } from "./revocation";
import { createTestPki, type TestPki } from "./test-pki";

let server: RunningServer;
let pki: TestPki;
let dir: string;
let current: Hono = new Hono();

beforeAll(async () => {
  // listen first so the certificates can carry the real port in their AIA/CDP URLs
  server = await serveOnPort({ fetch: (req: Request) => current.fetch(req) });
  pki = await createTestPki({ baseUrl: `${server.url}/pki` });
  current = new Hono().route(
    "/pki",
    createCaHttpApp({
      authorities: [pki.root, pki.issuing],
      store: pki.store,
      ocspSigners: { issuing: pki.ocspSigner },
      tsa: { tsa: pki.tsa, chain: [pki.issuing.certificate] },
    }),
  );
  dir = tempDir();
  put(dir, "root.pem", pki.pem.root);
  put(dir, "issuing.pem", pki.pem.issuing);
  put(dir, "signer.pem", pki.pem.signer);
});

afterAll(async () => {
  await server?.close();
});

// openssl and curl must run asynchronously: the server answers from this same event loop.
function ocspOverHttp() {
  const url = openssl(["x509", "-noout", "-ocsp_uri", "-in", `${dir}/signer.pem`]).out.trim();
  expect(url).toBe(`${server.url}/pki/ocsp`);
  return runAsync("openssl", [
    "ocsp",
    "-url",
    url,
    "-issuer",
    `${dir}/issuing.pem`,
    "-cert",
    `${dir}/signer.pem`,
    "-CAfile",
    `${dir}/root.pem`,
    "-verify_other",
    `${dir}/issuing.pem`,
    "-resp_text",
  ]);
}

describe("CA served on a real port", () => {
  it("openssl ocsp -url gets good, then revoked after revocation (nonce checked by openssl)", async () => {
    const good = await ocspOverHttp();
    expect(good.out).toContain("Response verify OK");
    expect(good.out).toContain("signer.pem: good");
    expect(good.out).toContain("OCSP Nonce");
    await revokeCertificate(pki.store, pki.issuing, {
      serialNumber: pki.signer.serialNumber,
      reason: "keyCompromise",
    });
    const revoked = await ocspOverHttp();
    expect(revoked.out).toContain("Response verify OK");
    expect(revoked.out).toContain("signer.pem: revoked");
  });

  it("openssl ts -query | curl --data-binary to /tsa gives a token openssl verifies", async () => {
    const dataPath = put(dir, "doc.txt", "surat keputusan");
    const qPath = `${dir}/q.tsq`;
    expect(openssl(["ts", "-query", "-data", dataPath, "-sha256", "-cert", "-out", qPath]).status).toBe(0);
    const curl = await runAsync("curl", [
      "-sS",
      "--fail",
      "-H",
      "Content-Type: application/timestamp-query",
      "--data-binary",
      `@${qPath}`,
      "-o",
      `${dir}/reply.tsr`,
      "-w",
      "%{content_type}",
      `${server.url}/pki/tsa`,
    ]);
    expect(curl.status, curl.stderr).toBe(0);
    expect(curl.stdout).toBe("application/timestamp-reply");
    const v = openssl([
      "ts",
      "-verify",
      "-queryfile",
      qPath,
      "-in",
      `${dir}/reply.tsr`,
      "-CAfile",
      `${dir}/root.pem`,
      "-untrusted",
      `${dir}/issuing.pem`,
    ]);
    expect(v.out).toContain("Verification: OK");
    expect(readFileSync(`${dir}/reply.tsr`).byteLength).toBeGreaterThan(1000);
  });

  it("openssl verify -crl_download fetches the CRL from the CDP URL and sees revocation", async () => {
    const other = await (await import("./signer-certificate")).issueSignerCertificate(pki.issuing, {
      publicKey: pki.signer.publicKey,
      name: "Citra",
      store: pki.store,
    });
    const path = put(dir, "other.pem", (await import("./pem")).toPem(other.certificate, "CERTIFICATE"));
    const verify = (cert: string) =>
      runAsync("openssl", [
        "verify",
        "-crl_check",
        "-crl_download",
        "-CAfile",
        `${dir}/root.pem`,
        "-untrusted",
        `${dir}/issuing.pem`,
        cert,
      ]);
    const ok = await verify(path);
    expect(ok.out).toContain(": OK");
    expect(ok.status).toBe(0);
    await revokeCertificate(pki.store, pki.issuing, {
      serialNumber: other.serialNumber,
      reason: "affiliationChanged",
    });
    expect((await verify(path)).out).toContain("certificate revoked");
  });
});
