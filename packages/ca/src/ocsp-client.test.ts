import { beforeAll, describe, expect, it } from "vitest";
import { openssl, put, tempDir } from "../test/openssl";
import { buildOcspRequest } from "./ocsp-client";
import { respondOcsp } from "./ocsp-responder";
import { createTestPki, type TestPki } from "./test-pki";

let pki: TestPki;
let dir: string;
beforeAll(async () => {
  pki = await createTestPki({ keyAlgorithm: "ecdsa-p256" });
  dir = tempDir();
  put(dir, "root.pem", pki.pem.root);
  put(dir, "issuing.pem", pki.pem.issuing);
  put(dir, "signer.pem", pki.pem.signer);
});

describe("buildOcspRequest", () => {
  it.each(["SHA-1", "SHA-256"] as const)(
    "builds a %s CertID request openssl reads and our responder answers",
    async (hash) => {
      const req = await buildOcspRequest(pki.signer.certificate, pki.issuing.certificate, { hash });
      const text = openssl(["ocsp", "-reqin", put(dir, `req-${hash}.der`, req), "-req_text"]).out;
      expect(text).toContain(`Hash Algorithm: ${hash === "SHA-1" ? "sha1" : "sha256"}`);
      expect(text.toLowerCase()).toContain(`serial number: ${pki.signer.serialNumber}`);
      expect(text).toContain("OCSP Nonce");
      const resp = await respondOcsp(req, {
        authorities: [{ ca: pki.issuing, signer: pki.ocspSigner }],
        store: pki.store,
      });
      const r = openssl([
        "ocsp",
        "-respin",
        put(dir, `resp-${hash}.der`, resp),
        "-CAfile",
        `${dir}/root.pem`,
        "-verify_other",
        `${dir}/issuing.pem`,
        "-resp_text",
      ]);
      expect(r.out).toContain("Response verify OK");
      expect(r.out).toContain("Cert Status: good");
    },
  );

  it("leaves the nonce out when asked", async () => {
    const req = await buildOcspRequest(pki.signer.certificate, pki.issuing.certificate, { nonce: null });
    expect(openssl(["ocsp", "-reqin", put(dir, "nononce.der", req), "-req_text"]).out).not.toContain(
      "OCSP Nonce",
    );
  });
});
