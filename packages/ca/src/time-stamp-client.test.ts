import { beforeAll, describe, expect, it } from "vitest";
import { openssl, put, tempDir } from "../test/openssl";
import { CaError } from "./errors";
import { createTestPki, type TestPki } from "./test-pki";
import { buildTimeStampRequest, parseTimeStampReply } from "./time-stamp-client";
import { respondTimeStamp } from "./time-stamp-authority";

let pki: TestPki;
let dir: string;
beforeAll(async () => {
  pki = await createTestPki({ keyAlgorithm: "ecdsa-p256" });
  dir = tempDir();
  put(dir, "root.pem", pki.pem.root);
  put(dir, "issuing.pem", pki.pem.issuing);
});

describe("buildTimeStampRequest + parseTimeStampReply", () => {
  it("builds a query openssl reads and whose granted token openssl verifies against the data", async () => {
    const data = new TextEncoder().encode("tanda tangan");
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", data));
    const query = buildTimeStampRequest({ digest });
    const q = openssl(["ts", "-query", "-in", put(dir, "q.tsq", query), "-text"]).out;
    expect(q).toContain("Hash Algorithm: sha256");
    expect(q).toContain("Certificate required: yes");
    expect(q).toMatch(/Nonce: 0x[0-9A-F]+/);
    const reply = await respondTimeStamp(query, { tsa: pki.tsa });
    const parsed = parseTimeStampReply(reply);
    expect(parsed.granted).toBe(true);
    if (!parsed.granted) return;
    const v = openssl([
      "ts",
      "-verify",
      "-token_in",
      "-in",
      put(dir, "t.der", parsed.token),
      "-data",
      put(dir, "d.bin", data),
      "-CAfile",
      `${dir}/root.pem`,
      "-untrusted",
      `${dir}/issuing.pem`,
    ]);
    expect(v.out).toContain("Verification: OK");
  });

  it("reports rejections by failure name", async () => {
    const query = buildTimeStampRequest({
      digest: new Uint8Array(48),
      hash: "SHA-384",
      nonce: null,
      policy: "1.2.3",
    });
    const parsed = parseTimeStampReply(await respondTimeStamp(query, { tsa: pki.tsa }));
    expect(parsed).toMatchObject({ granted: false, status: 2, failures: ["unacceptedPolicy"] });
    const bad = parseTimeStampReply(await respondTimeStamp(new Uint8Array([5]), { tsa: pki.tsa }));
    expect(bad).toMatchObject({ granted: false, failures: ["badDataFormat"] });
  });

  it("refuses a digest of the wrong length and an unreadable reply", () => {
    expect(() => buildTimeStampRequest({ digest: new Uint8Array(20) })).toThrow(CaError);
    expect(() => parseTimeStampReply(new Uint8Array([1, 2]))).toThrow(CaError);
  });
});
