import * as pkijs from "pkijs";
import { describe, expect, it, vi } from "vitest";
import { opensslCrl, opensslOcsp } from "../../test/fixtures/ltv/support/openssl-revocation";
import {
  fixture,
  fixturePath,
  pdfsig,
  pemFixtureDer,
  qpdfCheck,
} from "../../test/fixtures/ltv/support/pdf-tools";
import { decodeStream } from "../pdf/filters";
import { PdfRef, PdfStream } from "../pdf/objects";
import { openPdf } from "../pdf/open-pdf";
import { addValidationData } from "./add-validation-data";
import { toArrayBuffer, toHex } from "./bytes";
import { LtvError } from "./errors";
import { existingSignatures } from "./existing-signatures";
import { memoryRevocationSource } from "./memory-revocation-source";
import { readOcspAnswer } from "./ocsp";
import { parseCert } from "./signer-info";

// Spawns openssl/pdfsig/qpdf and RSA key generation: generous limits for a loaded 2-core CI.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const issuing = { certPath: fixturePath("poppler-pki/ca.pem"), keyPath: fixturePath("poppler-pki/ca.key") };
const root = { certPath: fixturePath("poppler-pki/root.pem"), keyPath: fixturePath("poppler-pki/root.key") };

/** The decoded DER streams of one /DSS array. */
async function dssItems(pdf: Uint8Array, key: "Certs" | "OCSPs" | "CRLs"): Promise<Uint8Array[]> {
  const doc = await openPdf(pdf);
  const dss = doc.resolveDict(doc.catalog.get("DSS"));
  return (doc.resolveArray(dss?.get(key))?.items ?? []).map((item) => {
    const stream = doc.resolve(item);
    if (!(stream instanceof PdfStream)) throw new Error("not a stream");
    return decodeStream(stream);
  });
}

describe("addValidationData (PAdES B-LT /DSS)", () => {
  it("adds certs, OCSP and CRL for a poppler-signed file in one incremental update", async () => {
    const input = fixture("poppler-signed-once.pdf");
    const signerPem = fixturePath("poppler-pki/signer.pem");
    const revocation = memoryRevocationSource({
      ocsps: [opensslOcsp(issuing, signerPem)],
      crls: [opensslCrl(root)],
    });
    const caDer = pemFixtureDer("poppler-pki/ca.pem");
    const rootDer = pemFixtureDer("poppler-pki/root.pem");
    const { pdf, gathered, added } = await addValidationData(input, {
      revocation,
      extraCertificates: [caDer, rootDer],
    });
    expect(gathered.missing).toEqual([]);
    expect(added).toBe(5);
    expect(toHex(pdf.subarray(0, input.length))).toBe(toHex(input));
    const doc = await openPdf(pdf);
    expect(doc.revisions.length).toBe((await openPdf(input)).revisions.length + 1);
    expect(doc.catalog.get("DSS")).toBeInstanceOf(PdfRef);
    expect(doc.resolveDict(doc.catalog.get("DSS"))?.has("VRI")).toBe(false);

    const certs = await dssItems(pdf, "Certs");
    const subjects = certs.map((c) =>
      String(parseCert(c).subject.typesAndValues.find((t) => t.type === "2.5.4.3")?.value.valueBlock.value),
    );
    expect(subjects.sort()).toEqual(["Ahmad Fauzi", "Test BSrE CA DS G1", "Test Root CA Indonesia DS G1"]);
    const ocsps = await dssItems(pdf, "OCSPs");
    expect(ocsps).toHaveLength(1);
    const signerCert = parseCert(pemFixtureDer("poppler-pki/signer.pem"));
    expect(readOcspAnswer(ocsps[0] ?? new Uint8Array(), signerCert)?.status).toBe("good");
    const crls = await dssItems(pdf, "CRLs");
    expect(crls).toHaveLength(1);
    const crl = pkijs.CertificateRevocationList.fromBER(toArrayBuffer(crls[0] ?? new Uint8Array()));
    expect(crl.issuer.isEqual(parseCert(rootDer).subject)).toBe(true);

    expect(pdfsig(pdf)).toContain("Signature is Valid.");
    expect(qpdfCheck(pdf)).toContain("No syntax or stream encoding errors");
  });

  it("writes nothing twice: a second run with the same data adds no update", async () => {
    const input = fixture("poppler-signed-once.pdf");
    const revocation = memoryRevocationSource({
      ocsps: [opensslOcsp(issuing, fixturePath("poppler-pki/signer.pem"))],
    });
    const extraCertificates = [pemFixtureDer("poppler-pki/ca.pem")];
    const first = await addValidationData(input, { revocation, extraCertificates });
    const second = await addValidationData(first.pdf, { revocation, extraCertificates });
    expect(second.added).toBe(0);
    expect(second.pdf).toBe(first.pdf);
    // The issuing CA has no OCSP and no CRL here: reported, not thrown.
    expect(first.gathered.missing.map((m) => m.subject)).toEqual(["Test BSrE CA DS G1"]);
  });

  it("covers both signatures of a file signed twice by poppler", async () => {
    const input = fixture("poppler-signed-twice.pdf");
    const revocation = memoryRevocationSource({
      ocsps: [opensslOcsp(issuing, fixturePath("poppler-pki/signer.pem"))],
      crls: [opensslCrl(root)],
    });
    const { pdf, gathered } = await addValidationData(input, {
      revocation,
      extraCertificates: [pemFixtureDer("poppler-pki/ca.pem"), pemFixtureDer("poppler-pki/root.pem")],
    });
    expect(gathered.missing).toEqual([]);
    expect(await dssItems(pdf, "Certs")).toHaveLength(3);
    expect(pdfsig(pdf).match(/Signature is Valid\./g)).toHaveLength(2);
  });

  it("writes /VRI only when asked, keyed by the SHA-1 of /Contents", async () => {
    const input = fixture("poppler-signed-once.pdf");
    const revocation = memoryRevocationSource({
      ocsps: [opensslOcsp(issuing, fixturePath("poppler-pki/signer.pem"))],
      crls: [opensslCrl(root)],
    });
    const extraCertificates = [pemFixtureDer("poppler-pki/ca.pem"), pemFixtureDer("poppler-pki/root.pem")];
    const { pdf } = await addValidationData(input, { revocation, extraCertificates, vri: true });
    const doc = await openPdf(pdf);
    const contents = existingSignatures(doc)[0]?.contents ?? new Uint8Array();
    const key = toHex(new Uint8Array(await crypto.subtle.digest("SHA-1", contents.slice())));
    const dss = doc.resolveDict(doc.catalog.get("DSS"));
    const vri = doc.resolveDict(dss?.get("VRI"));
    expect([...(vri?.map.keys() ?? [])]).toEqual([key]);
    const entry = doc.resolveDict(vri?.get(key));
    expect(doc.resolveArray(entry?.get("Cert"))?.length).toBe(3);
    expect(doc.resolveArray(entry?.get("OCSP"))?.length).toBe(1);
    expect(doc.resolveArray(entry?.get("CRL"))?.length).toBe(1);
    expect(pdfsig(pdf)).toContain("Signature is Valid.");
  });

  it("refuses an unsigned PDF with LTV_NO_SIGNATURE", async () => {
    const error = await addValidationData(fixture("minimal-xref.pdf"), {
      revocation: memoryRevocationSource({}),
    }).catch((e) => e);
    expect(error).toBeInstanceOf(LtvError);
    expect(error.code).toBe("LTV_NO_SIGNATURE");
  });
});
