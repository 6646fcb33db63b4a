import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as pkijs from "pkijs";
import { beforeAll, describe, expect, it } from "vitest";
import { certDer } from "./certificates";
import { checkByteRange } from "./check-byte-range";
import { parseSignedData } from "./check-signer-info";
import { findSignatures } from "./find-signatures";
import { scanPdf } from "./pdf-scan/document";
import type { SignatureReport } from "./report";
import { verify } from "./verify";
import { verifyFixture, verifyFixturePath } from "../../test/verify-fixtures";

const dir = new URL("../../test/fixtures/verify/", import.meta.url);
const fixture = verifyFixture;

/** pyHanko's test root, taken from the chain its signer embedded (trusted for these tests only). */
let pyhankoRoot: Uint8Array;
let popplerRoot: Uint8Array;
beforeAll(() => {
  const pdf = scanPdf(fixture("pades-lta-dss-indirect-arrs-test.pdf"));
  const sd = parseSignedData(checkByteRange(pdf, findSignatures(pdf).fields[0]!.dict).contents!)!;
  const root = sd.certificates!.find((c) => c instanceof pkijs.Certificate && c.subject.isEqual(c.issuer));
  pyhankoRoot = certDer(root as pkijs.Certificate);
  const pem = readFileSync(new URL("poppler-root.pem", dir), "utf8");
  popplerRoot = new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64"));
});

const brief = (s: SignatureReport) => [
  s.fieldName,
  s.indication,
  s.subIndication,
  s.reasons[0]?.code ?? null,
  s.level,
];

describe("corpus files signed by other implementations", () => {
  it("poppler, twice (adbe.pkcs7.detached): both pass, the first lists the second signature", async () => {
    const r = await verify(fixture("poppler-signed-twice.pdf"), {
      trustAnchors: [popplerRoot],
      requireRevocation: false,
    });
    expect(r.signatures.map((s) => [s.indication, s.level, s.signer?.name])).toEqual([
      ["TOTAL_PASSED", "PKCS7-B", "Ahmad Fauzi"],
      ["TOTAL_PASSED", "PKCS7-B", "Ahmad Fauzi"],
    ]);
    expect(r.signatures[0]!.changes.length).toBeGreaterThan(0);
    expect(r.signatures[0]!.changes.every((c) => c.kind === "signature-added" && c.allowed)).toBe(true);
  });
  it("pyHanko B-LTA with expired certificates passes today through the document time-stamp's POE", async () => {
    const r = await verify(fixture("pades-lta-dss-indirect-arrs-test.pdf"), {
      trustAnchors: [pyhankoRoot],
      now: new Date("2026-11-25T00:00:00Z"),
    });
    expect(r.signatures.map(brief)).toEqual([
      ["Sig1", "TOTAL_PASSED", null, null, "PAdES-BASELINE-LTA"],
      ["Timestamp-977301ad-bec9-4cae-a0cd-f6a674c6e465", "TOTAL_PASSED", null, null, "NOT_ETSI"],
    ]);
    expect(r.signatures[0]!.provenTime).toBe("2020-11-01T00:00:00.000Z");
    expect(r.signatures[0]!.ltv.ready).toBe(true);
  });
  it("pyHanko B-B files are INDETERMINATE today (expired, no POE) and TRY_LATER in 2020 (no revocation data)", async () => {
    for (const name of [
      "pades-with-old-style-signing-cert-attr.pdf",
      "sig-with-ski-sid.pdf",
      "certified-with-indirect-refs-in-dir.pdf",
      "sig-no-signed-attrs.pdf",
    ]) {
      const today = await verify(fixture(name), {
        trustAnchors: [pyhankoRoot],
        now: new Date("2026-11-25T00:00:00Z"),
      });
      expect([name, ...brief(today.signatures[0]!).slice(1, 4)]).toEqual([
        name,
        "INDETERMINATE",
        "OUT_OF_BOUNDS_NO_POE",
        "CERTIFICATE_EXPIRED_NO_POE",
      ]);
      const then = await verify(fixture(name), {
        trustAnchors: [pyhankoRoot],
        now: new Date("2020-12-01T00:00:00Z"),
      });
      expect([name, ...brief(then.signatures[0]!).slice(1, 4)]).toEqual([
        name,
        "INDETERMINATE",
        "TRY_LATER",
        "REVOCATION_DATA_MISSING",
      ]);
      const relaxed = await verify(fixture(name), {
        trustAnchors: [pyhankoRoot],
        now: new Date("2020-12-01T00:00:00Z"),
        requireRevocation: false,
      });
      expect([name, relaxed.verdict]).toEqual([name, "TOTAL_PASSED"]);
    }
  });
  it("pyHanko: a second signature whose widget sits in an indirect /Kids array is a legal addition", async () => {
    const r = await verify(fixture("separate-annots-kids-indir.pdf"), {
      trustAnchors: [pyhankoRoot],
      now: new Date("2020-12-01T00:00:00Z"),
      requireRevocation: false,
    });
    expect(r.signatures.map((s) => s.indication)).toEqual(["TOTAL_PASSED", "TOTAL_PASSED"]);
    expect(
      r.signatures[0]!.changes.every((c) => c.allowed && c.field === (c.objectNumber === 6 ? null : "Sig2")),
    ).toBe(true);
  });
  it("a certification signature reports its DocMDP level", async () => {
    const r = await verify(fixture("certified-with-indirect-refs-in-dir.pdf"), {
      trustAnchors: [pyhankoRoot],
      now: new Date("2020-12-01T00:00:00Z"),
      requireRevocation: false,
    });
    expect([r.verdict, r.signatures[0]!.certification]).toEqual(["TOTAL_PASSED", { permissions: 1 }]);
  });
});

describe("corpus byte-range anomalies and malformed CMS (exact indications)", () => {
  const cases: [string, string][] = [
    ["coverage-anomalies_base.pdf", "CMS_UNPARSABLE"],
    ["coverage-anomalies_one-byterange.pdf", "BYTE_RANGE_INVALID"],
    ["coverage-anomalies_signature-gap-too-big.pdf", "BYTE_RANGE_GAP_NOT_CONTENTS"],
    ["coverage-anomalies_tail-uncovered.pdf", "BYTE_RANGE_NOT_AT_REVISION_END"],
    ["coverage-anomalies_weird-byterange.pdf", "BYTE_RANGE_GAP_NOT_CONTENTS"],
    ["pdf-sig-with-econtent.pdf", "CMS_NOT_DETACHED"],
  ];
  for (const [name, reason] of cases) {
    it(`${name} -> TOTAL_FAILED/FORMAT_FAILURE/${reason}`, async () => {
      const s = (await verify(fixture(name), { trustAnchors: [pyhankoRoot] })).signatures[0]!;
      expect([s.indication, s.subIndication, s.reasons[0]?.code]).toEqual([
        "TOTAL_FAILED",
        "FORMAT_FAILURE",
        reason,
      ]);
    });
  }
});

/** pdfsig's integrity verdict per signed range, from `pdfsig -nocert -no-ocsp`. */
function pdfsig(name: string): Map<string, boolean> {
  let out: string;
  try {
    out = execFileSync("pdfsig", ["-nocert", "-no-ocsp", verifyFixturePath(name)], { encoding: "utf8" });
  } catch (e) {
    out = String((e as { stdout?: string }).stdout ?? "");
  }
  const result = new Map<string, boolean>();
  for (const block of out.split(/Signature #\d+:/).slice(1)) {
    const ranges = /Signed Ranges: \[(\d+) - (\d+)\], \[(\d+) - (\d+)\]/.exec(block);
    const valid = /Signature Validation: Signature is Valid\./.test(block);
    if (ranges)
      result.set(
        `${ranges[1]} ${Number(ranges[2]) - Number(ranges[1])} ${ranges[3]} ${Number(ranges[4]) - Number(ranges[3])}`,
        valid,
      );
  }
  return result;
}

/** Where pdfsig is wrong or does not look (explained in docs/verification.md). */
const KNOWN_DIFFERENCES = new Set([
  "coverage-anomalies_signature-gap-too-big.pdf",
  "coverage-anomalies_tail-uncovered.pdf",
  "coverage-anomalies_weird-byterange.pdf",
  "pdf-sig-with-econtent.pdf",
  "sig-with-ski-sid.pdf",
  "pades-lta-dss-indirect-arrs-test.pdf#Timestamp-977301ad-bec9-4cae-a0cd-f6a674c6e465",
]);

describe("agreement with pdfsig on the integrity verdict", () => {
  const signed = [
    "certified-with-indirect-refs-in-dir.pdf",
    "coverage-anomalies_base.pdf",
    "coverage-anomalies_signature-gap-too-big.pdf",
    "coverage-anomalies_tail-uncovered.pdf",
    "coverage-anomalies_weird-byterange.pdf",
    "minimal-signed-twice-both-created.pdf",
    "minimal-two-fields-signed-twice.pdf",
    "pades-lta-dss-indirect-arrs-test.pdf",
    "pades-with-old-style-signing-cert-attr.pdf",
    "pdf-sig-with-econtent.pdf",
    "poppler-signed-once.pdf",
    "poppler-signed-twice.pdf",
    "separate-annots-kids-indir.pdf",
    "sig-no-signed-attrs.pdf",
    "sig-with-ski-sid.pdf",
  ];
  it("agrees on every signed corpus file except the documented differences", async () => {
    const disagreements: string[] = [];
    let compared = 0;
    for (const name of signed) {
      const theirs = pdfsig(name);
      const r = await verify(fixture(name), { requireRevocation: false });
      for (const s of r.signatures) {
        const key = s.coverage.byteRange?.join(" ") ?? "";
        const ours = !(
          s.indication === "TOTAL_FAILED" &&
          ["FORMAT_FAILURE", "HASH_FAILURE", "SIG_CRYPTO_FAILURE"].includes(s.subIndication ?? "") &&
          !["UNPERMITTED_CHANGES", "DOCMDP_VIOLATION", "FIELDMDP_VIOLATION", "TRAILING_DATA"].includes(
            s.reasons[s.reasons.length - 1]?.code ?? "",
          )
        );
        const their = theirs.get(key);
        compared++;
        if (
          their !== ours &&
          !KNOWN_DIFFERENCES.has(name) &&
          !KNOWN_DIFFERENCES.has(`${name}#${s.fieldName}`)
        )
          disagreements.push(`${name}#${s.fieldName}: pdfsig ${their} ours ${ours}`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(19);
  });
});
