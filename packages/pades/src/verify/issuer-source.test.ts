import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { issueCrl } from "@teken/ca";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachedCert } from "./cert-cache";
import { caIssuersUrls, certificatesInResponse, httpIssuerSource } from "./issuer-source";
import type { SignatureReport } from "./report";
import { createTestPki, type TestPki } from "./testing/test-pki";
import { testSign } from "./testing/test-signer";
import { verify } from "./verify";
import { verifyFixture } from "../../test/verify-fixtures";

/** A local CA web server: /pki/certs/<id>.crt (DER, or .p7c-style SignedData with ?p7c), /pki/crl/<id>.crl. */
let server: Server;
let pki: TestPki;
let baseUrl: string;
let mode: "der" | "p7c" | "huge" | "pem" = "der";
const hits: string[] = [];
let signedWithoutChain: Uint8Array;

/** A certs-only SignedData holding `der` (RFC 5652 §5, no signers), built by hand. */
function certsOnly(der: Uint8Array): Uint8Array {
  const tlv = (tag: number, body: Uint8Array) => {
    const n = body.length;
    const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
    return new Uint8Array([tag, ...len, ...body]);
  };
  const cat = (...xs: Uint8Array[]) => new Uint8Array(xs.flatMap((x) => [...x]));
  const oidData = new Uint8Array([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01]);
  const oidSigned = new Uint8Array([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);
  const sd = tlv(
    0x30,
    cat(
      new Uint8Array([0x02, 0x01, 0x01]),
      tlv(0x31, new Uint8Array()),
      tlv(0x30, oidData),
      tlv(0xa0, der),
      tlv(0x31, new Uint8Array()),
    ),
  );
  return tlv(0x30, cat(oidSigned, tlv(0xa0, sd)));
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const path = req.url ?? "/";
    hits.push(path);
    const cert = /^\/pki\/certs\/([\w-]+)\.crt$/.exec(path)?.[1];
    const crl = /^\/pki\/crl\/([\w-]+)\.crl$/.exec(path)?.[1];
    const ca = [pki.root, pki.issuing].find((c) => c.id === (cert ?? crl));
    if (ca === undefined) {
      res.writeHead(404).end();
      return;
    }
    if (crl !== undefined) {
      res
        .writeHead(200, { "content-type": "application/pkix-crl" })
        .end(await issueCrl(ca, { store: pki.store }));
      return;
    }
    const der = ca.certificate;
    const pem = `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString("base64")}\n-----END CERTIFICATE-----\n`;
    const body =
      mode === "der"
        ? der
        : mode === "p7c"
          ? certsOnly(der)
          : mode === "pem"
            ? new TextEncoder().encode(pem)
            : new Uint8Array(400 * 1024);
    res.writeHead(200, { "content-type": "application/pkix-cert" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pki`;
  pki = await createTestPki({ baseUrl });
  // The CMS carries the signer certificate only: the issuing CA must come from somewhere else.
  signedWithoutChain = await testSign(verifyFixture("gs-letter.pdf"), {
    fieldName: "S",
    certificate: pki.signer.certificate,
    privateKey: pki.signer.privateKey,
  });
}, 60_000);
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const verdict = (s: SignatureReport) => [s.indication, s.subIndication, s.reasons[0]?.code ?? null];

describe("issuer certificates from AIA caIssuers (port + HTTP adapter)", () => {
  it("reads the caIssuers URL of the signer certificate", () => {
    expect(caIssuersUrls(cachedCert(pki.signer.certificate)!)).toEqual([
      `${baseUrl}/certs/${pki.issuing.id}.crt`,
    ]);
  });
  it("without an issuer source the path is not found; with one it is, and the report says so", async () => {
    const off = await verify(signedWithoutChain, {
      trustAnchors: [pki.root.certificate],
      requireRevocation: false,
    });
    expect(verdict(off.signatures[0]!)).toEqual([
      "INDETERMINATE",
      "NO_CERTIFICATE_CHAIN_FOUND",
      "CHAIN_NOT_FOUND",
    ]);
    for (const m of ["der", "p7c", "pem"] as const) {
      mode = m;
      hits.length = 0;
      const s = (
        await verify(signedWithoutChain, {
          trustAnchors: [pki.root.certificate],
          requireRevocation: false,
          issuerSource: httpIssuerSource(),
        })
      ).signatures[0]!;
      expect([m, ...verdict(s)]).toEqual([m, "TOTAL_PASSED", null, null]);
      expect(s.warnings.map((w) => w.code)).toContain("ISSUER_FROM_AIA");
      expect(s.signer!.chain.map((c) => c.subject.split(",")[0])).toEqual([
        "E=budi.santoso@example.go.id",
        "CN=Teken Development Issuing CA",
        "CN=Teken Development Root CA",
      ]);
      expect(hits).toEqual([`/pki/certs/${pki.issuing.id}.crt`]);
    }
  });
  it("is bounded: responses over maxBytes, URLs not allowed and calls over maxIssuerDownloads give nothing", async () => {
    mode = "huge";
    const big = (
      await verify(signedWithoutChain, {
        trustAnchors: [pki.root.certificate],
        requireRevocation: false,
        issuerSource: httpIssuerSource({ maxBytes: 64 * 1024 }),
      })
    ).signatures[0]!;
    expect(verdict(big)).toEqual(["INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND", "CHAIN_NOT_FOUND"]);
    mode = "der";
    hits.length = 0;
    const refused = (
      await verify(signedWithoutChain, {
        trustAnchors: [pki.root.certificate],
        requireRevocation: false,
        issuerSource: httpIssuerSource({ allowUrl: (u) => u.hostname === "ca.example.go.id" }),
      })
    ).signatures[0]!;
    expect(verdict(refused)).toEqual(["INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND", "CHAIN_NOT_FOUND"]);
    expect(hits).toEqual([]);
    const none = (
      await verify(signedWithoutChain, {
        trustAnchors: [pki.root.certificate],
        requireRevocation: false,
        issuerSource: httpIssuerSource(),
        maxIssuerDownloads: 0,
      })
    ).signatures[0]!;
    expect(verdict(none)).toEqual(["INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND", "CHAIN_NOT_FOUND"]);
    expect(hits).toEqual([]);
  });
  it("a downloaded certificate that did not issue the signer does not make a path", async () => {
    const other = await createTestPki({ baseUrl });
    const s = (
      await verify(signedWithoutChain, {
        trustAnchors: [pki.root.certificate],
        requireRevocation: false,
        issuerSource: { issuers: async () => [other.issuing.certificate] },
      })
    ).signatures[0]!;
    expect(verdict(s)).toEqual(["INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND", "CHAIN_NOT_FOUND"]);
  });
  it("certificatesInResponse refuses junk", () => {
    expect(certificatesInResponse(new Uint8Array([1, 2, 3]))).toEqual([]);
    expect(
      certificatesInResponse(
        new TextEncoder().encode("-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----"),
      ),
    ).toEqual([]);
  });
});
