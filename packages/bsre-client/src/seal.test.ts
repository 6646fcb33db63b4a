import { describe, expect, it } from "vitest";
import { fakeFetch, json, PDF_BYTES } from "../test/fake-fetch";
import { toBase64 } from "./base64";
import { createBsreClient } from "./client";
import { BsreError } from "./errors";

function client(fetch: typeof globalThis.fetch) {
  return createBsreClient({
    baseUrl: "http://bsre.test",
    credentials: { username: "u", password: "p" },
    fetch,
  });
}

async function failure(promise: Promise<unknown>): Promise<BsreError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BsreError) return error;
    throw error;
  }
  throw new Error("expected a BsreError");
}

describe("seal endpoints", () => {
  it("posts activation, TOTP and revocation requests keyed by idSubscriber", async () => {
    const f = fakeFetch(() => json(200, { message: "ok" }));
    const c = client(f.fetch);
    await c.v2.seal.requestActivation("kemenag-01");
    await c.v2.seal.requestTotp({ idSubscriber: "kemenag-01", totp: "123456" });
    await c.v2.seal.revokeActivation({ idSubscriber: "kemenag-01", totp: "654321" });
    expect(f.seen.map((s) => s.url)).toEqual([
      "http://bsre.test/api/v2/seal/get/activation",
      "http://bsre.test/api/v2/seal/get/totp",
      "http://bsre.test/api/v2/seal/revoke/activation",
    ]);
    expect(f.seen.map((s) => JSON.parse(s.body as string))).toEqual([
      { idSubscriber: "kemenag-01" },
      { idSubscriber: "kemenag-01", totp: "123456" },
      { idSubscriber: "kemenag-01", totp: "654321" },
    ]);
  });

  it("seals PDFs and decodes the answer; refuses a non-PDF answer and a bad subscriber id", async () => {
    const ok = fakeFetch(() => json(200, { time: 5, file: [toBase64(PDF_BYTES)] }));
    const result = await client(ok.fetch).v2.seal.sealPdf({
      idSubscriber: "kemenag-01",
      totp: "123456",
      files: [PDF_BYTES],
      signatureProperties: [{ tampilan: "INVISIBLE" }],
    });
    expect(result.files).toEqual([PDF_BYTES]);
    const sent = JSON.parse(ok.seen[0]?.body as string);
    expect(sent.file).toEqual([toBase64(PDF_BYTES)]);

    const notPdf = fakeFetch(() => json(200, { file: [toBase64(new TextEncoder().encode("hello"))] }));
    const error = await failure(
      client(notPdf.fetch).v2.seal.sealPdf({
        idSubscriber: "x",
        totp: "1",
        files: [PDF_BYTES],
        signatureProperties: [{ tampilan: "INVISIBLE" }],
      }),
    );
    expect(error.code).toBe("BSRE_NOT_PDF");
    expect((await failure(client(notPdf.fetch).v2.seal.requestActivation("bad id/../x"))).code).toBe(
      "BSRE_INVALID_INPUT",
    );
  });

  it("keeps the seal TOTP out of errors", async () => {
    const f = fakeFetch(() => json(400, { error: "TOTP salah", status_code: 2032 }));
    const error = await failure(
      client(f.fetch).v2.seal.requestTotp({ idSubscriber: "kemenag-01", totp: "987654" }),
    );
    expect(error.code).toBe("BSRE_WRONG_TOTP");
    expect(JSON.stringify(error)).not.toContain("987654");
    expect(String(error)).not.toContain("987654");
  });
});

describe("registration and download", () => {
  it("registers with multipart fields and files", async () => {
    const f = fakeFetch(() => json(200, { status: "WAITING_FOR_VERIFICATION", message: "ok" }));
    const ktp = { bytes: new Uint8Array([1, 2, 3]), name: "ktp.jpg", type: "image/jpeg" };
    const result = await client(f.fetch).v1.register({
      nik: "3201011505800001",
      nama: "Budi Santoso",
      email: "budi@kemenag.go.id",
      nip: "198008152005011001",
      unitKerja: "Biro Umum",
      ktp,
    });
    expect(result.status).toBe("WAITING_FOR_VERIFICATION");
    const form = f.seen[0]?.body as FormData;
    expect(form.get("unit_kerja")).toBe("Biro Umum");
    expect(new Uint8Array(await (form.get("ktp") as Blob).arrayBuffer())).toEqual(ktp.bytes);
  });

  it("refuses a registration with a bad NIK or email before sending", async () => {
    const f = fakeFetch(() => json(200, {}));
    const c = client(f.fetch);
    expect((await failure(c.v1.register({ nik: "123", nama: "A", email: "a@b.id" }))).code).toBe(
      "BSRE_INVALID_INPUT",
    );
    expect((await failure(c.v1.register({ nik: "3201011505800001", nama: "A", email: "nope" }))).code).toBe(
      "BSRE_INVALID_INPUT",
    );
    expect(f.seen).toHaveLength(0);
  });

  it("downloads a PDF once and maps the second 404; refuses odd ids", async () => {
    const f = fakeFetch(
      () =>
        new Response(PDF_BYTES as BodyInit, {
          status: 200,
          headers: { "content-type": "application/octet-stream" },
        }),
      () => json(404, { error: "Dokumen tidak ditemukan", status_code: 404 }),
    );
    const c = client(f.fetch);
    expect(await c.v1.download("abc-123")).toEqual(PDF_BYTES);
    expect((await failure(c.v1.download("abc-123"))).code).toBe("BSRE_NOT_FOUND");
    expect((await failure(c.v1.download("../etc/passwd"))).code).toBe("BSRE_INVALID_INPUT");
  });
});
