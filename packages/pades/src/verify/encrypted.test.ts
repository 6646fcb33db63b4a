import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signPdf } from "../sign/sign-pdf";
import type { SignatureReport } from "./report";
import { createTestPki, type TestPki } from "./testing/test-pki";
import { verify } from "./verify";
import { verifyFixturePath } from "../../test/verify-fixtures";

const dir = mkdtempSync(join(tmpdir(), "teken-verify-enc-"));
const fixture = (name: string) => new Uint8Array(readFileSync(verifyFixturePath(name)));
let pki: TestPki;
let aes128: Uint8Array;
beforeAll(async () => {
  pki = await createTestPki();
  // AES-128 (V4/AESV2) with an empty user password, made by qpdf from a clear letter.
  const out = join(dir, "aes128.pdf");
  const q = spawnSync("qpdf", [
    "--encrypt",
    "",
    "ownersecret",
    "128",
    "--use-aes=y",
    "--",
    verifyFixturePath("gs-letter.pdf"),
    out,
  ]);
  expect(q.status).toBe(0);
  aes128 = new Uint8Array(readFileSync(out));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const signer = () => ({
  kind: "local" as const,
  privateKey: pki.signer.privateKey,
  certificate: pki.signer.certificate,
  chain: pki.signer.chain,
});
const verdict = (s: SignatureReport) => [s.indication, s.subIndication, s.reasons[0]?.code ?? null];

function pdfsig(pdf: Uint8Array, password: string): string {
  const path = join(dir, `s-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  const r = spawnSync("pdfsig", ["-nocert", "-no-ocsp", ...(password ? ["-upw", password] : []), path], {
    encoding: "utf8",
  });
  return r.stdout + r.stderr;
}

describe("signed encrypted PDFs", () => {
  const cases = [
    {
      name: "AES-256 (R6)",
      input: () => fixture("minimal-aes256.pdf"),
      password: "usersecret",
      method: "AESV3",
    },
    { name: "RC4-128 (R3)", input: () => fixture("minimal-rc4.pdf"), password: "usersecret", method: "RC4" },
    { name: "AES-128 (R4), empty user password", input: () => aes128, password: "", method: "AESV2" },
  ];
  it.each(cases)(
    "$name: passes with its strings decrypted; pdfsig agrees",
    async ({ input, password, method }) => {
      const signed = await signPdf(input(), {
        signer: signer(),
        password,
        reason: "Menyetujui",
        location: "Jakarta",
        fieldName: "Persetujuan",
      });
      // The empty user password is tried without being asked for.
      const r = await verify(signed, {
        trustAnchors: [pki.root.certificate],
        requireRevocation: false,
        ...(password ? { password } : {}),
      });
      const s = r.signatures[0]!;
      expect(verdict(s)).toEqual(["TOTAL_PASSED", null, null]);
      expect([s.fieldName, s.reason, s.location]).toEqual(["Persetujuan", "Menyetujui", "Jakarta"]);
      expect(s.claimedTime).not.toBeNull();
      expect(r.document.encryption).toEqual({ method, decrypted: true, problem: null });
      const out = pdfsig(signed, password);
      expect(out).toContain("Signature Field Name: Persetujuan");
      expect(out).toContain("Signature is Valid.");
    },
  );
  it("without the password: INDETERMINATE/SIGNED_DATA_NOT_FOUND (changes cannot be analysed), never a pass", async () => {
    const signed = await signPdf(fixture("minimal-aes256.pdf"), { signer: signer(), password: "usersecret" });
    for (const password of [undefined, "wrong"]) {
      const r = await verify(signed, {
        trustAnchors: [pki.root.certificate],
        requireRevocation: false,
        ...(password ? { password } : {}),
      });
      expect(verdict(r.signatures[0]!)).toEqual([
        "INDETERMINATE",
        "SIGNED_DATA_NOT_FOUND",
        "DOCUMENT_NOT_DECRYPTED",
      ]);
      expect(r.document.encryption).toEqual({ method: null, decrypted: false, problem: "WRONG_PASSWORD" });
    }
    // A broken signature still fails outright: integrity does not need the password.
    const broken = signed.slice();
    broken[100] = broken[100]! ^ 0x01;
    const b = await verify(broken, { trustAnchors: [pki.root.certificate], requireRevocation: false });
    expect(b.signatures[0]!.indication).toBe("TOTAL_FAILED");
  });
  it("a second signature on an encrypted file: both pass, the first lists it as signature-added", async () => {
    const once = await signPdf(fixture("minimal-rc4.pdf"), {
      signer: signer(),
      password: "usersecret",
      fieldName: "A",
    });
    const twice = await signPdf(once, { signer: signer(), password: "usersecret", fieldName: "B" });
    const r = await verify(twice, {
      trustAnchors: [pki.root.certificate],
      requireRevocation: false,
      password: "usersecret",
    });
    expect(r.signatures.map((s) => [s.fieldName, s.indication])).toEqual([
      ["A", "TOTAL_PASSED"],
      ["B", "TOTAL_PASSED"],
    ]);
    expect(r.signatures[0]!.changes.every((c) => c.kind === "signature-added" && c.allowed)).toBe(true);
    expect(r.signatures[0]!.changes.map((c) => c.field)).toContain("B");
  });
});
