import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  createOpensslTsa,
  type OpensslTsa,
  openssl,
  opensslTsaFetch,
  opensslVerifyToken,
} from "../../test/fixtures/ltv/support/openssl-tsa";
import { parseSignedData } from "../cms/parse-signed-data";
import { toHex } from "./bytes";
import { LtvError } from "./errors";
import { httpTimestampAuthority } from "./http-timestamp-authority";
import { addSignatureTimestamp, signatureTimestampsOf } from "./signature-timestamp";

// Spawns openssl/pdfsig/qpdf and RSA key generation: generous limits for a loaded 2-core CI.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

describe("addSignatureTimestamp (PAdES B-T unsigned attribute)", () => {
  let tsa: OpensslTsa;
  let cms: Uint8Array;
  beforeAll(() => {
    tsa = createOpensslTsa();
    writeFileSync(join(tsa.dir, "doc.bin"), "the signed bytes");
    // A detached CMS made by another implementation (openssl), signed with the CA key.
    cms = new Uint8Array(
      openssl(
        ["cms", "-sign", "-binary", "-in", "doc.bin", "-signer", "ca.pem", "-inkey", "ca.key"].concat([
          "-outform",
          "DER",
          "-md",
          "sha256",
        ]),
        tsa.dir,
      ),
    );
  }, 60_000);

  it("adds a token over the signature value and leaves the signature valid", async () => {
    const client = httpTimestampAuthority({ endpoints: ["http://t/"], fetch: opensslTsaFetch(tsa) });
    const stamped = await addSignatureTimestamp(cms, { tsa: client });
    expect(signatureTimestampsOf(cms)).toHaveLength(0);
    const tokens = signatureTimestampsOf(stamped);
    expect(tokens).toHaveLength(1);
    const before = parseSignedData(cms).signerInfos[0];
    const after = parseSignedData(stamped).signerInfos[0];
    expect(toHex(after?.signature ?? new Uint8Array())).toBe(toHex(before?.signature ?? new Uint8Array(1)));
    expect(toHex(after?.signedAttributesDer ?? new Uint8Array())).toBe(
      toHex(before?.signedAttributesDer ?? new Uint8Array(1)),
    );
    const imprint = new Uint8Array(
      await crypto.subtle.digest("SHA-256", (before?.signature ?? new Uint8Array()).slice()),
    );
    expect(opensslVerifyToken(tsa, tokens[0] ?? new Uint8Array(), toHex(imprint))).toContain(
      "Verification: OK",
    );
    writeFileSync(join(tsa.dir, "stamped.der"), stamped);
    const verified = openssl(
      [
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-in",
        "stamped.der",
        "-content",
        "doc.bin",
        "-CAfile",
        "ca.pem",
      ].concat(["-purpose", "any", "-out", "/dev/null"]),
      tsa.dir,
    );
    expect(verified.toString()).toBe("");
    const printed = openssl(
      ["cms", "-cmsout", "-print", "-inform", "DER", "-in", "stamped.der"],
      tsa.dir,
    ).toString();
    expect(printed).toContain("id-smime-aa-timeStampToken");
  });

  it("rejects input that is not CMS with LTV_BAD_CMS", async () => {
    const client = httpTimestampAuthority({ endpoints: ["http://t/"], fetch: opensslTsaFetch(tsa) });
    const error = await addSignatureTimestamp(new Uint8Array([0x30, 0x03, 1, 2, 3]), { tsa: client }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(LtvError);
    expect(error.code).toBe("LTV_BAD_CMS");
  });
});
