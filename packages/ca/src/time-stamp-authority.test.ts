import { readFileSync } from "node:fs";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { beforeAll, describe, expect, it } from "vitest";
import { openssl, put, tempDir } from "../test/openssl";
import { OID } from "./oids";
import { respondTimeStamp } from "./time-stamp-authority";
import { createTestPki, type TestPki } from "./test-pki";
import { createTsaCertificate } from "./service-certificates";

let pki: TestPki;
let dir: string;
let dataPath: string;

beforeAll(async () => {
  pki = await createTestPki();
  dir = tempDir();
  put(dir, "root.pem", pki.pem.root);
  put(dir, "chain.pem", pki.pem.chain);
  put(dir, "tsa-chain.pem", pki.pem.tsa + pki.pem.issuing);
  dataPath = put(dir, "data.bin", "isi dokumen yang ditandatangani");
});

function query(args: string[]): { path: string; der: Uint8Array } {
  const path = `${dir}/q-${Math.random().toString(16).slice(2)}.tsq`;
  const r = openssl(["ts", "-query", "-data", dataPath, ...args, "-out", path]);
  expect(r.status, r.out).toBe(0);
  return { path, der: new Uint8Array(readFileSync(path)) };
}

function replyText(reply: Uint8Array): string {
  return openssl([
    "ts",
    "-reply",
    "-in",
    put(dir, `r-${Math.random().toString(16).slice(2)}.tsr`, reply),
    "-text",
  ]).out;
}

describe("respondTimeStamp", () => {
  it("grants a token that openssl ts -verify accepts against the query (nonce, imprint) and the data", async () => {
    const q = query(["-sha256", "-cert"]);
    const reply = await respondTimeStamp(q.der, {
      tsa: pki.tsa,
      chain: [pki.issuing.certificate],
      store: pki.store,
    });
    const replyPath = put(dir, "granted.tsr", reply);
    const byQuery = openssl([
      "ts",
      "-verify",
      "-queryfile",
      q.path,
      "-in",
      replyPath,
      "-CAfile",
      `${dir}/root.pem`,
      "-untrusted",
      `${dir}/chain.pem`,
    ]);
    expect(byQuery.out).toContain("Verification: OK");
    const byData = openssl([
      "ts",
      "-verify",
      "-data",
      dataPath,
      "-in",
      replyPath,
      "-CAfile",
      `${dir}/root.pem`,
      "-untrusted",
      `${dir}/chain.pem`,
    ]);
    expect(byData.out).toContain("Verification: OK");
    const text = replyText(reply);
    expect(text).toContain("Status: Granted.");
    expect(text).toContain(`Policy OID: ${OID.tekenDevTsaPolicy}`);
    expect(text).toMatch(/Accuracy: (0x)?0?1 seconds/);
    expect(text).toContain("Ordering: no");
    expect(text).toMatch(/Nonce: 0x[0-9A-F]+/);
    expect(text).toContain("TSA: DirName:");
    expect(text).toMatch(/Serial number: 0x0?1\b/);
  });

  it("leaves certificates out unless certReq, carries signing-certificate-v2, and keeps serials unique", async () => {
    const q = query(["-sha384", "-no_nonce"]);
    const reply = await respondTimeStamp(q.der, { tsa: pki.tsa, store: pki.store });
    const replyPath = put(dir, "nocert.tsr", reply);
    const bad = openssl([
      "ts",
      "-verify",
      "-queryfile",
      q.path,
      "-in",
      replyPath,
      "-CAfile",
      `${dir}/root.pem`,
    ]);
    expect(bad.out).not.toContain("Verification: OK");
    const ok = openssl([
      "ts",
      "-verify",
      "-queryfile",
      q.path,
      "-in",
      replyPath,
      "-CAfile",
      `${dir}/root.pem`,
      "-untrusted",
      `${dir}/tsa-chain.pem`,
    ]);
    expect(ok.out).toContain("Verification: OK");
    // the token's CMS: signed attrs hold id-aa-signingCertificateV2 and no certificates
    const tokenPath = `${dir}/token.der`;
    openssl(["ts", "-reply", "-in", replyPath, "-token_out", "-out", tokenPath]);
    const cms = openssl(["cms", "-cmsout", "-print", "-inform", "DER", "-in", tokenPath]).out;
    expect(cms).toMatch(/id-smime-aa-signingCertificateV2|1\.2\.840\.113549\.1\.9\.16\.2\.47/);
    expect(cms).toMatch(/certificates:\s*\n\s*<ABSENT>/);
    expect(replyText(reply)).toMatch(/Serial number: 0x0?2\b/);
  });

  it("uses the injected clock and policy", async () => {
    const at = new Date("2026-08-17T10:45:00Z");
    const q = query(["-sha256", "-cert", "-tspolicy", "1.2.3.4.5"]);
    const reply = await respondTimeStamp(q.der, { tsa: pki.tsa, policy: "1.2.3.4.5", now: () => at });
    const text = replyText(reply);
    expect(text).toContain("Time stamp: Aug 17 10:45:00 2026 GMT");
    expect(text).toContain("Policy OID: 1.2.3.4.5");
  });

  it.each([
    [
      "an unknown hash algorithm",
      () => query(["-sha3-256"]).der,
      "unrecognized or unsupported algorithm identifier",
    ],
    [
      "garbage",
      () => new Uint8Array([0x30, 0x03, 0x01, 0x01, 0xff]),
      "the data submitted has the wrong format",
    ],
    ["an empty body", () => new Uint8Array(0), "the data submitted has the wrong format"],
    [
      "an unaccepted policy",
      () => query(["-sha256", "-tspolicy", "1.2.3.9"]).der,
      "the requested TSA policy is not supported by the TSA",
    ],
  ])("rejects %s with the right failInfo", async (_name, make, failText) => {
    const reply = await respondTimeStamp(make(), { tsa: pki.tsa });
    const text = replyText(reply);
    expect(text).toContain("Status: Rejected.");
    expect(text).toContain(failText);
  });

  it("rejects a digest whose length does not fit its algorithm", async () => {
    const req = new pkijs.TimeStampReq({
      version: 1,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: new Uint8Array(20).buffer }),
      }),
    });
    const reply = await respondTimeStamp(new Uint8Array(req.toSchema().toBER()), { tsa: pki.tsa });
    expect(replyText(reply)).toContain("the data submitted has the wrong format");
  });

  it("signs with an ECDSA TSA key too", async () => {
    const tsa = await createTsaCertificate(pki.issuing, { keyAlgorithm: "ecdsa-p256" });
    const q = query(["-sha256", "-cert"]);
    const reply = await respondTimeStamp(q.der, { tsa, chain: [pki.issuing.certificate] });
    const r = openssl([
      "ts",
      "-verify",
      "-queryfile",
      q.path,
      "-in",
      put(dir, "ecdsa.tsr", reply),
      "-CAfile",
      `${dir}/root.pem`,
      "-untrusted",
      `${dir}/chain.pem`,
    ]);
    expect(r.out).toContain("Verification: OK");
  });

  it("signs with an RSA-PSS TSA key (checked by openssl cms: openssl ts uses PKCS7 code without PSS)", async () => {
    const tsa = await createTsaCertificate(pki.issuing, { keyAlgorithm: "rsa-pss-2048" });
    const q = query(["-sha256", "-cert"]);
    const replyPath = put(
      dir,
      "pss.tsr",
      await respondTimeStamp(q.der, { tsa, chain: [pki.issuing.certificate] }),
    );
    const tokenPath = `${dir}/pss-token.der`;
    openssl(["ts", "-reply", "-in", replyPath, "-token_out", "-out", tokenPath]);
    const r = openssl([
      "cms",
      "-verify",
      "-inform",
      "DER",
      "-in",
      tokenPath,
      "-CAfile",
      `${dir}/root.pem`,
      "-purpose",
      "timestampsign",
      "-out",
      `${dir}/pss-tstinfo.der`,
    ]);
    expect(r.out).toContain("Verification successful");
    const print = openssl(["cms", "-cmsout", "-print", "-inform", "DER", "-in", tokenPath]).out;
    expect(print).toContain("rsassaPss");
  });
});
