import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { toHex } from "./bytes";
import type { RevocationSource } from "./ports";
import { gatherValidationData } from "./validation-data";

// Spawns openssl/pdfsig/qpdf and RSA key generation: generous limits for a loaded 2-core CI.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/** Two self-signed CAs with the SAME name but different keys, and a leaf issued by the second. */
function sameNameCas(): { a: Uint8Array; b: Uint8Array; leaf: Uint8Array } {
  const dir = mkdtempSync(join(tmpdir(), "teken-ltv-rekey-"));
  const run = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  for (const n of ["a", "b"]) {
    run([
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      `${n}.key`,
      "-out",
      `${n}.pem`,
      "-subj",
      "/CN=Same Root",
      "-days",
      "30",
    ]);
  }
  run([
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "leaf.key",
    "-out",
    "leaf.csr",
    "-subj",
    "/CN=Leaf",
  ]);
  run([
    "x509",
    "-req",
    "-in",
    "leaf.csr",
    "-CA",
    "b.pem",
    "-CAkey",
    "b.key",
    "-CAcreateserial",
    "-out",
    "leaf.pem",
    "-days",
    "10",
  ]);
  const der = (n: string) => new Uint8Array(run(["x509", "-in", `${n}.pem`, "-outform", "DER"]));
  return { a: der("a"), b: der("b"), leaf: der("leaf") };
}

describe("gatherValidationData", () => {
  it("picks the issuer whose key signed the certificate when two CAs share a name (re-keyed root)", async () => {
    const { a, b, leaf } = sameNameCas();
    const asked: string[] = [];
    const source: RevocationSource = {
      ocsp: async (_cert, issuer) => {
        asked.push(toHex(issuer));
        return undefined;
      },
      crl: async () => undefined,
    };
    const gathered = await gatherValidationData([], { revocation: source, extraCertificates: [a, b, leaf] });
    expect(asked).toEqual([toHex(b)]);
    expect(gathered.missing).toEqual([{ subject: "Leaf", reason: "no OCSP or CRL available" }]);
    expect(gathered.certs.map(toHex)).toEqual([a, b, leaf].map(toHex));
  });
});
