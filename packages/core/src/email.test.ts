import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkEmail } from "./email";
import { domainSkeleton, editDistance, isLookalikeDomain } from "./email-lookalike";

const accepted: [string, string][] = [
  ["budi.santoso@kemenag.go.id", "budi.santoso@kemenag.go.id"],
  ["  Budi.Santoso@KEMENAG.GO.ID ", "budi.santoso@kemenag.go.id"],
  ["siti_aminah+tte@kemenag.go.id", "siti_aminah+tte@kemenag.go.id"],
  ["a@kemenag.go.id", "a@kemenag.go.id"],
];

const refused: [string, string, string][] = [
  ["no @", "budi.kemenag.go.id", "EMAIL_FORMAT"],
  ["two @", "budi@x@kemenag.go.id", "EMAIL_FORMAT"],
  ["empty local part", "@kemenag.go.id", "EMAIL_FORMAT"],
  ["double dot", "budi..santoso@kemenag.go.id", "EMAIL_FORMAT"],
  ["space inside", "budi santoso@kemenag.go.id", "EMAIL_FORMAT"],
  ["trailing dot in domain", "budi@kemenag.go.id.", "EMAIL_FORMAT"],
  ["single-label domain", "budi@localhost", "EMAIL_FORMAT"],
  ["label starting with a hyphen", "budi@-kemenag.go.id", "EMAIL_FORMAT"],
  ["quoted local part", '"budi"@kemenag.go.id', "EMAIL_FORMAT"],
  ["local part over 64", `${"a".repeat(65)}@kemenag.go.id`, "EMAIL_TOO_LONG"],
  ["address over 254", `budi@${"a".repeat(250)}.go.id`, "EMAIL_TOO_LONG"],
  ["Cyrillic a (U+0430)", "budi@kemen\u0430g.go.id", "EMAIL_NON_ASCII"],
  ["Greek omicron in the local part", "bud\u03bf@kemenag.go.id", "EMAIL_NON_ASCII"],
  ["fullwidth at sign", "budi\uff20kemenag.go.id", "EMAIL_NON_ASCII"],
  ["zero-width space", "budi@kemenag\u200b.go.id", "EMAIL_NON_ASCII"],
  ["dotless i", "budi@kemenag.go.\u0131d", "EMAIL_NON_ASCII"],
  ["punycode label", "budi@xn--kemnag-n5a.go.id", "EMAIL_PUNYCODE"],
  ["punycode sub-domain", "budi@xn--80ak6aa92e.kemenag.go.id", "EMAIL_PUNYCODE"],
  ["allowed domain as a prefix", "budi@kemenag.go.id.evil.com", "EMAIL_LOOKALIKE_DOMAIN"],
  ["hyphen for the dot", "budi@kemenag-go.id", "EMAIL_LOOKALIKE_DOMAIN"],
  ["one letter off", "budi@kemenaq.go.id", "EMAIL_LOOKALIKE_DOMAIN"],
  ["rn for m", "budi@kernenag.go.id", "EMAIL_LOOKALIKE_DOMAIN"],
  ["co.id for go.id", "budi@kemenag.co.id", "EMAIL_LOOKALIKE_DOMAIN"],
  ["missing letter", "budi@kemnag.go.id", "EMAIL_LOOKALIKE_DOMAIN"],
  ["brand on .com", "budi@kemenag.com", "EMAIL_LOOKALIKE_DOMAIN"],
  ["brand with a prefix", "budi@mail-kemenag.net", "EMAIL_LOOKALIKE_DOMAIN"],
  ["sub-domain", "budi@jatim.kemenag.go.id", "EMAIL_SUBDOMAIN_NOT_ALLOWED"],
  ["deep sub-domain", "budi@a.b.kemenag.go.id", "EMAIL_SUBDOMAIN_NOT_ALLOWED"],
  ["gmail", "budi.santoso@gmail.com", "EMAIL_DOMAIN_NOT_ALLOWED"],
  ["another ministry", "budi@kemenkeu.go.id", "EMAIL_DOMAIN_NOT_ALLOWED"],
  ["Kemendagri", "budi@kemendagri.go.id", "EMAIL_DOMAIN_NOT_ALLOWED"],
  ["go.id alone", "budi@go.id", "EMAIL_DOMAIN_NOT_ALLOWED"],
];

describe("checkEmail", () => {
  it.each(accepted)("accepts %j as %s", (input, address) => {
    const r = checkEmail(input);
    expect(r.ok && r.value.address).toBe(address);
  });
  it.each(refused)("refuses %s", (_label, input, code) => {
    const r = checkEmail(input);
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual([code]);
  });
  it("names the domain and the allowed one in the parameters", () => {
    const r = checkEmail("budi@kemenag-go.id");
    expect(r.ok ? undefined : r.issues[0]?.params).toEqual({
      domain: "kemenag-go.id",
      allowed: "kemenag.go.id",
    });
    const n = checkEmail("budi@kemen\u0430g.go.id");
    expect(n.ok ? undefined : n.issues[0]?.params).toEqual({ char: "U+0430" });
  });
  it("takes a configurable allow-list and sub-domain switch", () => {
    const policy = { allowedDomains: ["kemenag.go.id", "Uinjkt.ac.id"] };
    expect(checkEmail("dosen@uinjkt.ac.id", policy).ok).toBe(true);
    expect(checkEmail("budi@jatim.kemenag.go.id", { allowSubdomains: true }).ok).toBe(true);
    expect(checkEmail("budi@jatim.kemenag.go.id.evil.com", { allowSubdomains: true }).ok).toBe(false);
    const r = checkEmail("budi@kemenag.go.id", { allowedDomains: ["bssn.go.id"] });
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(["EMAIL_DOMAIN_NOT_ALLOWED"]);
  });
});

describe("checkEmail on arbitrary input (property)", () => {
  it("never throws, and accepts only ASCII addresses at an allowed domain", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.emailAddress(),
          fc.emailAddress().map((e) => e.replace(/@.*/, "@kemenag.go.id")),
        ),
        (s) => {
          const r = checkEmail(s);
          if (r.ok) {
            expect(r.value.domain).toBe("kemenag.go.id");
            expect(r.value.address).toMatch(/^[\x21-\x7e]+$/);
          }
        },
      ),
    );
  });
});

describe("look-alike helpers", () => {
  it("folds homoglyphs and measures edits", () => {
    expect(domainSkeleton("KERNENAG-go.id")).toBe(domainSkeleton("kemenag.go.id"));
    expect(editDistance("kemenag", "kemenag")).toBe(0);
    expect(editDistance("kemenag", "kemneag")).toBe(1);
    expect(editDistance("kemenag", "kemenkeu")).toBe(3);
    expect(isLookalikeDomain("kemenag.go.id.evil.com", "kemenag.go.id")).toBe(true);
    expect(isLookalikeDomain("bssn.go.id", "kemenag.go.id")).toBe(false);
  });
});
