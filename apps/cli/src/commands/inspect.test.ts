import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/run-cli";
import type { InspectReport } from "./inspect";

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../../packages/pades/test/fixtures/${name}`, import.meta.url));

describe("teken inspect", () => {
  it("reports revisions, xref kind, fields and signature byte ranges as JSON", async () => {
    const r = await runCli(["inspect", fixture("poppler-signed-twice.pdf"), "--json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as InspectReport;
    expect(report.xrefKind).toBe("table");
    expect(report.pages).toBe(2);
    expect(report.revisions).toHaveLength(3);
    expect(report.revisions.at(-1)?.end).toBe(report.size);
    expect(report.signatures).toHaveLength(2);
    const [first, second] = report.signatures;
    expect(first?.subFilter).toBe("adbe.pkcs7.detached");
    expect(first?.byteRange?.[0]).toBe(0);
    expect(first?.revision).toBe(1);
    expect(first?.coversWholeFile).toBe(false);
    expect(second?.revision).toBe(2);
    expect(second?.coversWholeFile).toBe(true);
    expect(report.fields.every((f) => f.signed)).toBe(true);
  });

  it("prints a readable summary by default", async () => {
    const r = await runCli(["inspect", fixture("minimal-hybrid-xref.pdf")]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Xref\s+hybrid/);
    expect(r.out).toMatch(/Signatures\s+0/);
  });

  it("opens an encrypted file with --password env:VAR and never echoes it", async () => {
    const r = await runCli(["inspect", fixture("minimal-aes256.pdf"), "--password", "env:PDFPW"], {
      PDFPW: "usersecret",
    });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Encryption\s+AESV3 R6/);
    expect(r.out + r.err).not.toContain("usersecret");
  });

  it("fails with one coded line for a wrong password", async () => {
    const r = await runCli(["inspect", fixture("minimal-rc4.pdf"), "--password", "pass:wrongsecret"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^PDF_WRONG_PASSWORD: /);
    expect(r.err).not.toContain("wrongsecret");
    expect(r.err.trim().split("\n")).toHaveLength(1);
  });

  it("fails with CLI_FILE for a missing file and CLI_USAGE without one", async () => {
    expect((await runCli(["inspect", "/nonexistent.pdf"])).err).toMatch(/^CLI_FILE: /);
    expect((await runCli(["inspect"])).err).toMatch(/^CLI_USAGE: /);
  });
});
