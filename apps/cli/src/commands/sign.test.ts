import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type TestPki, createCaHttpApp, createTestPki, exportPkcs12 } from "@teken/ca";
import { existingSignatures, openPdf, verify } from "@teken/pades";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningServer, serveOnPort } from "../../../../packages/ca/src/adapters/node-serve";
import { runCli } from "../../test/run-cli";

// Spawns pdfsig, generates RSA keys and talks HTTP: generous limits for a loaded 2-core CI.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const fixtures = new URL("../../../../packages/pades/test/fixtures/", import.meta.url).pathname;
/** PDFs are in packages/pades/test/fixtures/, the corpus keys in its sign/ folder. */
const f = (name: string) => join(fixtures, name.endsWith(".pdf") ? "" : "sign", name);

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

  it("stamps an encrypted input with --password (never echoed); qpdf --check accepts it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "teken-cli-"));
    const out = join(dir, "footer-enc.pdf");
    const r = await runCli([
      "prepare-footer",
      f("minimal-aes256.pdf"),
      "-o",
      out,
      "--token",
      "ENC9",
      "--password",
      "pass:usersecret",
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.out + r.err).not.toContain("usersecret");
    expect(spawnSync("qpdf", ["--password=usersecret", "--check", out]).status).toBe(0);
    const text = spawnSync("pdftotext", ["-upw", "usersecret", out, "-"], { encoding: "utf8" }).stdout;
    expect(text).toContain("Token: ENC9");
    const wrong = await runCli([
      "prepare-footer",
      f("minimal-aes256.pdf"),
      "-o",
      out,
      "--password",
      "pass:nope-Xy",
    ]);
    expect(wrong.err).toMatch(/^PDF_WRONG_PASSWORD: /);
    expect(wrong.err).not.toContain("nope-Xy");
  });
});

describe("teken sign --level / --certify / --lock-fields (against @teken/ca served on a local port)", () => {
  let pki: TestPki;
  let server: RunningServer;
  let dir: string;
  let p12: string;
  let root: string;
  let tsaUrl: string;
  const plain = () => f("gs-letter.pdf");
  const signArgs = (input: string, out: string, ...rest: string[]) => [
    "sign",
    input,
    "-o",
    out,
    "--p12",
    p12,
    "--p12-pass",
    "pass:sandi-uji",
    ...rest,
  ];

  beforeAll(async () => {
    let app: { fetch: (request: Request) => Response | Promise<Response> } | undefined;
    // The certificates' AIA/CDP URLs need the port, so bind first and mount the app once the PKI exists.
    server = await serveOnPort({
      fetch: (request: Request) => {
        if (app === undefined) return new Response("starting", { status: 503 });
        const url = new URL(request.url);
        url.pathname = url.pathname.replace(/^\/pki/, "");
        return app.fetch(new Request(url, request));
      },
    });
    pki = await createTestPki({ baseUrl: `${server.url}/pki` });
    app = createCaHttpApp({
      authorities: [pki.root, pki.issuing],
      store: pki.store,
      ocspSigners: { [pki.issuing.id]: pki.ocspSigner },
      tsa: { tsa: pki.tsa, chain: [pki.issuing.certificate, pki.root.certificate] },
    });
    tsaUrl = `${server.url}/pki/tsa`;
    dir = mkdtempSync(join(tmpdir(), "teken-cli-level-"));
    p12 = join(dir, "signer.p12");
    writeFileSync(
      p12,
      await exportPkcs12(pki.signer.privateKey, pki.signer.certificate, "sandi-uji", {
        chain: pki.signer.chain,
      }),
    );
    root = join(dir, "root.pem");
    writeFileSync(root, pki.pem.root);
  }, 60_000);
  afterAll(() => server?.close());

  async function levelOf(path: string): Promise<string | undefined> {
    const report = await verify(new Uint8Array(readFileSync(path)), {
      trustAnchors: [pki.root.certificate],
    });
    return report.signatures.find((s) => s.kind === "signature")?.level;
  }

  it.each([
    ["B-T", "PAdES-BASELINE-T", 1],
    ["B-LT", "PAdES-BASELINE-LT", 1],
    ["B-LTA", "PAdES-BASELINE-LTA", 2],
  ] as const)(
    "signs at %s: pdfsig accepts it and verify detects %s",
    async (level, expected, signatureCount) => {
      const out = join(dir, `${level}.pdf`);
      const r = await runCli(signArgs(plain(), out, "--level", level, "--tsa", tsaUrl));
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      expect(r.out).toContain(level);
      const report = pdfsig(out);
      // pdfsig checks the CMS signature; it cannot validate a /DocTimeStamp ("Unimplemented Feature").
      expect(report.match(/Signature is Valid\./g)).toHaveLength(1);
      expect(report.match(/^Signature #\d+:/gm)).toHaveLength(signatureCount);
      // B-LT appends the /DSS after the signature, so only B-T and B-LTA end with a signed revision.
      const last = report.trimEnd().split("Signature #").at(-1);
      if (level === "B-LT") expect(last).toContain("Not total document signed");
      else expect(last).toContain("Total document signed");
      expect(await levelOf(out)).toBe(expected);
      const doc = await openPdf(new Uint8Array(readFileSync(out)));
      expect(doc.catalog.has("DSS")).toBe(level !== "B-T");
      expect(existingSignatures(doc).map((s) => s.isDocTimestamp)).toEqual(
        level === "B-LTA" ? [false, true] : [false],
      );
    },
  );

  it("--level without --tsa is a usage error; a dead first --tsa falls back to the next", async () => {
    const none = await runCli(signArgs(plain(), join(dir, "x.pdf"), "--level", "B-T"));
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^CLI_USAGE: /);
    const out = join(dir, "fallback.pdf");
    const r = await runCli(
      signArgs(plain(), out, "--level", "B-T", "--tsa", "http://127.0.0.1:9/tsa", "--tsa", tsaUrl),
    );
    expect(r.code, r.err).toBe(0);
    expect(await levelOf(out)).toBe("PAdES-BASELINE-T");
    const bad = await runCli(signArgs(plain(), join(dir, "x.pdf"), "--level", "B-XL", "--tsa", tsaUrl));
    expect(bad.err).toMatch(/^LTV_BAD_LEVEL/);
  });

  it("never prints a --tsa-auth password, on success or on failure", async () => {
    const secret = "Tsa-Sandi-9f3k";
    const ok = await runCli(
      signArgs(
        plain(),
        join(dir, "auth.pdf"),
        "--level",
        "B-T",
        "--tsa",
        tsaUrl,
        "--tsa-auth",
        "bsre:env:TSA_PW",
      ),
      { TSA_PW: secret },
    );
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out + ok.err).not.toContain(secret);
    const failed = await runCli(
      signArgs(
        plain(),
        join(dir, "auth2.pdf"),
        "--level",
        "B-T",
        "--tsa",
        "http://127.0.0.1:9/tsa",
        "--tsa-auth",
        `bsre:pass:${secret}`,
      ),
    );
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/^LTV_TSA_UNAVAILABLE/);
    expect(failed.out + failed.err).not.toContain(secret);
  });

  it("--certify 2 allows a second signature; --certify 1 refuses it with LTV_DOCMDP_FORBIDS", async () => {
    const certified2 = join(dir, "p2.pdf");
    expect((await runCli(signArgs(plain(), certified2, "--certify", "2"))).code).toBe(0);
    expect(pdfsig(certified2)).toContain("Signature is Valid.");
    const report = await verify(new Uint8Array(readFileSync(certified2)), {
      trustAnchors: [pki.root.certificate],
    });
    expect(report.signatures[0]?.certification).toEqual({ permissions: 2 });
    const second = join(dir, "p2-second.pdf");
    const r2 = await runCli(signArgs(certified2, second, "--field", "Kedua"));
    expect(r2.code, r2.err).toBe(0);
    expect(pdfsig(second).match(/Signature is Valid\./g)).toHaveLength(2);

    const certified1 = join(dir, "p1.pdf");
    expect((await runCli(signArgs(plain(), certified1, "--certify", "1"))).code).toBe(0);
    const refused = await runCli(signArgs(certified1, join(dir, "p1-second.pdf")));
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^LTV_DOCMDP_FORBIDS: [^\n]+\n$/);
    expect(existsSync(join(dir, "p1-second.pdf"))).toBe(false);
    const late = await runCli(signArgs(second, join(dir, "late.pdf"), "--certify", "3"));
    expect(late.err).toMatch(/^LTV_CERTIFY_NOT_FIRST/);
    const badP = await runCli(signArgs(plain(), join(dir, "x.pdf"), "--certify", "4"));
    expect(badP.err).toMatch(/^CLI_USAGE/);
  });

  it("--lock-fields writes a FieldMDP reference and the field /Lock", async () => {
    const out = join(dir, "lock.pdf");
    const r = await runCli(signArgs(plain(), out, "--field", "TTD1", "--lock-fields", "Nama, NIP"));
    expect(r.code, r.err).toBe(0);
    const text = readFileSync(out, "latin1");
    expect(text).toContain("/FieldMDP");
    expect(text).toMatch(/\/Type\s*\/SigFieldLock/);
    expect(text).toContain("(Nama)");
    expect(text).toContain("(NIP)");
    expect(pdfsig(out)).toContain("Signature is Valid.");
  });

  it("--password opens an encrypted input at B-B and B-LT; the update stays encrypted", async () => {
    const out = join(dir, "enc.pdf");
    const r = await runCli(signArgs(f("minimal-aes256.pdf"), out, "--password", "env:PDF_PW"), {
      PDF_PW: "usersecret",
    });
    expect(r.code, r.err).toBe(0);
    expect(r.out + r.err).not.toContain("usersecret");
    const report = spawnSync("pdfsig", ["-upw", "usersecret", out], { encoding: "utf8" }).stdout;
    expect(report).toContain("Signature is Valid.");
    const lt = join(dir, "enc-lt.pdf");
    const r2 = await runCli(
      signArgs(f("minimal-aes256.pdf"), lt, "--level", "B-LT", "--tsa", tsaUrl, "--password", "env:PDF_PW"),
      { PDF_PW: "usersecret" },
    );
    expect(r2.err).toBe("");
    expect(r2.code).toBe(0);
    const doc = await openPdf(new Uint8Array(readFileSync(lt)), { password: "usersecret" });
    expect(doc.encrypted).toBe(true);
    expect(doc.catalog.has("DSS")).toBe(true);
    const ltReport = spawnSync("pdfsig", ["-upw", "usersecret", lt], { encoding: "utf8" }).stdout;
    expect(ltReport).toContain("Signature is Valid.");
    const qpdf = spawnSync("qpdf", ["--password=usersecret", "--check", lt], { encoding: "utf8" });
    expect(qpdf.stdout).toContain("No syntax or stream encoding errors");
    const wrong = await runCli(
      signArgs(f("minimal-aes256.pdf"), join(dir, "x.pdf"), "--password", "pass:Keliru-7788"),
    );
    expect(wrong.code).not.toBe(0);
    expect(wrong.err).not.toContain("Keliru-7788");
  });
});
