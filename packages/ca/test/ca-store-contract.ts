import { describe, expect, it } from "vitest";
import type { CaStore } from "../src/ports";

/**
 * The behaviour every `CaStore` adapter must have; run it against each adapter
 * (`describeCaStoreContract("memory", () => new MemoryCaStore())`).
 */
export function describeCaStoreContract(name: string, makeStore: () => Promise<CaStore> | CaStore): void {
  describe(`CaStore contract: ${name}`, () => {
    const cert = new Uint8Array([0x30, 0x00]);
    const at = new Date("2026-01-02T03:04:05Z");

    it("finds issued certificates by serial in any hex spelling, per CA", async () => {
      const store = await makeStore();
      await store.recordIssued({ caId: "issuing", serialNumber: "00AB:CD", certificate: cert, issuedAt: at });
      expect((await store.findIssued("issuing", "abcd"))?.serialNumber).toBe("abcd");
      expect(await store.findIssued("issuing", "00abcd")).toMatchObject({ certificate: cert, issuedAt: at });
      expect(await store.findIssued("root", "abcd")).toBeUndefined();
      expect(await store.findIssued("issuing", "abce")).toBeUndefined();
    });

    it("keeps the first revocation of a serial and lists revocations per CA", async () => {
      const store = await makeStore();
      const first = await store.addRevocation({
        caId: "issuing",
        serialNumber: "0A",
        reason: "keyCompromise",
        revokedAt: at,
      });
      const second = await store.addRevocation({
        caId: "issuing",
        serialNumber: "0a",
        reason: "superseded",
        revokedAt: new Date(),
      });
      expect(second).toEqual(first);
      expect(first).toMatchObject({ serialNumber: "0a", reason: "keyCompromise" });
      await store.addRevocation({ caId: "root", serialNumber: "0b", reason: "cACompromise", revokedAt: at });
      expect((await store.listRevocations("issuing")).map((r) => r.serialNumber)).toEqual(["0a"]);
      expect(await store.findRevocation("issuing", "0b")).toBeUndefined();
      expect((await store.findRevocation("root", "0B"))?.reason).toBe("cACompromise");
    });

    it("counts each named counter from 1 independently", async () => {
      const store = await makeStore();
      expect(await store.nextCounter("crl:issuing")).toBe(1n);
      expect(await store.nextCounter("crl:issuing")).toBe(2n);
      expect(await store.nextCounter("tsa:serial")).toBe(1n);
    });
  });
}
