import { describe, expect, it } from "vitest";
import { fakeFetch, json, PDF_BYTES, pdf } from "../test/fake-fetch";
import { toBase64 } from "./base64";
import { createBsreClient } from "./client";
import { BsreError } from "./errors";
import { createBsreSigner } from "./signer";

const NIK = "3201011505800001";

function client(fetch: typeof globalThis.fetch) {
  return createBsreClient({ baseUrl: "http://bsre.test", fetch });
}

describe("createBsreSigner", () => {
  it("maps a stamp to v1 fields (QR of linkQR at an anchor)", async () => {
    const f = fakeFetch(() => pdf());
    const signer = createBsreSigner({ client: client(f.fetch), identity: { nik: NIK }, api: "v1" });
    const signed = await signer.signPdf(PDF_BYTES, {
      passphrase: "x",
      reason: "Setuju",
      stamp: { linkQR: "https://x.id", anchor: "^" },
    });
    expect(signed).toEqual(PDF_BYTES);
    const form = f.seen[0]?.body as FormData;
    expect([
      form.get("tampilan"),
      form.get("image"),
      form.get("linkQR"),
      form.get("tag_koordinat"),
      form.get("reason"),
    ]).toEqual(["visible", "false", "https://x.id", "^", "Setuju"]);
  });

  it("maps a stamp to v2 signatureProperties and returns the one signed file", async () => {
    const f = fakeFetch(() => json(200, { file: [toBase64(PDF_BYTES)] }));
    const signer = createBsreSigner({ client: client(f.fetch), identity: { email: "a@b.go.id" } });
    await signer.signPdf(PDF_BYTES, {
      totp: "123456",
      stamp: { image: new Uint8Array([1]), page: 2, x: 10, y: 20, width: 30, height: 40 },
    });
    const body = JSON.parse(f.seen[0]?.body as string);
    expect(body.totp).toBe("123456");
    expect(body.signatureProperties).toEqual([
      { tampilan: "VISIBLE", imageBase64: "AQ==", page: 2, originX: 10, originY: 20, width: 30, height: 40 },
    ]);
  });

  it("refuses what an API version cannot do, before sending", async () => {
    const f = fakeFetch(() => pdf());
    const v1ByEmail = createBsreSigner({
      client: client(f.fetch),
      identity: { email: "a@b.go.id" },
      api: "v1",
    });
    await expect(v1ByEmail.signPdf(PDF_BYTES, { passphrase: "x" })).rejects.toMatchObject({
      code: "BSRE_INVALID_INPUT",
    });
    const v2Qr = createBsreSigner({ client: client(f.fetch), identity: { nik: NIK } });
    await expect(
      v2Qr.signPdf(PDF_BYTES, { passphrase: "x", stamp: { linkQR: "https://x.id" } }),
    ).rejects.toBeInstanceOf(BsreError);
    expect(f.seen).toHaveLength(0);
  });
});
