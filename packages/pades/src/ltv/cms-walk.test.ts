import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fixture } from "../../test/fixtures/ltv/support/pdf-tools";
import { type CaServices, createCaServices } from "../../test/fixtures/ltv/support/teken-ca-services";
import { addUnsignedAttribute, rebuildWithUnsignedAttribute } from "../cms/add-unsigned-attribute";
import { parseSignedData as parseCms } from "../cms/parse-signed-data";
import { openPdf } from "../pdf/open-pdf";
import { signPdf } from "../sign/sign-pdf";
import { localSigner } from "../verify/testing/setup";
import { grantedToken, looksLikeCrl, ocspCertificates, ocspNamesSerial } from "./cms-walk";
import { LtvError } from "./errors";
import { existingSignatures } from "./existing-signatures";
import { httpRevocationSource } from "./http-revocation-source";
import { httpTimestampAuthority } from "./http-timestamp-authority";
import { parseBasicOcsp } from "./ocsp";
import { OID } from "./oids";
import { certDer, parseCert } from "./signer-info";
import { unwrapTimestampResponse } from "./timestamp-response";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/** The DER CMS of a fresh B-B signature by the test PKI's signer. */
async function freshCms(ca: CaServices): Promise<Uint8Array> {
  const pdf = await signPdf(fixture("poppler-signed-once.pdf"), { signer: localSigner(ca.pki) });
  const sigs = existingSignatures(await openPdf(pdf));
  return parseCms(sigs[sigs.length - 1]?.contents ?? new Uint8Array()).der;
}

describe("DER walks of the long-term steps agree with PKI.js", () => {
  let ca: CaServices;
  beforeAll(async () => {
    ca = await createCaServices();
  }, 60_000);
  afterAll(() => ca.close());

  it("splicing the unsigned attribute gives the same bytes as parse-and-rebuild, twice in a row", async () => {
    const cms = await freshCms(ca);
    const first = { oid: OID.signatureTimeStampToken, values: [Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x07)] };
    const second = { oid: "1.2.3.4", values: [Uint8Array.of(0x05, 0x00)] };
    const a = addUnsignedAttribute(cms, first);
    expect(a).toEqual(rebuildWithUnsignedAttribute(cms, first, 0));
    const padded = new Uint8Array(a.length + 100);
    padded.set(a);
    const b = addUnsignedAttribute(padded, second);
    expect(b).toEqual(rebuildWithUnsignedAttribute(a, second, 0));
    const parsed = parseCms(b).signerInfos[0];
    expect(parsed?.unsignedAttributes.map((u) => u.oid).sort()).toEqual(
      ["1.2.3.4", OID.signatureTimeStampToken].sort(),
    );
    expect(parsed?.signature).toEqual(parseCms(cms).signerInfos[0]?.signature);
    expect(() => addUnsignedAttribute(cms, first, 3)).toThrow(/SignerInfo #3/);
  });

  it("OCSP: responder certificates and the serial check match the full parse", async () => {
    const { signer, issuing, root } = ca.pki;
    const der = (await httpRevocationSource({ fetch: ca.fetch }).ocsp(
      signer.certificate,
      issuing.certificate,
    )) as Uint8Array;
    expect(ocspCertificates(der)).toEqual((parseBasicOcsp(der).certs ?? []).map(certDer));
    expect(ocspCertificates(der)?.length).toBeGreaterThan(0);
    const serial = new Uint8Array(parseCert(signer.certificate).serialNumber.valueBlock.valueHexView);
    const other = new Uint8Array(parseCert(root.certificate).serialNumber.valueBlock.valueHexView);
    expect(ocspNamesSerial(der, serial)).toBe(true);
    expect(ocspNamesSerial(der, other)).toBe(false);
    const unsuccessful = Uint8Array.of(0x30, 0x03, 0x0a, 0x01, 0x06); // unauthorized (RFC 6960 §4.2.1)
    expect(ocspNamesSerial(unsuccessful, serial)).toBeUndefined();
    expect(ocspCertificates(der.subarray(0, der.length - 1))).toBeUndefined();
  });

  it("CRL outline: the CA's CRL passes, truncated or other DER does not", async () => {
    const crl = (await httpRevocationSource({ fetch: ca.fetch }).crl(
      ca.pki.signer.certificate,
    )) as Uint8Array;
    expect(looksLikeCrl(crl)).toBe(true);
    expect(looksLikeCrl(crl.subarray(0, crl.length - 1))).toBe(false);
    expect(looksLikeCrl(ca.pki.signer.certificate)).toBe(false);
  });

  it("TimeStampResp: a granted token is the TSA's bytes; other statuses go to the full parser's typed error", async () => {
    let reply = new Uint8Array();
    const tsa = httpTimestampAuthority({
      endpoints: [ca.tsaUrl],
      fetch: async (url, init) => {
        const response = await ca.fetch(url, init);
        reply = new Uint8Array(await response.clone().arrayBuffer());
        return response;
      },
    });
    const token = await tsa.timestamp(new Uint8Array(32).fill(7), "SHA-256");
    expect(grantedToken(reply)).toEqual(token);
    const rejection = Uint8Array.of(0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02);
    expect(grantedToken(rejection)).toBeUndefined();
    expect(() => unwrapTimestampResponse(rejection)).toThrow(LtvError);
    expect(() => unwrapTimestampResponse(rejection)).toThrow(
      expect.objectContaining({ code: "LTV_TSA_REJECTED" }),
    );
  });
});
