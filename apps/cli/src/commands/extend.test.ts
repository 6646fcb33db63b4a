import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  addDocumentTimestamp,
  existingSignatures,
  httpTimestampAuthority,
  openPdf,
  signPdf,
} from "@teken/pades";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type CaServices,
  createCaServices,
} from "../../../../packages/pades/test/fixtures/ltv/support/teken-ca-services";
import { runCli } from "../../test/run-cli";

// Spawns openssl/pdfsig/qpdf and RSA key generation: generous limits for a loaded 2-core CI.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const fixture = new URL("../../../../packages/pades/test/fixtures/minimal-xref.pdf", import.meta.url)
  .pathname;

function pdfsig(path: string): string {
  const r = spawnSync("pdfsig", [path], { encoding: "utf8" });
  if (r.error) throw r.error;
  return r.stdout + r.stderr;
}

describe("teken extend / teken lta-refresh", () => {
  let ca: CaServices;
  let dir: string;
  let signed: string;
  beforeAll(async () => {
    ca = await createCaServices({ listen: true });
    dir = mkdtempSync(join(tmpdir(), "teken-cli-ltv-"));
    const s = ca.pki.signer;
    const pdf = await signPdf(new Uint8Array(readFileSync(fixture)), {
      signer: { kind: "local", privateKey: s.privateKey, certificate: s.certificate, chain: s.chain },
    });
    signed = join(dir, "signed.pdf");
    writeFileSync(signed, pdf);
  }, 60_000);
  afterAll(() => ca.close());

  it("extend --level B-LTA adds a time-stamp, /DSS and a document time-stamp; pdfsig keeps it valid", async () => {
    const out = join(dir, "lta.pdf");
    const r = await runCli(["extend", signed, "-o", out, "--level", "B-LTA", "--tsa", ca.tsaUrl]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("document-timestamp, dss, document-timestamp");
    expect(pdfsig(out)).toContain("Signature is Valid.");
    const doc = await openPdf(new Uint8Array(readFileSync(out)));
    expect(doc.catalog.has("DSS")).toBe(true);
    expect(existingSignatures(doc).map((s) => s.isDocTimestamp)).toEqual([false, true, true]);

    const refreshed = join(dir, "refreshed.pdf");
    const again = await runCli(["lta-refresh", out, "-o", refreshed, "--tsa", ca.tsaUrl]);
    expect(again.code).toBe(0);
    expect(again.out).toContain("refreshed");
    const after = await openPdf(new Uint8Array(readFileSync(refreshed)));
    expect(existingSignatures(after).filter((s) => s.isDocTimestamp)).toHaveLength(3);
    expect(pdfsig(refreshed)).toContain("Signature is Valid.");
  });

  it("falls back to the next --tsa and keeps --tsa-auth secrets out of errors", async () => {
    const out = join(dir, "t.pdf");
    const ok = await runCli([
      "extend",
      signed,
      "-o",
      out,
      "--level",
      "B-T",
      "--tsa",
      "http://127.0.0.1:9/tsa",
      "--tsa",
      ca.tsaUrl,
    ]);
    expect(ok.code).toBe(0);
    const r = await runCli(
      [
        "extend",
        signed,
        "-o",
        out,
        "--level",
        "B-T",
        "--tsa",
        "http://127.0.0.1:9/tsa",
        "--tsa-auth",
        "bsre:env:TSA_PW",
      ],
      { TSA_PW: "s3cr3t-value" },
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain("LTV_TSA_UNAVAILABLE");
    expect(r.err).not.toContain("s3cr3t-value");
  });

  it("lta-refresh --password keeps an encrypted (AES-256) archive encrypted and readable", async () => {
    const aes = new URL("../../../../packages/pades/test/fixtures/minimal-aes256.pdf", import.meta.url)
      .pathname;
    const tsa = httpTimestampAuthority({ endpoints: [ca.tsaUrl] });
    const stamped = join(dir, "aes-ts.pdf");
    writeFileSync(
      stamped,
      await addDocumentTimestamp(new Uint8Array(readFileSync(aes)), { tsa, password: "usersecret" }),
    );
    const out = join(dir, "aes-refreshed.pdf");
    const r = await runCli(
      ["lta-refresh", stamped, "-o", out, "--tsa", ca.tsaUrl, "--password", "env:PDF_PW"],
      {
        PDF_PW: "usersecret",
      },
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("dss, document-timestamp");
    const doc = await openPdf(new Uint8Array(readFileSync(out)), { password: "usersecret" });
    expect(doc.encrypted).toBe(true);
    expect(existingSignatures(doc).filter((s) => s.isDocTimestamp)).toHaveLength(2);
    const qpdf = spawnSync("qpdf", ["--password=usersecret", "--check", out], { encoding: "utf8" });
    expect(qpdf.stdout).toContain("No syntax or stream encoding errors");
  });

  it("reports usage and level errors with codes", async () => {
    const bad = await runCli(["extend", signed, "-o", join(dir, "x.pdf"), "--level", "B-XL"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^LTV_BAD_LEVEL/);
    const noTsa = await runCli(["lta-refresh", signed, "-o", join(dir, "x.pdf")]);
    expect(noTsa.code).toBe(2);
    expect(noTsa.err).toMatch(/^CLI_USAGE/);
    const noLevel = await runCli(["extend", signed, "-o", join(dir, "x.pdf")]);
    expect(noLevel.err).toMatch(/^CLI_USAGE/);
  });
});
