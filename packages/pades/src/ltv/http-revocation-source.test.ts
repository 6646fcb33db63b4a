import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type CaServices, createCaServices } from "../../test/fixtures/ltv/support/teken-ca-services";
import { LtvError } from "./errors";
import { httpRevocationSource } from "./http-revocation-source";
import { memoryRevocationSource } from "./memory-revocation-source";
import { readOcspAnswer } from "./ocsp";
import type { RevocationSource } from "./ports";
import { parseCert } from "./signer-info";
import { parseCrl } from "./crl";

// Spawns openssl/pdfsig/qpdf and RSA key generation: generous limits for a loaded 2-core CI.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

describe("RevocationSource adapters against @teken/ca", () => {
  let ca: CaServices;
  beforeAll(async () => {
    ca = await createCaServices();
  }, 60_000);
  afterAll(() => ca.close());

  /** One contract for every adapter: OCSP names the certificate; the CRL is its issuer's. */
  async function contract(source: RevocationSource): Promise<void> {
    const { signer, issuing } = ca.pki;
    const ocsp = await source.ocsp(signer.certificate, issuing.certificate);
    expect(readOcspAnswer(ocsp ?? new Uint8Array(), parseCert(signer.certificate))?.status).toBe("good");
    const crl = parseCrl((await source.crl(signer.certificate)) ?? new Uint8Array());
    expect(crl.issuer.isEqual(parseCert(issuing.certificate).subject)).toBe(true);
  }

  it("HTTP adapter: OCSP POST to the AIA responder, CRL GET from the CDP", async () => {
    ca.hits.clear();
    await contract(httpRevocationSource({ fetch: ca.fetch }));
    expect(ca.hits.get("/pki/ocsp")).toBe(1);
    expect([...ca.hits.keys()].some((k) => k.startsWith("/pki/crl/"))).toBe(true);
  });

  it("memory adapter answers from held evidence", async () => {
    const http = httpRevocationSource({ fetch: ca.fetch });
    const { signer, issuing } = ca.pki;
    const held = memoryRevocationSource({
      ocsps: [(await http.ocsp(signer.certificate, issuing.certificate)) ?? new Uint8Array()],
      crls: [(await http.crl(signer.certificate)) ?? new Uint8Array()],
    });
    await contract(held);
    expect(await held.ocsp(ca.pki.tsa.certificate, issuing.certificate)).toBeUndefined();
    expect(await memoryRevocationSource({}).crl(signer.certificate)).toBeUndefined();
  });

  it("reports revoked status after revocation", async () => {
    const services = await createCaServices();
    await services.revokeSigner();
    const source = httpRevocationSource({ fetch: services.fetch });
    const { signer, issuing } = services.pki;
    const answer = readOcspAnswer(
      (await source.ocsp(signer.certificate, issuing.certificate)) ?? new Uint8Array(),
      parseCert(signer.certificate),
    );
    expect(answer?.status).toBe("revoked");
    expect(answer?.revocationTime).toBeInstanceOf(Date);
  });

  it("returns undefined for a root without AIA/CDP and types HTTP failures", async () => {
    const source = httpRevocationSource({ fetch: ca.fetch });
    expect(await source.ocsp(ca.pki.root.certificate, ca.pki.root.certificate)).toBeUndefined();
    expect(await source.crl(ca.pki.root.certificate)).toBeUndefined();
    const broken = httpRevocationSource({ fetch: async () => new Response("", { status: 500 }) });
    const error = await broken.ocsp(ca.pki.signer.certificate, ca.pki.issuing.certificate).catch((e) => e);
    expect(error).toBeInstanceOf(LtvError);
    expect(error.code).toBe("LTV_REVOCATION_HTTP");
    const garbage = httpRevocationSource({
      fetch: async () => new Response(new Uint8Array([5, 1, 0]).buffer),
    });
    const bad = await garbage.crl(ca.pki.signer.certificate).catch((e) => e);
    expect(bad.code).toBe("LTV_REVOCATION_BAD_RESPONSE");
  });
});
