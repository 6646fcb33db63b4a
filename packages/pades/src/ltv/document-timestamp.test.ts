import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  createOpensslTsa,
  type OpensslTsa,
  opensslTsaFetch,
  opensslVerifyToken,
} from "../../test/fixtures/ltv/support/openssl-tsa";
import { spawnSync } from "node:child_process";
import { fixture, pdfsig, qpdfCheck, tempFile } from "../../test/fixtures/ltv/support/pdf-tools";
import { openPdf } from "../pdf/open-pdf";
import { byteRangeDigest } from "./byte-range";
import { toHex } from "./bytes";
import { addDocumentTimestamp } from "./document-timestamp";
import { LtvError } from "./errors";
import { existingSignatures } from "./existing-signatures";
import { httpTimestampAuthority } from "./http-timestamp-authority";
import type { TimestampAuthority } from "./ports";

// Spawns openssl/pdfsig/qpdf and RSA key generation: generous limits for a loaded 2-core CI.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

describe("addDocumentTimestamp (PAdES B-LTA document time-stamp)", () => {
  let tsa: OpensslTsa;
  let client: TimestampAuthority;
  beforeAll(() => {
    tsa = createOpensslTsa();
    client = httpTimestampAuthority({ endpoints: ["http://t/"], fetch: opensslTsaFetch(tsa) });
  }, 60_000);

  /** Checks the newest signature is a DocTimeStamp covering the whole file, verified by openssl. */
  async function expectValidDocTimestamp(pdf: Uint8Array): Promise<void> {
    const doc = await openPdf(pdf);
    const last = existingSignatures(doc).at(-1);
    expect(last?.isDocTimestamp).toBe(true);
    expect(last?.subFilter).toBe("ETSI.RFC3161");
    const range = last?.byteRange ?? [];
    expect((range[2] ?? 0) + (range[3] ?? 0)).toBe(pdf.length);
    expect(String.fromCharCode(pdf[range[1] ?? 0] ?? 0, pdf[(range[2] ?? 0) - 1] ?? 0)).toBe("<>");
    const digest = await byteRangeDigest(pdf, range, "SHA-256", crypto);
    const token = last?.contents ?? new Uint8Array();
    expect(opensslVerifyToken(tsa, token, toHex(digest))).toContain("Verification: OK");
  }

  it("time-stamps a poppler-signed PDF without breaking its signature", async () => {
    const input = fixture("poppler-signed-once.pdf");
    const out = await addDocumentTimestamp(input, { tsa: client });
    expect(toHex(out.subarray(0, input.length))).toBe(toHex(input));
    await expectValidDocTimestamp(out);
    const report = pdfsig(out);
    expect(report).toContain("Signature is Valid.");
    expect(report).toContain("Signature Field Name: DocTimeStamp1");
    expect(qpdfCheck(out)).toContain("No syntax or stream encoding errors");
  });

  it("refreshes pyHanko's B-LTA file (xref stream, indirect DSS arrays) keeping Sig1 valid", async () => {
    const input = fixture("pades-lta-dss-indirect-arrs-test.pdf");
    const out = await addDocumentTimestamp(input, { tsa: client });
    await expectValidDocTimestamp(out);
    const report = pdfsig(out);
    expect(report).toMatch(/Sig1[\s\S]*Signature is Valid\./);
    expect(report).not.toMatch(/Digest Mismatch|Signature is Invalid/);
    expect(existingSignatures(await openPdf(out)).filter((s) => s.isDocTimestamp)).toHaveLength(2);
    qpdfCheck(out);
  });

  it("names fields uniquely and retries with more room when the token is larger than reserved", async () => {
    const once = await addDocumentTimestamp(fixture("poppler-signed-once.pdf"), {
      tsa: client,
      reservedBytes: 64,
    });
    await expectValidDocTimestamp(once);
    const twice = await addDocumentTimestamp(once, { tsa: client });
    await expectValidDocTimestamp(twice);
    expect(existingSignatures(await openPdf(twice)).map((s) => s.fieldName)).toContain("DocTimeStamp2");
  });

  it.each(["minimal-aes256.pdf", "minimal-rc4.pdf"])(
    "time-stamps the encrypted %s (update encrypted, /Contents clear)",
    async (name) => {
      const input = fixture(name);
      const out = await addDocumentTimestamp(input, { tsa: client, password: "usersecret" });
      const doc = await openPdf(out, { password: "usersecret" });
      expect(doc.encrypted).toBe(true);
      const last = existingSignatures(doc).at(-1);
      expect(last?.isDocTimestamp).toBe(true);
      const digest = await byteRangeDigest(out, last?.byteRange ?? [], "SHA-256", crypto);
      expect(opensslVerifyToken(tsa, last?.contents ?? new Uint8Array(), toHex(digest))).toContain(
        "Verification: OK",
      );
      const path = tempFile(out);
      const qpdf = spawnSync("qpdf", ["--password=usersecret", "--check", path], { encoding: "utf8" });
      expect(qpdf.stdout).toContain("No syntax or stream encoding errors");
      const sig = spawnSync("pdfsig", ["-upw", "usersecret", path], { encoding: "utf8" });
      expect(sig.stdout).toContain("Signature Field Name: DocTimeStamp1");
      const wrong = await addDocumentTimestamp(input, { tsa: client, password: "nope" }).catch((e) => e);
      expect(wrong.code).toMatch(/PASSWORD/);
    },
  );

  it("propagates the TSA's typed error and writes nothing", async () => {
    const down = httpTimestampAuthority({
      endpoints: ["http://down/"],
      fetch: async () => new Response("", { status: 503 }),
    });
    const error = await addDocumentTimestamp(fixture("poppler-signed-once.pdf"), { tsa: down }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(LtvError);
    expect(error.code).toBe("LTV_TSA_UNAVAILABLE");
  });
});
