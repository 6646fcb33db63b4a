import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { open, seal } from "./secret-box";
import { base32Decode, base32Encode, hotp, matchTotp, provisioningUri, totp } from "./totp";

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const seed = new TextEncoder().encode("12345678901234567890");

describe("TOTP (RFC 6238, SHA-1)", () => {
  it.each([
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ])("matches the RFC 6238 test vector at T=%i", (seconds, code) => {
    expect(totp(seed, seconds * 1000, { digits: 8 })).toBe(code);
  });

  it("matches the RFC 4226 HOTP vectors (6 digits)", () => {
    const expected = [
      "755224",
      "287082",
      "359152",
      "969429",
      "338314",
      "254676",
      "287922",
      "162583",
      "399871",
      "520489",
    ];
    expect(expected.map((_, i) => hotp(seed, i))).toEqual(expected);
  });

  it("accepts one step of drift either side and nothing further, naming the matched step", () => {
    const t = 1_700_000_000_000;
    const step = Math.floor(t / 30_000);
    const at = (delta: number) => hotp(seed, step + delta);
    expect(matchTotp(seed, at(0), t)).toBe(step);
    expect(matchTotp(seed, at(-1), t)).toBe(step - 1);
    expect(matchTotp(seed, at(1), t)).toBe(step + 1);
    for (const far of [-3, -2, 2, 3]) {
      const code = at(far);
      // A far code may collide with a near one (1 in 10^6); only assert when it does not.
      if (![-1, 0, 1].some((d) => at(d) === code)) expect(matchTotp(seed, code, t)).toBeUndefined();
    }
    expect(matchTotp(seed, "12345", t)).toBeUndefined();
    expect(matchTotp(seed, "abcdef", t)).toBeUndefined();
  });

  it("round-trips base32 (RFC 4648 vectors) and builds an authenticator provisioning URI", () => {
    expect(base32Encode(new TextEncoder().encode("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Encode(new TextEncoder().encode("f"))).toBe("MY");
    expect(new TextDecoder().decode(base32Decode("mzxw 6ytb oi=="))).toBe("foobar");
    expect(base32Decode("MZ1")).toBeUndefined();
    const secret = new Uint8Array(randomBytes(20));
    expect(base32Decode(base32Encode(secret))).toEqual(secret);
    const uri = new URL(provisioningUri(seed, "198001012005011001"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Teken:198001012005011001");
    expect(uri.searchParams.get("secret")).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(uri.searchParams.get("issuer")).toBe("Teken");
  });
});

describe("secret box (AES-256-GCM)", () => {
  it("opens only with the same key and context", () => {
    const key = new Uint8Array(randomBytes(32));
    const sealed = seal(key, seed, "totp:u1");
    expect(sealed).not.toContain("MTIzNDU2Nzg5MDEyMzQ1Njc4OTA");
    expect(open(key, sealed, "totp:u1")).toEqual(seed);
    expect(open(key, sealed, "totp:u2")).toBeUndefined();
    expect(open(new Uint8Array(randomBytes(32)), sealed, "totp:u1")).toBeUndefined();
    expect(open(key, `${sealed.slice(0, -2)}AA`, "totp:u1")).toBeUndefined();
  });
});
