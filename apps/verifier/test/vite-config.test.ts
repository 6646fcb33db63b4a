import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundledAnchors } from "../vite.config";

describe("bundled anchors at build time", () => {
  it("uses the development root when TEKEN_VERIFIER_ANCHORS is unset, and says so", () => {
    const a = bundledAnchors({});
    expect(a.development).toBe(true);
    expect(a.pem).toContain("BEGIN CERTIFICATE");
  });
  it("bundles exactly the files TEKEN_VERIFIER_ANCHORS names", () => {
    const dir = mkdtempSync(join(tmpdir(), "teken-anchors-"));
    writeFileSync(join(dir, "a.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    writeFileSync(join(dir, "b.pem"), "-----BEGIN CERTIFICATE-----\nBBBB\n-----END CERTIFICATE-----\n");
    const a = bundledAnchors({ TEKEN_VERIFIER_ANCHORS: `${join(dir, "a.pem")}, ${join(dir, "b.pem")}` });
    expect(a.development).toBe(false);
    expect(a.pem).toContain("AAAA");
    expect(a.pem).toContain("BBBB");
    expect(a.pem).not.toContain("MII");
  });
});
