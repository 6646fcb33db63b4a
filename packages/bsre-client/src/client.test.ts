import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { fakeFetch, json, PDF_BYTES, pdf } from "../test/fake-fetch";
import { fromBase64, toBase64 } from "./base64";
import { createBsreClient } from "./client";
import { BsreError, type BsreErrorCode } from "./errors";
import type { BsreClientEvent, BsreClientOptions } from "./options";
import type { SignPdfV2Request } from "./sign-v2";

const NIK = "3201234567890001";
const PASSPHRASE = "Rahasia-Sekali-123!";
const TOTP = "918273";
const CREDENTIALS = { username: "agency-user", password: "agency-secret-pw" };

function client(fetch: typeof globalThis.fetch, extra: Partial<BsreClientOptions> = {}) {
  return createBsreClient({
    baseUrl: "http://bsre.test/",
    credentials: CREDENTIALS,
    fetch,
    sleep: async () => {},
    random: () => 0.5,
    ...extra,
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

describe("v1 sign", () => {
  it("sends every multipart field with Basic auth and returns the PDF and id_dokumen", async () => {
    const f = fakeFetch(() => pdf(PDF_BYTES, { id_dokumen: "doc-42" }));
    const image = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const result = await client(f.fetch).v1.signPdf({
      file: PDF_BYTES,
      nik: NIK,
      passphrase: PASSPHRASE,
      tampilan: "visible",
      image: true,
      imageTTD: image,
      halaman: "terakhir",
      xAxis: 10,
      yAxis: 20,
      width: 100,
      height: 50,
      reason: "Menyetujui",
      location: "Jakarta",
      text: "Ditandatangani",
    });
    expect(result.documentId).toBe("doc-42");
    expect(result.pdf).toEqual(PDF_BYTES);
    const seen = f.seen[0]!;
    expect(seen.url).toBe("http://bsre.test/api/sign/pdf");
    expect(seen.headers.get("authorization")).toBe(`Basic ${btoa("agency-user:agency-secret-pw")}`);
    const form = seen.body as FormData;
    expect(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"))).toEqual({
      nik: NIK,
      passphrase: PASSPHRASE,
      tampilan: "visible",
      image: "true",
      halaman: "terakhir",
      xAxis: "10",
      yAxis: "20",
      width: "100",
      height: "50",
      reason: "Menyetujui",
      location: "Jakarta",
      text: "Ditandatangani",
    });
    expect(new Uint8Array(await (form.get("file") as Blob).arrayBuffer())).toEqual(PDF_BYTES);
    expect(new Uint8Array(await (form.get("imageTTD") as Blob).arrayBuffer())).toEqual(image);
  });

  it.each([
    [{ tampilan: "visible", image: false } as const, "linkQR"],
    [{ tampilan: "visible", image: true } as const, "imageTTD"],
    [{ tampilan: "invisible", page: 1, halaman: "pertama" } as const, "page or halaman"],
  ])("refuses an incomplete request before sending (%o)", async (fields, hint) => {
    const f = fakeFetch(() => pdf());
    const error = await failure(
      client(f.fetch).v1.signPdf({ file: PDF_BYTES, nik: NIK, passphrase: PASSPHRASE, ...fields }),
    );
    expect(error.code).toBe("BSRE_INVALID_INPUT");
    expect(error.message).toContain(hint);
    expect(f.seen).toHaveLength(0);
  });

  it("is never retried, even on 503", async () => {
    const f = fakeFetch(
      () => json(503, { error: "busy" }),
      () => pdf(),
    );
    const error = await failure(
      client(f.fetch).v1.signPdf({
        file: PDF_BYTES,
        nik: NIK,
        passphrase: PASSPHRASE,
        tampilan: "invisible",
      }),
    );
    expect(error.code).toBe("BSRE_UNAVAILABLE");
    expect(f.seen).toHaveLength(1);
  });

  it("tells a JSON error sent with 200 from a PDF", async () => {
    const f = fakeFetch(() => json(200, { error: "Passphrase anda salah", status_code: 2031 }));
    const error = await failure(
      client(f.fetch).v1.signPdf({
        file: PDF_BYTES,
        nik: NIK,
        passphrase: PASSPHRASE,
        tampilan: "invisible",
      }),
    );
    expect(error.code).toBe("BSRE_WRONG_PASSPHRASE");
  });

  it("refuses a 200 body that is not a PDF", async () => {
    const f = fakeFetch(
      () => new Response("<html>gateway</html>", { status: 200, headers: { "content-type": "text/html" } }),
    );
    const error = await failure(
      client(f.fetch).v1.signPdf({
        file: PDF_BYTES,
        nik: NIK,
        passphrase: PASSPHRASE,
        tampilan: "invisible",
      }),
    );
    expect(error.code).toBe("BSRE_NOT_PDF");
  });
});

describe("error mapping", () => {
  it.each<[number, unknown, BsreErrorCode, number | undefined]>([
    [400, { error: "Passphrase anda salah", status_code: 2031 }, "BSRE_WRONG_PASSPHRASE", 2031],
    [400, { error: "User tidak terdaftar", status_code: 2011 }, "BSRE_USER_NOT_REGISTERED", 2011],
    [401, { error: "Sertifikat belum diterbitkan" }, "BSRE_CERTIFICATE_NOT_ISSUED", undefined],
    [401, "", "BSRE_UNAUTHORIZED", undefined],
    [404, { error: "not found" }, "BSRE_NOT_FOUND", undefined],
    [413, { error: "too big" }, "BSRE_PAYLOAD_TOO_LARGE", undefined],
    [423, { error: "locked", status_code: 2033 }, "BSRE_USER_LOCKED", 2033],
    [400, { error: "TOTP salah", status_code: 2032 }, "BSRE_WRONG_TOTP", 2032],
    [500, { error: "boom" }, "BSRE_SERVER_ERROR", undefined],
    [418, { error: "teapot" }, "BSRE_HTTP", undefined],
  ])("HTTP %i %o -> %s", async (status, body, code, statusCode) => {
    const f = fakeFetch(() => (body === "" ? new Response(null, { status }) : json(status, body)));
    const error = await failure(
      client(f.fetch).v2.signPdf({
        nik: NIK,
        passphrase: PASSPHRASE,
        files: [PDF_BYTES],
        signatureProperties: [{ tampilan: "INVISIBLE" }],
      }),
    );
    expect(error.code).toBe(code);
    expect(error.httpStatus).toBe(status);
    expect(error.statusCode).toBe(statusCode);
    expect(error.request?.path).toBe("/api/v2/sign/pdf");
  });

  it("reports a schema mismatch with the path of the first problem", async () => {
    const f = fakeFetch(() => json(200, { status: 42 }));
    const error = await failure(client(f.fetch).v2.userStatus({ email: "a@b.go.id" }));
    expect(error.code).toBe("BSRE_SCHEMA_MISMATCH");
    expect(error.message).toContain("status");
  });

  it("maps a network failure, a timeout and an abort", async () => {
    const down = fakeFetch(() => {
      throw new TypeError("fetch failed");
    });
    expect((await failure(client(down.fetch).v1.userStatus(NIK))).code).toBe("BSRE_NETWORK");

    const hang = (_: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener("abort", () => reject(new Error("aborted"))),
      );
    const slow = client(hang as typeof fetch, { timeoutMs: 5 });
    expect((await failure(slow.v1.userStatus(NIK))).code).toBe("BSRE_TIMEOUT");

    const controller = new AbortController();
    const pending = client(hang as typeof fetch).v1.userStatus(NIK, { signal: controller.signal });
    controller.abort();
    expect((await failure(pending)).code).toBe("BSRE_ABORTED");
  });
});

describe("retries", () => {
  it("retries an idempotent call on 429/503/504 with jittered backoff and Retry-After", async () => {
    const delays: number[] = [];
    const f = fakeFetch(
      () => json(503, { error: "busy" }),
      () => json(429, { error: "slow down" }, { "retry-after": "2" }),
      () => json(200, { status_code: 1111, status: "ISSUE", message: "ok" }),
    );
    const status = await client(f.fetch, {
      sleep: async (ms) => void delays.push(ms),
      random: () => 0.5,
    }).v1.userStatus(NIK);
    expect(status.canSign).toBe(true);
    expect(f.seen).toHaveLength(3);
    expect(delays).toEqual([150, 2000]);
  });

  it("gives up after the configured retries and reports the last status", async () => {
    const f = fakeFetch(() => json(504, { error: "gateway" }));
    const error = await failure(client(f.fetch, { retry: { retries: 1 } }).v2.verify({ file: PDF_BYTES }));
    expect(error.code).toBe("BSRE_UNAVAILABLE");
    expect(error.request?.attempt).toBe(2);
    expect(f.seen).toHaveLength(2);
  });

  it("does not retry a TOTP request (it sends mail)", async () => {
    const f = fakeFetch(() => json(503, {}));
    await failure(client(f.fetch).v2.requestSignTotp({ nik: NIK, fileCount: 1 }));
    expect(f.seen).toHaveLength(1);
  });
});

describe("user status", () => {
  it.each([
    ["ISSUE", true],
    ["EXPIRED", false],
    ["SUSPEND", false],
    ["SOMETHING_NEW", false],
  ])("v2 %s -> canSign %s", async (status, canSign) => {
    const f = fakeFetch(() => json(200, { status }));
    const result = await client(f.fetch).v2.userStatus({ nik: NIK });
    expect(result.canSign).toBe(canSign);
    expect(result.known).toBe(status !== "SOMETHING_NEW");
    expect(JSON.parse(f.seen[0]!.body as string)).toEqual({ nik: NIK });
  });

  it("v1 reports NOT_REGISTERED (1110) as a status and masks the NIK in the summary path", async () => {
    const events: BsreClientEvent[] = [];
    const f = fakeFetch(() =>
      json(200, { status_code: 1110, status: "NOT_REGISTERED", message: "User belum terdaftar" }),
    );
    const result = await client(f.fetch, { onEvent: (e) => events.push(e) }).v1.userStatus(NIK);
    expect(result).toMatchObject({ status: "NOT_REGISTERED", canSign: false, statusCode: 1110 });
    expect(f.seen[0]!.url).toBe(`http://bsre.test/api/user/status/${NIK}`);
    expect(events[0]?.request.path).toBe("/api/user/status/3201********0001");
  });
});

describe("v2 sign and verify", () => {
  it("sends base64 files with one properties entry per file and decodes the answer", async () => {
    const f = fakeFetch((seen) => {
      const body = JSON.parse(seen.body as string) as { file: string[] };
      return json(200, { time: 1234, file: body.file });
    });
    const second = new TextEncoder().encode("%PDF-1.4\nsecond");
    const result = await client(f.fetch).v2.signPdf({
      email: "pejabat@kemenag.go.id",
      totp: TOTP,
      files: [PDF_BYTES, second],
      signatureProperties: [
        { tampilan: "VISIBLE", image: new Uint8Array([1, 2, 3]), tag_koordinat: "^", reason: "Setuju" },
      ],
    });
    expect(result.files).toEqual([PDF_BYTES, second]);
    const sent = JSON.parse(f.seen[0]!.body as string);
    expect(sent.email).toBe("pejabat@kemenag.go.id");
    expect(sent.totp).toBe(TOTP);
    expect(sent.passphrase).toBeUndefined();
    expect(sent.signatureProperties).toHaveLength(2);
    expect(sent.signatureProperties[0]).toEqual({
      tampilan: "VISIBLE",
      imageBase64: "AQID",
      tag_koordinat: "^",
      reason: "Setuju",
    });
  });

  it("refuses both nik and email, and both passphrase and totp", async () => {
    const f = fakeFetch(() => json(200, {}));
    const c = client(f.fetch);
    const props = [{ tampilan: "INVISIBLE" as const }];
    expect(
      (
        await failure(
          c.v2.signPdf({
            nik: NIK,
            email: "a@b.id",
            passphrase: "x",
            files: [PDF_BYTES],
            signatureProperties: props,
          } as unknown as SignPdfV2Request),
        )
      ).code,
    ).toBe("BSRE_INVALID_INPUT");
    expect(
      (
        await failure(
          c.v2.signPdf({
            nik: NIK,
            passphrase: "x",
            totp: "1",
            files: [PDF_BYTES],
            signatureProperties: props,
          } as unknown as SignPdfV2Request),
        )
      ).code,
    ).toBe("BSRE_INVALID_INPUT");
    expect(f.seen).toHaveLength(0);
  });

  it("checks the v1 verify answer", async () => {
    const answer = {
      nama_dokumen: "surat.pdf",
      jumlah_signature: 1,
      notes: "Dokumen valid, Sertifikat yang digunakan terpercaya",
      summary: "VALID",
      details: [
        {
          signature_field: "Signature1",
          info_signer: {
            signer_name: "Budi",
            issuer_dn: "CN=BSRE CA DS G1",
            signer_dn: "CN=Budi",
            signer_cert_validity: "x",
            cert_user_certified: true,
          },
          info_tsa: { name: "TSA", tsa_cert_validity: "y" },
          signature_document: {
            signed_using_tsa: true,
            document_integrity: true,
            reason: "r",
            location: "l",
            signed_in: "t",
            hash_value: "h",
            signature_value: "s",
          },
        },
      ],
    };
    const f = fakeFetch(() => json(200, answer));
    const result = await client(f.fetch).v1.verify({ file: PDF_BYTES });
    expect(result.jumlah_signature).toBe(1);
    expect(result.details[0]?.info_signer?.signer_name).toBe("Budi");
    expect((f.seen[0]!.body as FormData).get("signed_file")).toBeInstanceOf(Blob);
  });

  it("round-trips base64 of every byte value", () => {
    const all = new Uint8Array(256).map((_, i) => i);
    expect(fromBase64(toBase64(all))).toEqual(all);
  });
});

describe("secrets", () => {
  it("never puts passphrase, TOTP, credentials or file bytes in errors, strings, JSON or events", async () => {
    const marker = "FILE-CONTENT-MARKER-7d1f";
    const file = new TextEncoder().encode(`%PDF-1.7\n${marker}\n`);
    const events: BsreClientEvent[] = [];
    const f = fakeFetch(() => json(400, { error: "Passphrase anda salah", status_code: 2031 }));
    const c = client(f.fetch, { onEvent: (e) => events.push(e) });
    const errors = [
      await failure(c.v1.signPdf({ file, nik: NIK, passphrase: PASSPHRASE, tampilan: "invisible" })),
      await failure(
        c.v2.signPdf({
          nik: NIK,
          totp: TOTP,
          files: [file],
          signatureProperties: [{ tampilan: "INVISIBLE" }],
        }),
      ),
      await failure(
        c.v2.signPdf({
          email: "x@y.go.id",
          passphrase: PASSPHRASE,
          files: [file],
          signatureProperties: [{ tampilan: "INVISIBLE" }],
        }),
      ),
    ];
    const dumps = [
      ...errors.flatMap((e) => [String(e), e.stack ?? "", JSON.stringify(e), inspect(e, { depth: 10 })]),
      JSON.stringify(events),
      inspect(events, { depth: 10 }),
    ].join("\n");
    const auth = btoa(`${CREDENTIALS.username}:${CREDENTIALS.password}`);
    for (const secret of [PASSPHRASE, TOTP, CREDENTIALS.password, auth, marker, toBase64(file), NIK]) {
      expect(dumps).not.toContain(secret);
    }
    expect(errors[0]?.code).toBe("BSRE_WRONG_PASSPHRASE");
    expect(JSON.stringify(errors[0])).toContain("[REDACTED]");
    expect(JSON.stringify(errors[0])).toContain(`[file: ${file.byteLength} bytes]`);
  });
});
