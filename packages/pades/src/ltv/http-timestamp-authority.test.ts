import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  createOpensslTsa,
  type OpensslTsa,
  opensslTsaFetch,
  opensslVerifyToken,
  resignedTsaFetch,
} from "../../test/fixtures/ltv/support/openssl-tsa";
import { toHex } from "./bytes";
import { LtvError } from "./errors";
import { httpTimestampAuthority } from "./http-timestamp-authority";
import { readTimestampToken } from "./timestamp-token";

// Spawns openssl/pdfsig/qpdf and RSA key generation: generous limits for a loaded 2-core CI.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const crypto = globalThis.crypto;

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

/** The first failure code carried inside an LTV_TSA_UNAVAILABLE error. */
function innerCodes(error: unknown): string[] {
  expect(error).toBeInstanceOf(LtvError);
  expect((error as LtvError).code).toBe("LTV_TSA_UNAVAILABLE");
  return ((error as LtvError).cause as AggregateError).errors.map((e: LtvError) => e.code);
}

function rejectedResponse(status: number): Uint8Array {
  const resp = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({
      status,
      statusStrings: [new asn1js.Utf8String({ value: "badAlg" })],
    }),
  });
  return new Uint8Array(resp.toSchema().toBER(false));
}

describe("httpTimestampAuthority (RFC 3161 over HTTP)", () => {
  let tsa: OpensslTsa;
  let badEkuTsa: OpensslTsa;
  beforeAll(() => {
    tsa = createOpensslTsa();
    badEkuTsa = createOpensslTsa({ criticalEku: false });
  }, 60_000);

  it("returns a token that openssl ts -verify accepts for the digest sent", async () => {
    const digest = await sha256("hello");
    let contentType = "";
    const client = httpTimestampAuthority({
      endpoints: ["http://tsa.test/"],
      fetch: opensslTsaFetch(tsa, { seen: (r) => (contentType = r.headers.get("content-type") ?? "") }),
    });
    const token = await client.timestamp(digest, "SHA-256");
    expect(contentType).toBe("application/timestamp-query");
    const info = await readTimestampToken(token, crypto);
    expect(toHex(info.imprint)).toBe(toHex(digest));
    expect(info.hashAlg).toBe("SHA-256");
    expect(info.nonce).toBeDefined();
    expect(opensslVerifyToken(tsa, token, toHex(digest))).toContain("Verification: OK");
  });

  it("sends basic auth and never prints the credentials in errors", async () => {
    let auth = "";
    const client = httpTimestampAuthority({
      endpoints: [{ url: "http://tsa.test/x?k=sekret", username: "bsre", password: "s3cr3t-pw" }],
      fetch: async (input, init) => {
        auth = new Request(input, init).headers.get("authorization") ?? "";
        return new Response("no", { status: 401 });
      },
    });
    const error = await client.timestamp(await sha256("a"), "SHA-256").catch((e) => e);
    expect(auth).toBe(`Basic ${btoa("bsre:s3cr3t-pw")}`);
    expect(innerCodes(error)).toEqual(["LTV_TSA_HTTP"]);
    const text = `${error.message} ${error.cause.errors.map((e: Error) => e.message).join(" ")}`;
    expect(text).toContain("HTTP 401");
    expect(text).not.toMatch(/s3cr3t|sekret|bsre/);
  });

  it("falls back to the next TSA when one fails", async () => {
    const good = opensslTsaFetch(tsa);
    const calls: string[] = [];
    const client = httpTimestampAuthority({
      endpoints: ["http://down.test/", "http://up.test/"],
      fetch: async (input, init) => {
        calls.push(input);
        if (input.includes("down")) throw new TypeError("connect ECONNREFUSED");
        return good(input, init);
      },
    });
    const token = await client.timestamp(await sha256("b"), "SHA-256");
    expect(calls).toEqual(["http://down.test/", "http://up.test/"]);
    expect((await readTimestampToken(token, crypto)).imprint.length).toBe(32);
  });

  it("rejects a replayed answer: other digest -> imprint mismatch, same digest -> nonce mismatch", async () => {
    let saved: Uint8Array | undefined;
    const real = opensslTsaFetch(tsa, { tamper: (r) => (saved = r) });
    const replay = async () => new Response(saved?.slice());
    await httpTimestampAuthority({ endpoints: ["http://t/"], fetch: real }).timestamp(
      await sha256("c"),
      "SHA-256",
    );
    const replaying = httpTimestampAuthority({ endpoints: ["http://t/"], fetch: replay });
    expect(innerCodes(await replaying.timestamp(await sha256("d"), "SHA-256").catch((e) => e))).toEqual([
      "LTV_TSA_IMPRINT_MISMATCH",
    ]);
    expect(innerCodes(await replaying.timestamp(await sha256("c"), "SHA-256").catch((e) => e))).toEqual([
      "LTV_TSA_NONCE_MISMATCH",
    ]);
  });

  it("rejects a token whose signature was altered", async () => {
    const flipLast = (r: Uint8Array) => {
      const copy = r.slice();
      copy[copy.length - 5] = (copy[copy.length - 5] ?? 0) ^ 0xff;
      return copy;
    };
    const client = httpTimestampAuthority({
      endpoints: ["http://t/"],
      fetch: opensslTsaFetch(tsa, { tamper: flipLast }),
    });
    expect(innerCodes(await client.timestamp(await sha256("e"), "SHA-256").catch((e) => e))).toEqual([
      "LTV_TSA_SIGNATURE",
    ]);
  });

  it("rejects a TSA certificate without a critical timeStamping EKU", async () => {
    const client = httpTimestampAuthority({
      endpoints: ["http://t/"],
      fetch: resignedTsaFetch(tsa, badEkuTsa),
    });
    expect(innerCodes(await client.timestamp(await sha256("f"), "SHA-256").catch((e) => e))).toEqual([
      "LTV_TSA_CERT_EKU",
    ]);
  });

  it("reports rejection status and garbage as typed errors", async () => {
    const client = httpTimestampAuthority({
      endpoints: ["http://rejects/", "http://garbage/"],
      fetch: async (input) =>
        new Response(
          input.includes("rejects") ? rejectedResponse(2).slice().buffer : new Uint8Array([1, 2, 3]),
        ),
    });
    const error = await client.timestamp(await sha256("g"), "SHA-256").catch((e) => e);
    expect(innerCodes(error)).toEqual(["LTV_TSA_REJECTED", "LTV_TSA_BAD_RESPONSE"]);
    expect(error.cause.errors[0].message).toContain("badAlg");
  });

  it("fails with LTV_TSA_UNAVAILABLE when no endpoint is configured", async () => {
    const error = await httpTimestampAuthority({ endpoints: [] })
      .timestamp(await sha256("h"), "SHA-256")
      .catch((e) => e);
    expect(innerCodes(error)).toEqual([]);
  });
});
