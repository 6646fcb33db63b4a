import { beforeAll, describe, expect, it } from "vitest";
import {
  ATTACK_CASES,
  type AttackInputs,
  describeVerdict,
  expectedFor,
  observe,
  verdict,
} from "./testing/attack-cases";
import * as atk from "./testing/attacks";
import {
  createTestPki,
  oddSigner,
  revokeSigner,
  rootCrl,
  signatureTimestamper,
  type TestPki,
} from "./testing/test-pki";
import { testSignOptions } from "./testing/setup";
import { type TestSignOptions, testSign } from "./testing/test-signer";
import { verify } from "./verify";
import { memoryRevocationSource } from "../ltv/memory-revocation-source";
import { verifyFixture } from "../../test/verify-fixtures";

const fixture = verifyFixture;

let pki: TestPki;
let base: Uint8Array;
let signed: Uint8Array;
let signOpts: TestSignOptions;
let inputs: AttackInputs;
const sign = (pdf: Uint8Array, extra: Partial<TestSignOptions> = {}) =>
  testSign(pdf, { ...signOpts, ...extra });
const check = (pdf: Uint8Array, opts: { requireRevocation?: boolean } = {}) =>
  verify(pdf, { trustAnchors: [pki.root.certificate], requireRevocation: opts.requireRevocation ?? false });

beforeAll(async () => {
  pki = await createTestPki();
  signOpts = testSignOptions(pki);
  base = fixture("gs-letter.pdf");
  signed = await sign(base);
  const shadow = atk.shadowPrepare(base);
  inputs = {
    pki,
    base,
    signed,
    form: fixture("minimal-with-simple-form.pdf"),
    shadow: { ...shadow, signed: await sign(shadow.pdf) },
    sign: (pdf, fieldName) => sign(pdf, fieldName ? { fieldName } : {}),
    certify: (pdf, docMdp) => sign(pdf, { docMdp }),
    signAs: (pdf, key) => sign(pdf, { ...key, chain: pki.signer.chain }),
  };
}, 60_000);

describe("the untouched signature is the baseline", () => {
  it("passes", async () => {
    expect(verdict(await check(signed))).toEqual(["TOTAL_PASSED", null, undefined]);
  });
});

// The attack table shared with attacks-our-signer.test.ts (testing/attack-cases.ts).
for (const group of new Set(ATTACK_CASES.map((c) => c.group))) {
  describe(group, () => {
    for (const c of ATTACK_CASES.filter((c) => c.group === group)) {
      const expected = expectedFor(c, "test");
      it(`${c.name} -> ${describeVerdict(expected)}`, async () => {
        expect(observe(await check(await c.attack(inputs)), expected)).toEqual(expected);
      });
    }
  });
}

describe("Certification attacks (IEEE S&P 2021) and MDP", () => {
  it("the same annotation on a P=3 certified document is allowed and listed", async () => {
    const r = await check(atk.evilAnnotation(await sign(base, { docMdp: 3 })));
    expect(verdict(r)).toEqual(["TOTAL_PASSED", null, undefined]);
    expect(r.signatures[0]!.changes.find((c) => c.kind === "annotation")?.allowed).toBe(true);
  });
  it("sneaky signature: a new visible signature field after P=2 -> HASH_FAILURE/DOCMDP_VIOLATION", async () => {
    const certified = await sign(base, { docMdp: 2 });
    const r = await check(await sign(certified, { fieldName: "Sneaky", rect: [50, 50, 550, 750] }));
    expect(verdict(r, 0)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "DOCMDP_VIOLATION"]);
    expect(verdict(r, 1)).toEqual(["TOTAL_PASSED", null, undefined]);
  });
  it("a certification signature after an approval signature -> FORMAT_FAILURE/CERTIFICATION_NOT_FIRST; /Perms added breaks the first", async () => {
    const r = await check(await sign(signed, { fieldName: "LateCert", docMdp: 2 }));
    expect(verdict(r, 1)).toEqual(["TOTAL_FAILED", "FORMAT_FAILURE", "CERTIFICATION_NOT_FIRST"]);
    expect(verdict(r, 0)).toEqual(["TOTAL_FAILED", "HASH_FAILURE", "UNPERMITTED_CHANGES"]);
    expect(r.signatures[0]!.changes.find((c) => !c.allowed)?.kind).toBe("catalog");
  });
  it("filling a field the signature locks (FieldMDP) -> HASH_FAILURE/FIELDMDP_VIOLATION", async () => {
    const form = fixture("minimal-with-simple-form.pdf");
    const locked = await sign(form, { docMdp: 2, fieldMdp: { action: "Include", fields: ["TextField1"] } });
    expect(verdict(await check(atk.fillTextField(locked, "TextField1", "forged")))).toEqual([
      "TOTAL_FAILED",
      "HASH_FAILURE",
      "FIELDMDP_VIOLATION",
    ]);
  });
});

describe("CMS and certificate attacks", () => {
  it("message-digest of other bytes -> TOTAL_FAILED/HASH_FAILURE/MESSAGE_DIGEST_MISMATCH", async () => {
    expect(verdict(await check(await sign(base, { cms: { forgeDigest: new Uint8Array(32) } })))).toEqual([
      "TOTAL_FAILED",
      "HASH_FAILURE",
      "MESSAGE_DIGEST_MISMATCH",
    ]);
  });
  it("no signed attributes in an ETSI.CAdES.detached signature -> TOTAL_FAILED/FORMAT_FAILURE", async () => {
    expect(verdict(await check(await sign(base, { cms: { signedAttrs: false } })))).toEqual([
      "TOTAL_FAILED",
      "FORMAT_FAILURE",
      "SIGNED_ATTRS_MISSING",
    ]);
  });
  it("no signed attributes in adbe.pkcs7.detached is accepted (ISO 32000-2 §12.8.3.3)", async () => {
    expect(
      verdict(
        await check(await sign(base, { subFilter: "adbe.pkcs7.detached", cms: { signedAttrs: false } })),
      ),
    ).toEqual(["TOTAL_PASSED", null, undefined]);
  });
  // SHA-1 and RSA-1024 were reliable until 2009 (algorithmAtPoe): without a time-stamp from
  // before then the sub-indication is CRYPTO_CONSTRAINTS_FAILURE_NO_POE (EN 319 102-1 §5.2.8),
  // no longer the bare CRYPTO_CONSTRAINTS_FAILURE; the signature value is verified first.
  it("SHA-1 -> INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE", async () => {
    const odd = await oddSigner(pki, { hash: "SHA-1" });
    const pdf = await sign(base, { ...odd, chain: pki.signer.chain, cms: { digest: "SHA-1" } });
    expect(verdict(await check(pdf))).toEqual([
      "INDETERMINATE",
      "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
      "WEAK_DIGEST_ALGORITHM",
    ]);
  });
  it("a weak algorithm does not hide a bad signature value: SHA-1 declared, SHA-256 signed -> SIG_CRYPTO_FAILURE", async () => {
    expect(verdict(await check(await sign(base, { cms: { digest: "SHA-1" } })))).toEqual([
      "TOTAL_FAILED",
      "SIG_CRYPTO_FAILURE",
      "SIGNATURE_INVALID",
    ]);
  });
  it("a signer outside the trusted hierarchy -> INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND", async () => {
    const other = await createTestPki();
    expect(
      verdict(await verify(signed, { trustAnchors: [other.root.certificate], requireRevocation: false })),
    ).toEqual(["INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND", "CHAIN_NOT_FOUND"]);
  });
});

describe("revocation and proof of existence", () => {
  it("revoked before the time-stamp -> TOTAL_FAILED/REVOKED; after it -> TOTAL_PASSED; no POE -> REVOKED_NO_POE", async () => {
    const p = await createTestPki();
    const opts = {
      fieldName: "S",
      certificate: p.signer.certificate,
      chain: p.signer.chain,
      privateKey: p.signer.privateKey,
    };
    const withTs = await testSign(base, { ...opts, cms: { timestamp: signatureTimestamper(p) } });
    const noTs = await testSign(base, { ...opts, claimedTime: new Date(Date.now() - 3_600_000) });
    const crlLater = await revokeSigner(p, new Date(Date.now() + 60_000));
    // The root's CRL answers for the issuing CA (revocation is needed for every CA of the path).
    const pRoot = await rootCrl(p);
    const withCrl = (pdf: Uint8Array, crl: Uint8Array) =>
      verify(pdf, {
        trustAnchors: [p.root.certificate],
        revocationSource: memoryRevocationSource({ crls: [crl, pRoot] }),
      });
    expect(verdict(await withCrl(withTs, crlLater))).toEqual(["TOTAL_PASSED", null, undefined]);
    expect(verdict(await withCrl(noTs, crlLater))).toEqual([
      "INDETERMINATE",
      "REVOKED_NO_POE",
      "CERTIFICATE_REVOKED_NO_POE",
    ]);
    const q = await createTestPki();
    const qOpts = {
      fieldName: "S",
      certificate: q.signer.certificate,
      chain: q.signer.chain,
      privateKey: q.signer.privateKey,
    };
    const crlBefore = await revokeSigner(q, new Date(Date.now() - 60_000));
    const lateTs = await testSign(base, { ...qOpts, cms: { timestamp: signatureTimestamper(q) } });
    const r = await verify(lateTs, {
      trustAnchors: [q.root.certificate],
      revocationSource: memoryRevocationSource({ crls: [crlBefore, await rootCrl(q)] }),
    });
    expect(verdict(r)).toEqual(["TOTAL_FAILED", "REVOKED", "CERTIFICATE_REVOKED"]);
  }, 60_000);
});

describe("controls come out valid with their changes listed", () => {
  it("two approval signatures: both pass, the first lists the second as signature-added", async () => {
    const twice = await sign(signed, { fieldName: "Signature2" });
    const r = await check(twice);
    expect(r.signatures.map((s) => s.indication)).toEqual(["TOTAL_PASSED", "TOTAL_PASSED"]);
    expect(new Set(r.signatures[0]!.changes.map((c) => c.kind))).toEqual(new Set(["signature-added"]));
    expect(r.signatures[0]!.changes.every((c) => c.allowed)).toBe(true);
  });
  it("form filling after a P=2 certification passes and is listed as form-fill", async () => {
    const certified = await sign(fixture("minimal-with-simple-form.pdf"), { docMdp: 2 });
    const r = await check(atk.fillTextField(certified, "TextField1", "Jakarta"));
    expect(verdict(r)).toEqual(["TOTAL_PASSED", null, undefined]);
    expect(r.signatures[0]!.changes).toContainEqual(
      expect.objectContaining({ kind: "form-fill", field: "TextField1", allowed: true }),
    );
  });
});
