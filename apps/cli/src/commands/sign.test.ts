import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/run-cli";

const fixtures = new URL("../../../../packages/pades/test/fixtures/sign/", import.meta.url).pathname;
const f = (name: string) => join(fixtures, name);

function pdfsig(path: string): string {
  const r = spawnSync("pdfsig", [path], { encoding: "utf8" });
  if (r.error) throw r.error;
  return r.stdout + r.stderr;
}

describe("teken sign", () => {
  it("signs with --p12 and --p12-pass env:VAR, visible at the ^ anchor with QR + text; pdfsig accepts it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "teken-cli-"));
    const out = join(dir, "out.pdf");
    const r = await runCli(
      [
        "sign",
        f("chromium-letter.pdf"),
        "-o",
        out,
        "--p12",
        f("signer.p12"),
        "--p12-pass",
        "env:P12PASS",
        "--reason",
        "Menyetujui",
        "--location",
        "Jakarta",
        "--anchor",
        "^",
        "--size",
        "180,50",
        "--qr",
        "https://ttd.example.go.id/v/AB12",
        "--text",
        "Ahmad Fauzi\\nNIP 196608011988031001",
      ],
      { P12PASS: "test1234" },
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const report = pdfsig(out);
    expect(report).toContain("Signature is Valid.");
    expect(report).toContain("ETSI.CAdES.detached");
    expect(report).toContain("Total document signed");
  });

  it("signs with --key/--cert/--chain, pkcs7 subfilter, a rect on the last page, and a password from file:", async () => {
    const dir = mkdtempSync(join(tmpdir(), "teken-cli-"));
    const out = join(dir, "out.pdf");
    const r = await runCli([
      "sign",
      f("gs-letter.pdf"),
      "-o",
      out,
      "--key",
      f("signer.key"),
      "--cert",
      f("signer.pem"),
      "--chain",
      f("ca.pem"),
      "--subfilter",
      "pkcs7",
      "--page",
      "last",
      "--rect",
      "72,72,200,50",
      "--text",
      "Ahmad Fauzi",
      "--field",
      "TTD1",
    ]);
    expect(r.code, r.err).toBe(0);
    const report = pdfsig(out);
    expect(report).toContain("adbe.pkcs7.detached");
    expect(report).toContain("Signature Field Name: TTD1");
    expect(report).toContain("Signature is Valid.");
    const pass = join(dir, "pass.txt");
    writeFileSync(pass, "test1234\n");
    const again = join(dir, "again.pdf");
    const r2 = await runCli([
      "sign",
      out,
      "-o",
      again,
      "--p12",
      f("signer.p12"),
      "--p12-pass",
      `file:${pass}`,
    ]);
    expect(r2.code, r2.err).toBe(0);
    expect(pdfsig(again).match(/Signature is Valid\./g)).toHaveLength(2);
  });

  it("signs an encrypted input with --pdf-pass", async () => {
    const dir = mkdtempSync(join(tmpdir(), "teken-cli-"));
    const out = join(dir, "enc.pdf");
    const r = await runCli(
      [
        "sign",
        f("minimal-aes256.pdf"),
        "-o",
        out,
        "--p12",
        f("signer.p12"),
        "--p12-pass",
        "pass:test1234",
        "--pdf-pass",
        "env:PDFPASS",
      ],
      {
        PDFPASS: "usersecret",
      },
    );
    expect(r.code, r.err).toBe(0);
    const report = spawnSync("pdfsig", ["-upw", "usersecret", out], { encoding: "utf8" }).stdout;
    expect(report).toContain("Signature is Valid.");
  });

  it("a wrong password prints one coded line, exits non-zero and never echoes the secret", async () => {
    const secret = "Sup3r-Secret-Value";
    const r = await runCli([
      "sign",
      f("gs-letter.pdf"),
      "-o",
      join(tmpdir(), "never.pdf"),
      "--p12",
      f("signer.p12"),
      "--p12-pass",
      `pass:${secret}`,
    ]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/^PADES_SIGN_PKCS12_INVALID: [^\n]+\n$/);
    expect(r.err + r.out).not.toContain(secret);
  });

  it("reports a missing anchor and usage errors with codes", async () => {
    const r = await runCli([
      "sign",
      f("gs-letter.pdf"),
      "-o",
      join(tmpdir(), "x.pdf"),
      "--key",
      f("signer.key"),
      "--cert",
      f("signer.pem"),
      "--anchor",
      "@@",
    ]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/^PADES_SIGN_ANCHOR_NOT_FOUND: /);
    const u = await runCli(["sign", f("gs-letter.pdf")]);
    expect(u.code).toBe(2);
    expect(u.err).toMatch(/^CLI_USAGE: /);
    const p = await runCli([
      "sign",
      f("gs-letter.pdf"),
      "-o",
      "x.pdf",
      "--p12",
      f("signer.p12"),
      "--p12-pass",
      "env:NOPE",
    ]);
    expect(p.err).toMatch(/^CLI_USAGE: /);
  });
});

describe("teken prepare-footer", () => {
  it("stamps the footer, then refuses the signed result", async () => {
    const dir = mkdtempSync(join(tmpdir(), "teken-cli-"));
    const out = join(dir, "footer.pdf");
    const r = await runCli([
      "prepare-footer",
      f("gs-letter.pdf"),
      "-o",
      out,
      "--qr",
      "https://ttd.example.go.id/v/AB12",
      "--token",
      "AB12",
    ]);
    expect(r.code, r.err).toBe(0);
    const text = spawnSync("pdftotext", [out, "-"], { encoding: "utf8" }).stdout;
    expect(text).toContain("Token: AB12");
    expect(readFileSync(out).length).toBeGreaterThan(readFileSync(f("gs-letter.pdf")).length);
    const refused = await runCli(["prepare-footer", f("poppler-signed-once.pdf"), "-o", join(dir, "no.pdf")]);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/^PADES_SIGN_ALREADY_SIGNED: /);
  });
});
