import type { RevocationSource } from "@teken/pades";
import { describe, expect, it } from "vitest";
import { enrol, startHarness } from "../test/harness";
import { cachedRevocationSource } from "./revocation-cache";
import type { SimulatorSigner } from "./signer-port";

const CERT = new Uint8Array([1, 2, 3]);
const OTHER = new Uint8Array([4, 5, 6]);
const ISSUER = new Uint8Array([9]);

/** A source that counts its calls and answers a fresh array each time (or fails when told). */
function countingSource() {
  const calls = { ocsp: 0, crl: 0 };
  let fail = false;
  const source: RevocationSource = {
    async ocsp() {
      calls.ocsp++;
      if (fail) throw new Error("responder down");
      return new Uint8Array([calls.ocsp]);
    },
    async crl() {
      calls.crl++;
      return new Uint8Array([100 + calls.crl]);
    },
  };
  return { source, calls, failNext: (v: boolean) => (fail = v) };
}

describe("cachedRevocationSource", () => {
  it("asks once per certificate within the TTL, again after it, and again after clear()", async () => {
    let now = 0;
    const { source, calls } = countingSource();
    const cached = cachedRevocationSource(source, { ttlMs: 1_000, now: () => new Date(now) });
    const first = await cached.ocsp(CERT, ISSUER);
    expect(await Promise.all([cached.ocsp(CERT, ISSUER), cached.ocsp(CERT, ISSUER)])).toEqual([first, first]);
    expect(calls.ocsp).toBe(1);
    await cached.ocsp(OTHER, ISSUER);
    expect(calls.ocsp).toBe(2);
    expect(await cached.crl(CERT)).toEqual(await cached.crl(CERT));
    expect(calls.crl).toBe(1);
    now = 999;
    await cached.ocsp(CERT, ISSUER);
    expect(calls.ocsp).toBe(2);
    now = 1_000;
    expect(await cached.ocsp(CERT, ISSUER)).toEqual(new Uint8Array([3]));
    cached.clear();
    await cached.ocsp(CERT, ISSUER);
    await cached.crl(CERT);
    expect(calls).toEqual({ ocsp: 4, crl: 2 });
  });

  it("does not keep a failed answer", async () => {
    const { source, calls, failNext } = countingSource();
    const cached = cachedRevocationSource(source);
    failNext(true);
    await expect(cached.ocsp(CERT, ISSUER)).rejects.toThrow("responder down");
    failNext(false);
    expect(await cached.ocsp(CERT, ISSUER)).toEqual(new Uint8Array([2]));
    expect(calls.ocsp).toBe(2);
  });
});

describe("revocations reach the signer", () => {
  it("calls the signer's onRevocation when the operator revokes a certificate", async () => {
    let revocations = 0;
    const signer: SimulatorSigner = {
      level: "PAdES-BASELINE-B",
      signPdf: async (r) => r.pdf,
      onRevocation: () => revocations++,
    };
    const h = await startHarness("in-process", { signer });
    const user = { nik: "3201011505800001", email: "budi@kemenag.go.id", nama: "Budi Santoso" };
    await enrol(h, { ...user, passphrase: "Sejuk-Pagi-di-Ambon-7" });
    expect(revocations).toBe(0);
    expect((await h.operator(`/users/${user.nik}/revoke`, {})).status).toBe(200);
    expect(revocations).toBe(1);
    await h.close();
  });
});
