import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { openssl, put, tempDir } from "../test/openssl";
import { toBase64 } from "./bytes";
import { createCaHttpApp, PKI_MEDIA_TYPES } from "./http-app";
import { revokeCertificate } from "./revocation";
import { createTestPki, type TestPki } from "./test-pki";

let pki: TestPki;
let app: ReturnType<typeof createCaHttpApp>;
let dir: string;

beforeAll(async () => {
  pki = await createTestPki();
  app = createCaHttpApp({
    authorities: [pki.root, pki.issuing],
    store: pki.store,
    ocspSigners: { issuing: pki.ocspSigner },
    tsa: { tsa: pki.tsa, chain: [pki.issuing.certificate] },
    maxRequestBytes: 4096,
  });
  dir = tempDir();
  put(dir, "root.pem", pki.pem.root);
  put(dir, "issuing.pem", pki.pem.issuing);
  put(dir, "signer.pem", pki.pem.signer);
});

const bytes = async (r: Response) => new Uint8Array(await r.arrayBuffer());

function ocspRequest(): Uint8Array<ArrayBuffer> {
  const path = `${dir}/req.der`;
  openssl([
    "ocsp",
    "-issuer",
    `${dir}/issuing.pem`,
    "-cert",
    `${dir}/signer.pem`,
    "-reqout",
    path,
    "-no_nonce",
  ]);
  return new Uint8Array(readFileSync(path));
}

function ocspText(resp: Uint8Array): string {
  return openssl([
    "ocsp",
    "-respin",
    put(dir, `r${Math.random()}.der`, resp),
    "-issuer",
    `${dir}/issuing.pem`,
    "-cert",
    `${dir}/signer.pem`,
    "-CAfile",
    `${dir}/root.pem`,
    "-verify_other",
    `${dir}/issuing.pem`,
    "-no_nonce",
  ]).out;
}

describe("createCaHttpApp", () => {
  it("serves CA certificates as application/pkix-cert and 404s unknown ones", async () => {
    for (const ca of [pki.root, pki.issuing]) {
      const r = await app.request(`/certs/${ca.id}.crt`);
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toBe(PKI_MEDIA_TYPES.certificate);
      expect(await bytes(r)).toEqual(ca.certificate);
    }
    expect(await bytes(await app.request("/certs/tsa.crt"))).toEqual(pki.tsa.certificate);
    expect((await app.request("/certs/other.crt")).status).toBe(404);
    expect((await app.request("/certs/root.pem")).status).toBe(404);
  });

  it("serves a CRL openssl verifies, cached until a revocation changes it", async () => {
    const first = await app.request("/crl/issuing.crl");
    expect(first.headers.get("content-type")).toBe(PKI_MEDIA_TYPES.crl);
    const der1 = await bytes(first);
    expect(
      openssl([
        "crl",
        "-inform",
        "DER",
        "-in",
        put(dir, "a.crl", der1),
        "-CAfile",
        `${dir}/issuing.pem`,
        "-noout",
      ]).out,
    ).toContain("verify OK");
    expect(await bytes(await app.request("/crl/issuing.crl"))).toEqual(der1);
    const other = await (await import("./signer-certificate")).issueSignerCertificate(pki.issuing, {
      publicKey: pki.signer.publicKey,
      name: "X",
      store: pki.store,
    });
    await revokeCertificate(pki.store, pki.issuing, {
      serialNumber: other.serialNumber,
      reason: "superseded",
    });
    const der2 = await bytes(await app.request("/crl/issuing.crl"));
    expect(der2).not.toEqual(der1);
    expect(
      openssl(["crl", "-inform", "DER", "-in", put(dir, "b.crl", der2), "-noout", "-text"]).out.toLowerCase(),
    ).toContain(other.serialNumber);
    expect((await app.request("/crl/nope.crl")).status).toBe(404);
  });

  it("answers OCSP by POST and by GET with base64 (RFC 6960 A.1)", async () => {
    const req = ocspRequest();
    const post = await app.request("/ocsp", {
      method: "POST",
      body: req,
      headers: { "content-type": PKI_MEDIA_TYPES.ocspRequest },
    });
    expect(post.headers.get("content-type")).toBe(PKI_MEDIA_TYPES.ocspResponse);
    const postText = ocspText(await bytes(post));
    expect(postText).toContain("Response verify OK");
    expect(postText).toContain("signer.pem: good");
    const get = await app.request(`/ocsp/${encodeURIComponent(toBase64(req))}`);
    expect(get.status).toBe(200);
    expect(ocspText(await bytes(get))).toContain("signer.pem: good");
  });

  it("answers malformed OCSP requests with malformedRequest, and oversized ones with 413", async () => {
    const garbage = await app.request("/ocsp", { method: "POST", body: new Uint8Array([9, 9, 9]) });
    expect(garbage.status).toBe(200);
    expect(
      openssl(["ocsp", "-respin", put(dir, "g.der", await bytes(garbage)), "-resp_text", "-noverify"]).out,
    ).toContain("malformedrequest");
    const badGet = await app.request("/ocsp/%%%%");
    expect(
      openssl(["ocsp", "-respin", put(dir, "g2.der", await bytes(badGet)), "-resp_text", "-noverify"]).out,
    ).toContain("malformedrequest");
    const big = await app.request("/ocsp", { method: "POST", body: new Uint8Array(5000) });
    expect(big.status).toBe(413);
  });

  it("time-stamps application/timestamp-query and refuses other media types", async () => {
    const qPath = `${dir}/q.tsq`;
    openssl(["ts", "-query", "-data", put(dir, "d.txt", "halo"), "-sha256", "-cert", "-out", qPath]);
    const r = await app.request("/tsa", {
      method: "POST",
      body: new Uint8Array(readFileSync(qPath)),
      headers: { "content-type": PKI_MEDIA_TYPES.timeStampQuery },
    });
    expect(r.headers.get("content-type")).toBe(PKI_MEDIA_TYPES.timeStampReply);
    const v = openssl([
      "ts",
      "-verify",
      "-queryfile",
      qPath,
      "-in",
      put(dir, "r.tsr", await bytes(r)),
      "-CAfile",
      `${dir}/root.pem`,
      "-untrusted",
      `${dir}/issuing.pem`,
    ]);
    expect(v.out).toContain("Verification: OK");
    const wrongType = await app.request("/tsa", {
      method: "POST",
      body: new Uint8Array(readFileSync(qPath)),
      headers: { "content-type": "text/plain" },
    });
    expect(wrongType.status).toBe(415);
    const junk = await app.request("/tsa", {
      method: "POST",
      body: new Uint8Array([1]),
      headers: { "content-type": PKI_MEDIA_TYPES.timeStampQuery },
    });
    expect(openssl(["ts", "-reply", "-in", put(dir, "j.tsr", await bytes(junk)), "-text"]).out).toContain(
      "Status: Rejected.",
    );
  });
});
