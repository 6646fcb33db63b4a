import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fixture, pdfsig, qpdfCheck } from "../../test/fixtures/ltv/support/pdf-tools";
import { type CaServices, createCaServices } from "../../test/fixtures/ltv/support/teken-ca-services";
import { parseSignedData } from "../cms/parse-signed-data";
import { decodeStream } from "../pdf/filters";
import type { PdfStream } from "../pdf/objects";
import { openPdf } from "../pdf/open-pdf";
import type { LocalKeySigner } from "../sign/ports";
import { verify } from "../verify/verify";
import { byteRangeDigest } from "./byte-range";
import { toHex } from "./bytes";
import { LtvError } from "./errors";
import { existingSignatures } from "./existing-signatures";
import { httpRevocationSource } from "./http-revocation-source";
import { httpTimestampAuthority } from "./http-timestamp-authority";
import type { PadesLevel } from "./levels";
import { readOcspAnswer } from "./ocsp";
import { signAtLevel } from "./sign-at-level";
import { signatureTimestampsOf } from "./signature-timestamp";
import { parseCert } from "./signer-info";
import { readTimestampToken } from "./timestamp-token";

// Spawns openssl/pdfsig/qpdf and RSA key generation: generous limits for a loaded 2-core CI.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/** `openssl ts -verify` of a token against a digest, trusting the test root. */
function opensslTsVerify(ca: CaServices, token: Uint8Array, digest: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "teken-ltv-e2e-"));
  writeFileSync(join(dir, "t.der"), token);
  writeFileSync(join(dir, "root.pem"), ca.pki.pem.root);
  writeFileSync(join(dir, "untrusted.pem"), ca.pki.pem.issuing + ca.pki.pem.tsa);
  return execFileSync(
    "openssl",
    [
      "ts",
      "-verify",
      "-token_in",
      "-in",
      "t.der",
      "-digest",
      toHex(digest),
      "-CAfile",
      "root.pem",
      "-untrusted",
      "untrusted.pem",
    ],
    { cwd: dir, encoding: "utf8" },
  );
}

/** Decoded DER items of one /DSS array. */
async function dss(pdf: Uint8Array, key: "Certs" | "OCSPs" | "CRLs"): Promise<Uint8Array[]> {
  const doc = await openPdf(pdf);
  const dict = doc.resolveDict(doc.catalog.get("DSS"));
  return (doc.resolveArray(dict?.get(key))?.items ?? []).map((i) =>
    decodeStream(doc.resolve(i) as PdfStream),
  );
}

describe("signAtLevel end to end (@teken/ca OCSP, CRL and TSA on a localhost port)", () => {
  let ca: CaServices;
  let signer: LocalKeySigner;
  const input = fixture("minimal-xref.pdf");
  beforeAll(async () => {
    ca = await createCaServices({ listen: true });
    const { signer: s } = ca.pki;
    signer = { kind: "local", privateKey: s.privateKey, certificate: s.certificate, chain: s.chain };
  }, 60_000);
  afterAll(() => ca.close());

  const sign = (level: PadesLevel) =>
    signAtLevel(input, {
      signer,
      level,
      tsa: httpTimestampAuthority({ endpoints: [ca.tsaUrl] }),
      revocation: httpRevocationSource(),
    });

  /** The CMS of the first (approval) signature. */
  async function firstCms(pdf: Uint8Array): Promise<Uint8Array> {
    const sig = existingSignatures(await openPdf(pdf))[0];
    return parseSignedData(sig?.contents ?? new Uint8Array()).der;
  }

  it("B-B: valid for pdfsig, no time-stamp, no DSS", async () => {
    const { pdf, steps } = await sign("B-B");
    expect(steps).toEqual([]);
    expect(pdfsig(pdf)).toContain("Signature is Valid.");
    expect(signatureTimestampsOf(await firstCms(pdf))).toHaveLength(0);
    expect((await openPdf(pdf)).catalog.has("DSS")).toBe(false);
  });

  it("B-T: the signature time-stamp verifies with openssl ts -verify over the signature value", async () => {
    const { pdf } = await sign("B-T");
    expect(pdfsig(pdf)).toContain("Signature is Valid.");
    const cms = await firstCms(pdf);
    const [token] = signatureTimestampsOf(cms);
    const signature = parseSignedData(cms).signerInfos[0]?.signature ?? new Uint8Array();
    const imprint = new Uint8Array(await crypto.subtle.digest("SHA-256", signature.slice()));
    expect(opensslTsVerify(ca, token ?? new Uint8Array(), imprint)).toContain("Verification: OK");
  });

  it("B-LT: /DSS holds every certificate and good OCSP answers, checked object by object", async () => {
    const { pdf, missing, steps } = await sign("B-LT");
    expect(steps).toEqual(["signature-timestamp", "dss"]);
    expect(missing).toEqual([]);
    expect(pdfsig(pdf)).toContain("Signature is Valid.");
    qpdfCheck(pdf);
    const certs = (await dss(pdf, "Certs")).map(toHex);
    const { signer: s, issuing, root, tsa, ocspSigner } = ca.pki;
    for (const c of [
      s.certificate,
      issuing.certificate,
      root.certificate,
      tsa.certificate,
      ocspSigner.certificate,
    ]) {
      expect(certs).toContain(toHex(c));
    }
    const ocsps = await dss(pdf, "OCSPs");
    for (const c of [s.certificate, tsa.certificate]) {
      const answers = ocsps.map((o) => readOcspAnswer(o, parseCert(c))).filter((a) => a !== undefined);
      expect(answers.map((a) => a?.status)).toEqual(["good"]);
    }
    expect(ocsps.length + (await dss(pdf, "CRLs")).length).toBeGreaterThanOrEqual(3);
  });

  it("B-LTA: a document time-stamp over the LT revision, verified by openssl", async () => {
    const { pdf, steps } = await sign("B-LTA");
    expect(steps).toEqual(["signature-timestamp", "dss", "document-timestamp"]);
    const sigs = existingSignatures(await openPdf(pdf));
    expect(sigs.map((s) => s.isDocTimestamp)).toEqual([false, true]);
    const last = sigs[1];
    const digest = await byteRangeDigest(pdf, last?.byteRange ?? [], "SHA-256", crypto);
    expect(opensslTsVerify(ca, last?.contents ?? new Uint8Array(), digest)).toContain("Verification: OK");
    expect(pdfsig(pdf)).toContain("Signature is Valid.");
  });

  it("keeps the evidence of validity at signing time after the signer is revoked", async () => {
    const services = await createCaServices();
    const s = services.pki.signer;
    const { pdf } = await signAtLevel(input, {
      signer: { kind: "local", privateKey: s.privateKey, certificate: s.certificate, chain: s.chain },
      level: "B-LT",
      tsa: httpTimestampAuthority({ endpoints: [services.tsaUrl], fetch: services.fetch }),
      revocation: httpRevocationSource({ fetch: services.fetch }),
    });
    await new Promise((r) => setTimeout(r, 1100)); // revocation times have whole-second precision
    await services.revokeSigner();
    const live = await httpRevocationSource({ fetch: services.fetch }).ocsp(
      s.certificate,
      services.pki.issuing.certificate,
    );
    const now = readOcspAnswer(live ?? new Uint8Array(), parseCert(s.certificate));
    expect(now?.status).toBe("revoked");
    const held = (await dss(pdf, "OCSPs"))
      .map((o) => readOcspAnswer(o, parseCert(s.certificate)))
      .find((a) => a !== undefined);
    expect(held?.status).toBe("good");
    const [token] = signatureTimestampsOf(await firstCms(pdf));
    const genTime = (await readTimestampToken(token ?? new Uint8Array(), crypto)).genTime;
    expect(held?.producedAt.getTime()).toBeLessThan(now?.revocationTime?.getTime() ?? 0);
    expect(genTime.getTime()).toBeLessThan(now?.revocationTime?.getTime() ?? 0);
  });

  it("the package's own verifier detects each level, and passes B-LT and B-LTA offline", async () => {
    const seen: string[] = [];
    for (const level of ["B-B", "B-T", "B-LT", "B-LTA"] as const) {
      const { pdf } = await sign(level);
      const report = await verify(pdf, { trustAnchors: [ca.pki.root.certificate] });
      const [first] = report.signatures;
      seen.push(`${first?.level} ${level.endsWith("LT") || level.endsWith("LTA") ? first?.indication : "-"}`);
    }
    expect(seen).toEqual([
      "PAdES-BASELINE-B -",
      "PAdES-BASELINE-T -",
      "PAdES-BASELINE-LT TOTAL_PASSED",
      "PAdES-BASELINE-LTA TOTAL_PASSED",
    ]);
  });

  it("refuses B-T without a TSA (LTV_BAD_LEVEL) and surfaces TSA failures as LtvError", async () => {
    const noTsa = await signAtLevel(input, { signer, level: "B-T" }).catch((e) => e);
    expect(noTsa).toBeInstanceOf(LtvError);
    expect(noTsa.code).toBe("LTV_BAD_LEVEL");
    const down = httpTimestampAuthority({ endpoints: ["http://127.0.0.1:9/tsa"], timeoutMs: 2000 });
    const failed = await signAtLevel(input, { signer, level: "B-T", tsa: down }).catch((e) => e);
    expect(failed).toBeInstanceOf(LtvError);
    expect(failed.code).toBe("LTV_TSA_UNAVAILABLE");
  });
});
