import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { opensslCrl, opensslOcsp } from "../../test/fixtures/ltv/support/openssl-revocation";
import {
  fixture,
  fixturePath,
  pdfsig,
  pemFixtureDer,
  qpdfCheck,
} from "../../test/fixtures/ltv/support/pdf-tools";
import { type CaServices, createCaServices } from "../../test/fixtures/ltv/support/teken-ca-services";
import { openPdf } from "../pdf/open-pdf";
import { signPdf } from "../sign/sign-pdf";
import { toHex } from "./bytes";
import { LtvError } from "./errors";
import { existingSignatures } from "./existing-signatures";
import { extendPdf, refreshLta } from "./extend-pdf";
import { httpRevocationSource } from "./http-revocation-source";
import { httpTimestampAuthority } from "./http-timestamp-authority";
import { parsePadesLevel } from "./levels";
import { memoryRevocationSource } from "./memory-revocation-source";
import type { TimestampAuthority } from "./ports";
import { signatureTimestampsOf } from "./signature-timestamp";

// Spawns openssl/pdfsig/qpdf and RSA key generation: generous limits for a loaded 2-core CI.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

describe("extendPdf / refreshLta on already-signed PDFs", () => {
  let ca: CaServices;
  let tsa: TimestampAuthority;
  beforeAll(async () => {
    ca = await createCaServices();
    tsa = httpTimestampAuthority({ endpoints: [ca.tsaUrl], fetch: ca.fetch });
  }, 60_000);
  afterAll(() => ca.close());

  const signBB = (contentsReserve?: number) => {
    const s = ca.pki.signer;
    return signPdf(fixture("minimal-xref.pdf"), {
      signer: { kind: "local", privateKey: s.privateKey, certificate: s.certificate, chain: s.chain },
      ...(contentsReserve === undefined ? {} : { contentsReserve }),
    });
  };

  it("B-T in place when /Contents has room: same length, signature still valid, token attached", async () => {
    const signed = await signBB(12_000);
    const { pdf, steps } = await extendPdf(signed, { level: "B-T", tsa });
    expect(steps).toEqual(["signature-timestamp"]);
    expect(pdf.length).toBe(signed.length);
    const sig = existingSignatures(await openPdf(pdf))[0];
    expect(signatureTimestampsOf(sig?.contents ?? new Uint8Array())).toHaveLength(1);
    expect(pdfsig(pdf)).toContain("Signature is Valid.");
  });

  it("B-T falls back to a document time-stamp when /Contents is too small", async () => {
    const signed = await signBB();
    const { pdf, steps } = await extendPdf(signed, { level: "B-T", tsa });
    expect(steps).toEqual(["document-timestamp"]);
    expect(toHex(pdf.subarray(0, signed.length))).toBe(toHex(signed));
    expect(existingSignatures(await openPdf(pdf)).map((s) => s.isDocTimestamp)).toEqual([false, true]);
    expect(pdfsig(pdf)).toContain("Signature is Valid.");
  });

  it("raises a poppler-signed file to B-LTA (document time-stamp, DSS, second document time-stamp)", async () => {
    const issuing = {
      certPath: fixturePath("poppler-pki/ca.pem"),
      keyPath: fixturePath("poppler-pki/ca.key"),
    };
    const root = {
      certPath: fixturePath("poppler-pki/root.pem"),
      keyPath: fixturePath("poppler-pki/root.key"),
    };
    const poppler = memoryRevocationSource({
      ocsps: [opensslOcsp(issuing, fixturePath("poppler-pki/signer.pem"))],
      crls: [opensslCrl(root)],
    });
    const ours = httpRevocationSource({ fetch: ca.fetch });
    // Poppler's PKI evidence is held in memory; the TSA's comes from @teken/ca over HTTP.
    const revocation = {
      ocsp: async (c: Uint8Array, i: Uint8Array) => (await poppler.ocsp(c, i)) ?? ours.ocsp(c, i),
      crl: async (c: Uint8Array) => (await poppler.crl(c)) ?? ours.crl(c),
    };
    const { pdf, steps, missing } = await extendPdf(fixture("poppler-signed-once.pdf"), {
      level: parsePadesLevel("PAdES-BASELINE-LTA"),
      tsa,
      revocation,
      extraCertificates: [pemFixtureDer("poppler-pki/ca.pem"), pemFixtureDer("poppler-pki/root.pem")],
    });
    expect(steps).toEqual(["document-timestamp", "dss", "document-timestamp"]);
    expect(missing).toEqual([]);
    expect(pdfsig(pdf)).toContain("Signature is Valid.");
    qpdfCheck(pdf);
  });

  it("LTA refresh of pyHanko's B-LTA file keeps its signature valid and reports what it lacks", async () => {
    const input = fixture("pades-lta-dss-indirect-arrs-test.pdf");
    const { pdf, steps, missing } = await refreshLta(input, {
      tsa,
      revocation: httpRevocationSource({ fetch: ca.fetch }),
    });
    expect(steps.at(-1)).toBe("document-timestamp");
    // pyHanko's test TSA has no reachable OCSP/CRL: reported, not thrown.
    expect(missing.map((m) => m.subject)).toContain("Time Stamping Authority");
    const report = pdfsig(pdf);
    expect(report).toMatch(/Sig1[\s\S]*Signature is Valid\./);
    expect(report).not.toMatch(/Digest Mismatch|Signature is Invalid/);
    expect(existingSignatures(await openPdf(pdf)).filter((s) => s.isDocTimestamp)).toHaveLength(2);
    qpdfCheck(pdf);
  });

  it("types its refusals: unsigned input, missing TSA or revocation source, unknown level", async () => {
    const unsigned = await extendPdf(fixture("minimal-xref.pdf"), { level: "B-T", tsa }).catch((e) => e);
    expect(unsigned).toBeInstanceOf(LtvError);
    expect(unsigned.code).toBe("LTV_NO_SIGNATURE");
    const signed = await signBB();
    const noTsa = await extendPdf(signed, { level: "B-T" }).catch((e) => e);
    expect(noTsa.code).toBe("LTV_BAD_LEVEL");
    const noRevocation = await extendPdf(signed, { level: "B-LT", tsa }).catch((e) => e);
    expect(noRevocation.code).toBe("LTV_BAD_LEVEL");
    expect(() => parsePadesLevel("B-XL")).toThrow(LtvError);
    expect(parsePadesLevel("pades-b-lt")).toBe("B-LT");
  });
});
