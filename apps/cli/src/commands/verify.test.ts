import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCaHttpApp, createTestPki } from "@teken/ca";
import { signPdf } from "@teken/pades";
import { describe, expect, it } from "vitest";
import { serveOnPort } from "../../../../packages/ca/src/adapters/node-serve";
import { runCli } from "../../test/run-cli";
import { combineExitCodes, parseVerifyArgs, readWholeFile } from "./verify";
import { changeLines } from "./verify-run";

const verifyDir = new URL("../../../../packages/pades/test/fixtures/verify/", import.meta.url);
const sharedDir = new URL("../../../../packages/pades/test/fixtures/", import.meta.url);
/** A pades fixture: its verify/ folder first, then the shared corpus copies one level up. */
const f = (name: string) =>
  existsSync(new URL(name, verifyDir))
    ? new URL(name, verifyDir).pathname
    : new URL(name, sharedDir).pathname;

describe("teken verify", () => {
  it("exits 0 and prints the BSrE wording for a valid B-LT file with its root trusted", async () => {
    const r = await runCli(["verify", f("teken-lt.pdf"), "--trust", f("teken-root.pem")]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("TOTAL_PASSED");
    // time-stamped, with the CRLs of the issuing CA and the root in the DSS (make-teken-lt.ts)
    expect(r.out).toContain("Dokumen valid, Sertifikat yang digunakan terpercaya");
    expect(r.out).toContain("PAdES-BASELINE-LT");
  });
  it("exits 2 (indeterminate) without trust anchors and says why in English with --lang en", async () => {
    const r = await runCli(["verify", f("teken-lt.pdf"), "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.out).toContain("NO_TRUST_ANCHORS: No trusted root certificates are configured");
  });
  it("exits 1 when a signature failed", async () => {
    const r = await runCli(["verify", f("coverage-anomalies_weird-byterange.pdf")]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("TOTAL_FAILED/FORMAT_FAILURE");
  });
  it("exits 4 for an unsigned PDF and 3 for a file that is not a PDF", async () => {
    expect((await runCli(["verify", f("gs-letter.pdf")])).code).toBe(4);
    expect((await runCli(["verify", f("README.md")])).code).toBe(3);
    expect((await runCli(["verify", f("no-such-file.pdf")])).code).toBe(3);
  });
  it("prints one JSON report per file with --json and a progress line per file on stderr", async () => {
    const r = await runCli([
      "verify",
      f("teken-lt.pdf"),
      f("gs-letter.pdf"),
      "--json",
      "--trust",
      f("teken-root.pem"),
    ]);
    const reports = JSON.parse(r.out) as { file: string; verdict: string; version: string }[];
    expect(reports.map((x) => [x.verdict, x.version])).toEqual([
      ["TOTAL_PASSED", "teken.verify/1"],
      ["NO_SIGNATURE", "teken.verify/1"],
    ]);
    expect(r.err).toContain("[2/2]");
    expect(r.code).toBe(4);
  });
  it("refuses bad options with CLI_USAGE", async () => {
    expect(() => parseVerifyArgs(["a.pdf", "--lang", "fr"])).toThrow(/--lang/);
    expect(() => parseVerifyArgs([])).toThrow(/Usage/);
    const r = await runCli(["verify", "--bogus", "x.pdf"]);
    // 64, not 2: a mistyped option must not read as "indeterminate"
    expect([r.code, r.err.split(":")[0]]).toEqual([64, "CLI_USAGE"]);
    const env = await runCli(["verify", f("gs-letter.pdf"), "--password", "env:TEKEN_NO_SUCH_VAR"]);
    expect([env.code, env.err.split(":")[0]]).toEqual([64, "CLI_USAGE"]);
  });
  it("exits 66 (not 1, 'a signature failed') when a --trust file or --password file cannot be read", async () => {
    const trust = await runCli(["verify", f("gs-letter.pdf"), "--trust", "/no/such/roots.pem"]);
    expect([trust.code, trust.err.split(":")[0]]).toEqual([66, "CLI_READ"]);
    const pass = await runCli(["verify", f("gs-letter.pdf"), "--password", "file:/no/such/secret"]);
    expect([pass.code, pass.err.split(":")[0]]).toEqual([66, "CLI_READ"]);
  });
  it("lists an unreadable file in the --json array as UNREADABLE/READ_FAILED, and prints a progress line for a large file", async () => {
    const r = await runCli(["verify", f("no-such-file.pdf"), f("gs-letter.pdf"), "--json"]);
    const reports = JSON.parse(r.out) as {
      file: string;
      verdict: string;
      document: { error?: { code: string } };
    }[];
    expect(reports.map((x) => [x.verdict, x.document.error?.code ?? null])).toEqual([
      ["UNREADABLE", "READ_FAILED"],
      ["NO_SIGNATURE", null],
    ]);
    expect(r.code).toBe(3);
    const big = join(mkdtempSync(join(tmpdir(), "teken-verify-big-")), "big.pdf");
    writeFileSync(big, new Uint8Array(21 * 1024 * 1024));
    const b = await runCli(["verify", big]);
    expect(b.err).toContain("verifying");
    expect(b.err).toContain("(21 MB)");
    expect(b.code).toBe(3);
  });
  it("combines exit codes: failed > indeterminate > unreadable > no signature > passed", () => {
    expect([
      combineExitCodes([0, 4, 2]),
      combineExitCodes([0, 1, 2]),
      combineExitCodes([0, 0]),
      combineExitCodes([4, 3]),
    ]).toEqual([2, 1, 0, 3]);
  });
  it("--online completes the chain from the signer's AIA caIssuers URL and checks revocation over HTTP", async () => {
    let app: { fetch: (request: Request) => Response | Promise<Response> } | undefined;
    const paths: string[] = [];
    const server = await serveOnPort({
      fetch: (request: Request) => {
        const url = new URL(request.url);
        paths.push(url.pathname);
        if (app === undefined) return new Response("starting", { status: 503 });
        url.pathname = url.pathname.replace(/^\/pki/, "");
        return app.fetch(new Request(url, request));
      },
    });
    try {
      const pki = await createTestPki({ baseUrl: `${server.url}/pki` });
      app = createCaHttpApp({
        authorities: [pki.root, pki.issuing],
        store: pki.store,
        ocspSigners: { [pki.issuing.id]: pki.ocspSigner },
      });
      // No chain in the CMS: the issuing CA is only reachable through AIA.
      const pdf = await signPdf(new Uint8Array(readFileSync(f("gs-letter.pdf"))), {
        signer: {
          kind: "local",
          privateKey: pki.signer.privateKey,
          certificate: pki.signer.certificate,
          chain: [],
        },
      });
      const dir = mkdtempSync(join(tmpdir(), "teken-cli-verify-"));
      writeFileSync(join(dir, "signed.pdf"), pdf);
      writeFileSync(join(dir, "root.pem"), pki.pem.root);
      const args = ["verify", join(dir, "signed.pdf"), "--trust", join(dir, "root.pem"), "--lang", "en"];
      const offline = await runCli(args);
      expect([offline.code, offline.out.includes("CHAIN_NOT_FOUND")]).toEqual([2, true]);
      expect(paths).toEqual([]);
      const online = await runCli([...args, "--online"]);
      expect(online.code).toBe(0);
      expect(online.out).toContain("ISSUER_FROM_AIA");
      expect(paths).toContain(`/pki/certs/${pki.issuing.id}.crt`);
      expect(paths).toContain("/pki/ocsp");
    } finally {
      await server.close();
    }
  }, 60_000);
  it("--password opens an encrypted signed file (read through env:), without it the verdict is indeterminate", async () => {
    const pki = await createTestPki();
    const pdf = await signPdf(new Uint8Array(readFileSync(f("minimal-aes256.pdf"))), {
      signer: {
        kind: "local",
        privateKey: pki.signer.privateKey,
        certificate: pki.signer.certificate,
        chain: pki.signer.chain,
      },
      password: "usersecret",
    });
    const dir = mkdtempSync(join(tmpdir(), "teken-cli-verify-enc-"));
    writeFileSync(join(dir, "enc.pdf"), pdf);
    writeFileSync(join(dir, "root.pem"), pki.pem.root);
    const args = ["verify", join(dir, "enc.pdf"), "--trust", join(dir, "root.pem"), "--json"];
    const without = await runCli(args);
    const codes = (r: { out: string }) =>
      JSON.parse(r.out)[0].signatures[0].reasons.map((x: { code: string }) => x.code);
    // no revocation data for the signer nor for the issuing CA (every path certificate needs it)
    expect(codes(without)).toEqual([
      "REVOCATION_DATA_MISSING",
      "REVOCATION_DATA_MISSING",
      "DOCUMENT_NOT_DECRYPTED",
    ]);
    const withPw = await runCli([...args, "--password", "env:PDF_PASSWORD"], { PDF_PASSWORD: "usersecret" });
    const report = JSON.parse(withPw.out)[0];
    expect(report.document.encryption).toEqual({ method: "AESV3", decrypted: true, problem: null });
    expect(report.signatures[0].reasons.map((r: { code: string }) => r.code)).toEqual([
      "REVOCATION_DATA_MISSING",
      "REVOCATION_DATA_MISSING",
    ]);
    expect(withPw.out + withPw.err).not.toContain("usersecret");
  }, 60_000);
});

describe("teken verify: change lines", () => {
  it("folds changes alike but for the object into one line, keeping distinct ones apart", () => {
    const c = (objectNumber: number, kind: "dss-update" | "page-content", allowed: boolean) => ({
      revision: 3,
      objectNumber,
      kind,
      page: kind === "page-content" ? 0 : null,
      field: null,
      allowed,
    });
    expect(
      changeLines([c(25, "dss-update", true), c(51, "dss-update", true), c(4, "page-content", false)]),
    ).toEqual(["rev 3 objs 25, 51 dss-update ok", "rev 3 obj 4 page-content p.1 NOT ALLOWED"]);
  });
});

describe("teken verify: reading files", () => {
  it("reads empty, small and multi-part files byte for byte", async () => {
    const dir = mkdtempSync(join(tmpdir(), "teken-read-"));
    // 0 bytes, 1 part, and 3 parts of 16 MiB+ with a tail (a pattern that shows misplaced parts)
    for (const size of [0, 1000, 3 * 16 * 1024 * 1024 + 12345]) {
      const want = new Uint8Array(size);
      for (let i = 0; i < size; i += 4096) want[i] = (i / 4096) % 251;
      want[size - 1] = 7;
      const path = join(dir, `f${size}.bin`);
      writeFileSync(path, want);
      const got = await readWholeFile(path);
      expect(got.length).toBe(size);
      expect(Buffer.from(got).equals(Buffer.from(want))).toBe(true);
    }
    await expect(readWholeFile(join(dir, "missing.pdf"))).rejects.toThrow();
  });
});
