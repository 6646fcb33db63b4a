import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as pkijs from "pkijs";
import { beforeAll, describe, expect, it } from "vitest";
import { certDer } from "./certificates";
import { checkByteRange } from "./check-byte-range";
import { parseSignedData } from "./check-signer-info";
import { findSignatures } from "./find-signatures";
import { scanPdf } from "./pdf-scan/document";
import type { ReasonCode, SignatureReport } from "./report";
import { verify } from "./verify";
import { verifyFixture } from "../../test/verify-fixtures";

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

/** One signature as pdfsig (`-nocert -no-ocsp`) reports it: field name, signed ranges, "Signature is Valid". */
interface PdfsigEntry {
  readonly field: string;
  /** "start length start length", like our /ByteRange; null when pdfsig printed no ranges. */
  readonly ranges: string | null;
  readonly valid: boolean;
}

/** pdfsig's integrity verdict per signature field, from `pdfsig -nocert -no-ocsp`. */
function pdfsig(path: string): PdfsigEntry[] {
  let out: string;
  try {
    out = execFileSync("pdfsig", ["-nocert", "-no-ocsp", path], { encoding: "utf8" });
  } catch (e) {
    out = String((e as { stdout?: string }).stdout ?? "");
  }
  return out
    .split(/Signature #\d+:/)
    .slice(1)
    .map((block) => {
      const field = /Signature Field Name: (.*)/.exec(block)?.[1]?.trim() ?? "";
      const r = /Signed Ranges: \[(\d+) - (\d+)\], \[(\d+) - (\d+)\]/.exec(block);
      return {
        field,
        ranges: r ? `${r[1]} ${Number(r[2]) - Number(r[1])} ${r[3]} ${Number(r[4]) - Number(r[3])}` : null,
        valid: /Signature Validation: Signature is Valid\./.test(block),
      };
    });
}

/** Every PDF under the fixture folders that holds a /ByteRange (a signature or a damaged one). */
function signedFixtures(): { name: string; path: string }[] {
  const root = fileURLToPath(new URL("../../test/fixtures/", import.meta.url));
  const found: { name: string; path: string }[] = [];
  const walk = (dirPath: string) => {
    for (const entry of readdirSync(dirPath, { withFileTypes: true })) {
      const full = join(dirPath, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".pdf") && readFileSync(full).includes("/ByteRange"))
        found.push({ name: relative(root, full), path: full });
    }
  };
  walk(root);
  return found.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * Reason codes that say the signed bytes or the CMS signature over them are not intact, or
 * could not be checked at all — what pdfsig's "Signature is Valid" speaks about. Trust,
 * time, revocation and change-analysis reasons are not integrity (pdfsig -nocert skips them).
 */
const INTEGRITY_CODES = new Set<ReasonCode>([
  "SIG_DICT_INVALID",
  "SUBFILTER_UNSUPPORTED",
  "BYTE_RANGE_MISSING",
  "BYTE_RANGE_INVALID",
  "BYTE_RANGE_GAP_NOT_CONTENTS",
  "BYTE_RANGE_NOT_AT_REVISION_END",
  "CONTENTS_MISSING",
  "CMS_UNPARSABLE",
  "CMS_SIGNER_COUNT",
  "CMS_NOT_DETACHED",
  "SIGNED_ATTRS_MISSING",
  "CONTENT_TYPE_MISMATCH",
  "MESSAGE_DIGEST_MISSING",
  "MESSAGE_DIGEST_MISMATCH",
  "SIGNER_CERTIFICATE_NOT_FOUND",
  "SIGNATURE_INVALID",
  "ALGORITHM_UNSUPPORTED",
  "TIMESTAMP_INVALID",
  "TIMESTAMP_IMPRINT_MISMATCH",
  "STRUCTURE_DAMAGED",
]);

/** Our integrity verdict: true unless ANY reason (not only the deciding one) is an integrity code. */
const intact = (s: SignatureReport) => !s.reasons.some((r) => INTEGRITY_CODES.has(r.code));

/**
 * Where we and pdfsig disagree, per file#field, with both verdicts: each documented in
 * docs/verification.md ("Differences from pdfsig"). Asserted exactly, so a change on either
 * side (or a new difference) fails.
 */
const EXPECTED_DIFFERENCES: Record<string, { pdfsig: boolean; ours: boolean }> = {
  // pdfsig accepts the signature-wrapping shapes; the ranges do not match /Contents or a revision end.
  "coverage-anomalies_one-byterange.pdf#Sig1": { pdfsig: true, ours: false },
  "coverage-anomalies_signature-gap-too-big.pdf#Sig1": { pdfsig: true, ours: false },
  "coverage-anomalies_tail-uncovered.pdf#Sig1": { pdfsig: true, ours: false },
  "coverage-anomalies_weird-byterange.pdf#Sig1": { pdfsig: true, ours: false },
  // a non-detached CMS under a detached SubFilter: pdfsig accepts it, we refuse it.
  "pdf-sig-with-econtent.pdf#Sig1": { pdfsig: true, ours: false },
  // SignerInfo by subject key identifier: pdfsig (NSS) does not find the certificate.
  "sig-with-ski-sid.pdf#Sig1": { pdfsig: false, ours: true },
  // pdfsig does not verify document time-stamps ("not yet verified").
  "pades-lta-dss-indirect-arrs-test.pdf#Timestamp-977301ad-bec9-4cae-a0cd-f6a674c6e465": {
    pdfsig: false,
    ours: true,
  },
};

describe("agreement with pdfsig on the integrity verdict", () => {
  const files = signedFixtures();
  it("finds every signed corpus file by scanning the fixture folders", () => {
    // the files known when this test was written; more may be added, none may go missing
    expect(files.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        "certified-with-indirect-refs-in-dir.pdf",
        "coverage-anomalies_base.pdf",
        "coverage-anomalies_one-byterange.pdf",
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
        "verify/teken-lt.pdf",
      ]),
    );
  });
  it("counts an integrity reason wherever it stands in the list, not only first or last", () => {
    const with_ = (codes: ReasonCode[]) =>
      ({ reasons: codes.map((code) => ({ code })) }) as unknown as SignatureReport;
    expect(intact(with_([]))).toBe(true);
    expect(intact(with_(["UNPERMITTED_CHANGES", "REVOCATION_DATA_MISSING"]))).toBe(true);
    expect(intact(with_(["UNPERMITTED_CHANGES", "MESSAGE_DIGEST_MISMATCH", "TRAILING_DATA"]))).toBe(false);
    expect(intact(with_(["CERTIFICATE_REVOKED", "SIGNATURE_INVALID"]))).toBe(false);
  });
  it("agrees on every signature of every signed fixture except the documented differences, which hold exactly", async () => {
    const problems: string[] = [];
    const differences: Record<string, { pdfsig: boolean; ours: boolean }> = {};
    let compared = 0;
    for (const { name, path } of files) {
      const theirs = pdfsig(path);
      const r = await verify(new Uint8Array(readFileSync(path)), { requireRevocation: false });
      if (theirs.length !== r.signatures.length)
        problems.push(`${name}: pdfsig lists ${theirs.length} signatures, we ${r.signatures.length}`);
      for (const s of r.signatures) {
        const key = `${name.replace(/^verify\//, "")}#${s.fieldName}`;
        const their = theirs.filter((t) => t.field === s.fieldName);
        if (their.length !== 1) {
          problems.push(`${key}: ${their.length} pdfsig entries for the field`);
          continue;
        }
        const t = their[0]!;
        // the same signature on both sides: pdfsig's ranges (when it prints them) are our /ByteRange
        if (t.ranges !== null && t.ranges !== (s.coverage.byteRange?.join(" ") ?? ""))
          problems.push(`${key}: pdfsig ranges ${t.ranges}, ours ${s.coverage.byteRange?.join(" ")}`);
        compared++;
        const ours = intact(s);
        if (t.valid !== ours || key in EXPECTED_DIFFERENCES) differences[key] = { pdfsig: t.valid, ours };
      }
    }
    expect(problems).toEqual([]);
    expect(differences).toEqual(EXPECTED_DIFFERENCES);
    expect(compared).toBeGreaterThanOrEqual(22);
  });
});
