import { afterEach, describe, expect, it } from "vitest";
import { hasPdfString, opensslCrlText, pdfsig, validSignatures } from "./pdfsig";
import type { SimulatorOptions } from "../src/index";
import {
  type Harness,
  type Transport,
  basic,
  clock,
  codeFromOutbox,
  enrol,
  failure,
  fixture,
  startHarness,
} from "./harness";

const BUDI = {
  nik: "3201011505800001",
  email: "budi@kemenag.go.id",
  nama: "Budi Santoso",
  passphrase: "Sejuk-Pagi-di-Ambon-7",
};
const SITI = {
  nik: "3273015507850002",
  email: "siti@kemenag.go.id",
  nama: "Siti Aminah",
  passphrase: "Kopi#Pahit#Pagi93x",
};
const DAY = 86_400_000;

/**
 * The contract between @teken/bsre-client and @teken/bsre-simulator: the same cases over an
 * in-process `app.request` fetch and over real HTTP.
 */
export function contractSuite(transport: Transport): void {
  let h: Harness | undefined;
  const start = async (options: SimulatorOptions = {}) => {
    h = await startHarness(transport, options);
    return h;
  };
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  const letter = fixture("gs-letter.pdf");
  const invisibleV1 = (passphrase: string, nik = BUDI.nik) =>
    ({ file: letter, nik, passphrase, tampilan: "invisible" }) as const;

  describe(`contract (${transport})`, () => {
    it("reports unknown users as NOT_REGISTERED (v1 1110, v2) and refuses their sign with 2011", async () => {
      const { client } = await start();
      expect(await client.v1.userStatus(BUDI.nik)).toMatchObject({
        status: "NOT_REGISTERED",
        statusCode: 1110,
        canSign: false,
      });
      expect(await client.v2.userStatus({ email: BUDI.email })).toMatchObject({
        status: "NOT_REGISTERED",
        canSign: false,
      });
      const error = await failure(client.v1.signPdf(invisibleV1(BUDI.passphrase)));
      expect(error).toMatchObject({ code: "BSRE_USER_NOT_REGISTERED", httpStatus: 400, statusCode: 2011 });
    });

    it("walks the lifecycle: register -> waiting -> operator approval -> passphrase -> ISSUE", async () => {
      const h = await start();
      await h.client.v1.register({ nik: BUDI.nik, email: BUDI.email, nama: BUDI.nama });
      expect((await h.client.v2.userStatus({ nik: BUDI.nik })).status).toBe("WAITING_FOR_VERIFICATION");
      const notIssued = await failure(h.client.v1.signPdf(invisibleV1(BUDI.passphrase)));
      expect(notIssued).toMatchObject({ code: "BSRE_CERTIFICATE_NOT_ISSUED", httpStatus: 401 });
      const again = await failure(
        h.client.v1.register({ nik: BUDI.nik, email: "other@kemenag.go.id", nama: "X" }),
      );
      expect(again.code).toBe("BSRE_ALREADY_REGISTERED");

      expect((await h.operator(`/users/${BUDI.nik}/approve`, {})).status).toBe(200);
      const code = await codeFromOutbox(h, BUDI.email, 8);
      const wrongCode = await h.portal("/passphrase", {
        nik: BUDI.nik,
        activationCode: "00000000",
        passphrase: BUDI.passphrase,
      });
      expect(wrongCode.status).toBe(400);
      const weak = await h.portal("/passphrase", {
        nik: BUDI.nik,
        activationCode: code,
        passphrase: "lemah",
      });
      expect(weak.status).toBe(400);
      expect(((await weak.json()) as { error: string }).error).toContain("PASSPHRASE_TOO_SHORT");
      const derived = await h.portal("/passphrase", {
        nik: BUDI.nik,
        activationCode: code,
        passphrase: "Santoso-3201011505800001!",
      });
      expect(((await derived.json()) as { error: string }).error).toContain("PASSPHRASE_CONTAINS_IDENTIFIER");
      const set = await h.portal("/passphrase", {
        nik: BUDI.nik,
        activationCode: code,
        passphrase: BUDI.passphrase,
      });
      expect(set.status).toBe(200);

      const status = await h.client.v1.userStatus(BUDI.nik);
      expect(status).toMatchObject({ status: "ISSUE", statusCode: 1111, canSign: true });
      const user = h.sim.state.users[0];
      expect(user?.certificate).toBeDefined();
      expect(JSON.stringify(h.sim.state)).not.toContain(BUDI.passphrase);
    });

    it("answers a wrong passphrase with HTTP 400 {error: 'Passphrase anda salah', status_code: 2031}", async () => {
      const h = await start();
      await enrol(h, BUDI);
      const error = await failure(h.client.v1.signPdf(invisibleV1("Salah-Passphrase-1")));
      expect(error).toMatchObject({
        code: "BSRE_WRONG_PASSPHRASE",
        httpStatus: 400,
        statusCode: 2031,
        upstreamMessage: "Passphrase anda salah",
      });
      const v2 = await failure(
        h.client.v2.signPdf({
          email: BUDI.email,
          passphrase: "Salah-Lagi-2",
          files: [letter],
          signatureProperties: [{ tampilan: "INVISIBLE" }],
        }),
      );
      expect(v2.code).toBe("BSRE_WRONG_PASSPHRASE");
      const form = new FormData();
      form.append("file", new Blob([letter as BlobPart], { type: "application/pdf" }), "a.pdf");
      form.append("nik", BUDI.nik);
      form.append("passphrase", "nope-nope-nope");
      form.append("tampilan", "invisible");
      const res = await h.raw("/api/sign/pdf", {
        method: "POST",
        body: form,
        headers: { authorization: basic(h.sim.credentials) },
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: "Passphrase anda salah", status_code: 2031 });
    });

    it("locks a user after N wrong passphrases in the window, reports SUSPEND, and unlocks after the lock time", async () => {
      const c = clock();
      const h = await start({
        lockout: { maxAttempts: 3, windowMs: 10 * 60_000, lockMs: 30 * 60_000 },
        now: () => c.now,
      });
      await enrol(h, BUDI);
      for (let i = 0; i < 3; i++) {
        expect((await failure(h.client.v1.signPdf(invisibleV1(`Wrong-Pass-${i}x`)))).code).toBe(
          "BSRE_WRONG_PASSPHRASE",
        );
      }
      const locked = await failure(h.client.v1.signPdf(invisibleV1(BUDI.passphrase)));
      expect(locked).toMatchObject({ code: "BSRE_USER_LOCKED", httpStatus: 423, statusCode: 2033 });
      expect((await h.client.v2.userStatus({ nik: BUDI.nik })).status).toBe("SUSPEND");
      c.advance(31 * 60_000);
      expect((await h.client.v2.userStatus({ nik: BUDI.nik })).status).toBe("ISSUE");
      expect((await failure(h.client.v1.signPdf(invisibleV1("Wrong-Again-9x")))).code).toBe(
        "BSRE_WRONG_PASSPHRASE",
      );
    });

    it("forgets wrong attempts outside the window", async () => {
      const c = clock();
      const h = await start({ lockout: { maxAttempts: 2, windowMs: 60_000 }, now: () => c.now });
      await enrol(h, BUDI);
      await failure(h.client.v1.signPdf(invisibleV1("Wrong-Pass-1x")));
      c.advance(61_000);
      const second = await failure(h.client.v1.signPdf(invisibleV1("Wrong-Pass-2x")));
      expect(second.code).toBe("BSRE_WRONG_PASSPHRASE");
      expect((await h.client.v1.userStatus(BUDI.nik)).status).toBe("ISSUE");
    });

    it("emails a sign TOTP to the outbox and refuses a wrong one with 2032", async () => {
      const h = await start();
      await enrol(h, SITI);
      await h.client.v2.requestSignTotp({ email: SITI.email, fileCount: 1 });
      const code = await codeFromOutbox(h, SITI.email, 6);
      const wrong = code === "000000" ? "111111" : "000000";
      const error = await failure(
        h.client.v2.signPdf({
          nik: SITI.nik,
          totp: wrong,
          files: [letter],
          signatureProperties: [{ tampilan: "INVISIBLE" }],
        }),
      );
      expect(error).toMatchObject({ code: "BSRE_WRONG_TOTP", httpStatus: 400, statusCode: 2032 });
      const tooMany = await failure(
        h.client.v2.signPdf({
          nik: SITI.nik,
          totp: code,
          files: [letter, letter],
          signatureProperties: [{ tampilan: "INVISIBLE" }],
        }),
      );
      expect(tooMany.code).toBe("BSRE_WRONG_TOTP");
    });

    it("refuses an expired certificate with 2011, by operator action and by the clock", async () => {
      const c = clock();
      const h = await start({ certificateValidityDays: 30, now: () => c.now });
      await enrol(h, BUDI);
      await enrol(h, SITI);
      const cert = h.sim.state.users.find((u) => u.nik === BUDI.nik);
      expect(new Date(cert?.notAfter ?? 0).getTime() - c.now.getTime()).toBe(30 * DAY);
      expect((await h.operator(`/users/${SITI.nik}/expire`, {})).status).toBe(200);
      expect((await failure(h.client.v1.signPdf(invisibleV1(SITI.passphrase, SITI.nik)))).code).toBe(
        "BSRE_USER_NOT_REGISTERED",
      );
      c.advance(31 * DAY);
      expect((await h.client.v2.userStatus({ nik: BUDI.nik })).status).toBe("EXPIRED");
      const expired = await failure(h.client.v1.signPdf(invisibleV1(BUDI.passphrase)));
      expect(expired).toMatchObject({ code: "BSRE_USER_NOT_REGISTERED", statusCode: 2011 });
    });

    it("renews with a new passphrase after operator approval; the old passphrase stops working", async () => {
      const h = await start();
      await enrol(h, BUDI);
      const serial = h.sim.state.users[0]?.serialNumber;
      const newPassphrase = "Angin-Laut-Timur-2027";
      expect((await h.portal("/renewal", { nik: BUDI.nik, newPassphrase })).status).toBe(200);
      expect((await h.client.v2.userStatus({ nik: BUDI.nik })).status).toBe("RENEW");
      expect((await failure(h.client.v1.signPdf(invisibleV1(newPassphrase)))).code).toBe(
        "BSRE_CERTIFICATE_NOT_ISSUED",
      );
      expect((await h.operator(`/users/${BUDI.nik}/approve`, {})).status).toBe(200);
      expect((await h.client.v2.userStatus({ nik: BUDI.nik })).status).toBe("ISSUE");
      expect(h.sim.state.users[0]?.serialNumber).not.toBe(serial);
      expect((await failure(h.client.v1.signPdf(invisibleV1(BUDI.passphrase)))).code).toBe(
        "BSRE_WRONG_PASSPHRASE",
      );
    });

    it("changes a passphrase only with the old one", async () => {
      const h = await start();
      await enrol(h, BUDI);
      const next = "Gunung-Biru-Tinggi-88";
      expect(
        (
          await h.portal("/passphrase/change", {
            nik: BUDI.nik,
            oldPassphrase: "Not-The-Old-1",
            newPassphrase: next,
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await h.portal("/passphrase/change", {
            nik: BUDI.nik,
            oldPassphrase: BUDI.passphrase,
            newPassphrase: next,
          })
        ).status,
      ).toBe(200);
      expect((await failure(h.client.v1.signPdf(invisibleV1(BUDI.passphrase)))).code).toBe(
        "BSRE_WRONG_PASSPHRASE",
      );
    });

    it("refuses suspended and revoked users, and records the revocation at the CA", async () => {
      const h = await start();
      await enrol(h, BUDI);
      await enrol(h, SITI);
      expect((await h.operator(`/users/${BUDI.nik}/suspend`, { note: "investigasi" })).status).toBe(200);
      expect(await failure(h.client.v1.signPdf(invisibleV1(BUDI.passphrase)))).toMatchObject({
        code: "BSRE_USER_LOCKED",
        statusCode: 2033,
      });
      expect((await h.operator(`/users/${BUDI.nik}/unsuspend`, {})).status).toBe(200);
      expect((await h.client.v1.userStatus(BUDI.nik)).canSign).toBe(true);
      expect((await h.operator(`/users/${SITI.nik}/revoke`, {})).status).toBe(200);
      expect((await h.client.v2.userStatus({ email: SITI.email })).status).toBe("REVOKE");
      const revoked = await failure(h.client.v1.signPdf(invisibleV1(SITI.passphrase, SITI.nik)));
      expect(revoked).toMatchObject({ code: "BSRE_CERTIFICATE_REVOKED", statusCode: 2034 });
      const serial = h.sim.state.users.find((u) => u.nik === SITI.nik)?.serialNumber;
      expect(h.sim.state.caStore.revocations.map((r) => r.serialNumber)).toContain(serial);
      expect(h.sim.state.users.find((u) => u.nik === SITI.nik)?.encryptedKey).toBeUndefined();
      const crl = await h.raw("/pki/crl/issuing.crl");
      expect(crl.status).toBe(200);
      expect(crl.headers.get("content-type")).toBe("application/pkix-crl");
      const crlText = opensslCrlText(new Uint8Array(await crl.arrayBuffer()));
      expect(crlText.toLowerCase()).toContain(`serial number: ${serial}`);
      const issuing = await h.raw("/pki/certs/issuing.crt");
      expect(new Uint8Array(await issuing.arrayBuffer())).toEqual(h.sim.chain[0]);
    });

    it("signs v1 invisibly through @teken/pades; pdfsig validates it; the one-shot download works once", async () => {
      const h = await start();
      await enrol(h, BUDI);
      const { pdf, documentId } = await h.client.v1.signPdf({
        ...invisibleV1(BUDI.passphrase),
        reason: "Menyetujui",
        location: "Jakarta",
      });
      const report = pdfsig(pdf);
      expect(validSignatures(report)).toBe(1);
      expect(report).toContain(BUDI.nama);
      expect(hasPdfString(pdf, "Menyetujui")).toBe(true);
      expect(documentId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await h.client.v1.download(documentId as string)).toEqual(pdf);
      const second = await failure(h.client.v1.download(documentId as string));
      expect(second).toMatchObject({ code: "BSRE_NOT_FOUND", httpStatus: 404 });
    });

    it("stamps a v1 QR code of linkQR at the tag_koordinat anchor, and an image at coordinates on the last page", async () => {
      const h = await start();
      await enrol(h, BUDI);
      const qr = await h.client.v1.signPdf({
        ...invisibleV1(BUDI.passphrase),
        tampilan: "visible",
        image: false,
        linkQR: "https://tte.kemenag.go.id/verify/abc",
        tag_koordinat: "^",
        width: 60,
        height: 60,
      });
      expect(validSignatures(pdfsig(qr.pdf))).toBe(1);
      expect(new TextDecoder("latin1").decode(qr.pdf)).toMatch(/\/Subtype\s*\/Widget/);
      const image = await h.client.v1.signPdf({
        ...invisibleV1(BUDI.passphrase),
        file: qr.pdf,
        tampilan: "visible",
        image: true,
        imageTTD: fixture("specimen.png"),
        halaman: "terakhir",
        xAxis: 350,
        yAxis: 80,
        width: 150,
        height: 60,
      });
      expect(validSignatures(pdfsig(image.pdf))).toBe(2);
      const missingAnchor = await failure(
        h.client.v1.signPdf({
          ...invisibleV1(BUDI.passphrase),
          tampilan: "visible",
          image: false,
          linkQR: "https://x.id",
          tag_koordinat: "#NOPE#",
        }),
      );
      expect(missingAnchor.httpStatus).toBe(400);
    });

    it("signs several v2 files by email with an emailed TOTP, each with its own properties", async () => {
      const h = await start();
      await enrol(h, SITI);
      await h.client.v2.requestSignTotp({ email: SITI.email, fileCount: 2 });
      const totp = await codeFromOutbox(h, SITI.email, 6);
      const other = fixture("chromium-letter.pdf");
      const result = await h.client.v2.signPdf({
        email: SITI.email,
        totp,
        files: [letter, other],
        signatureProperties: [
          { tampilan: "INVISIBLE", reason: "Setuju" },
          {
            tampilan: "VISIBLE",
            image: fixture("specimen.png"),
            tag_koordinat: "^",
            width: 120,
            height: 50,
            reason: "Mengetahui",
          },
        ],
      });
      expect(result.files).toHaveLength(2);
      const [first, second] = result.files as [Uint8Array, Uint8Array];
      expect(validSignatures(pdfsig(first))).toBe(1);
      expect(hasPdfString(first, "Setuju")).toBe(true);
      expect(validSignatures(pdfsig(second))).toBe(1);
      expect(hasPdfString(second, "Mengetahui")).toBe(true);
      expect(pdfsig(second)).toContain(SITI.nama);
      const reused = await failure(
        h.client.v2.signPdf({
          email: SITI.email,
          totp,
          files: [letter],
          signatureProperties: [{ tampilan: "INVISIBLE" }],
        }),
      );
      expect(reused.code).toBe("BSRE_WRONG_TOTP");
    });

    it("signs through the client's PdfSigner adapter with v1 and v2", async () => {
      const h = await start();
      await enrol(h, BUDI);
      const { createBsreSigner } = await import("@teken/bsre-client");
      for (const api of ["v1", "v2"] as const) {
        const signer = createBsreSigner({ client: h.client, identity: { nik: BUDI.nik }, api });
        const signed = await signer.signPdf(letter, { passphrase: BUDI.passphrase, reason: `via ${api}` });
        const report = pdfsig(signed);
        expect(validSignatures(report)).toBe(1);
        expect(report).toContain(BUDI.nama);
        expect(hasPdfString(signed, `via ${api}`)).toBe(true);
      }
    });

    it("verifies in BSrE's v1 and v2 shapes from @teken/pades' report, and flags a tampered copy", async () => {
      const h = await start();
      await enrol(h, BUDI);
      const { pdf } = await h.client.v1.signPdf({ ...invisibleV1(BUDI.passphrase), reason: "Menyetujui" });
      const v1 = await h.client.v1.verify({ file: pdf, fileName: "surat.pdf" });
      expect(v1).toMatchObject({ nama_dokumen: "surat.pdf", jumlah_signature: 1 });
      expect(v1.details[0]?.info_signer?.signer_name).toBe(BUDI.nama);
      expect(v1.details[0]?.signature_document?.document_integrity).toBe(true);
      expect(v1.details[0]?.signature_document?.reason).toBe("Menyetujui");
      expect(v1.details[0]?.signature_document?.signed_using_tsa).toBe(true);
      expect(v1.summary).toBe("VALID");
      const v2 = await h.client.v2.verify({ file: pdf });
      expect(v2.signatureCount).toBe(1);
      expect(v2.signatureInformations[0]).toMatchObject({
        signerName: BUDI.nama,
        integrityValid: true,
        certificateTrusted: true,
      });
      const tampered = pdf.slice();
      const at = new TextDecoder("latin1").decode(tampered).indexOf("595 842]");
      expect(at).toBeGreaterThan(0);
      tampered[at + 6] = "3".charCodeAt(0);
      const bad = await h.client.v2.verify({ file: tampered });
      expect(bad.conclusion).not.toBe("VALID");
      expect(bad.signatureInformations[0]?.integrityValid).toBe(false);
      const unsigned = await h.client.v2.verify({ file: letter });
      expect(unsigned.signatureCount).toBe(0);
    });

    it("seals PDFs for an organisation: activation code -> seal TOTP -> seal -> revoke activation", async () => {
      const h = await start();
      const created = await h.operator("/seals", {
        idSubscriber: "kemenag-seal",
        name: "Kementerian Agama",
        email: "seal@kemenag.go.id",
      });
      expect(created.status).toBe(201);
      const seal = h.client.v2.seal;
      const props = [{ tampilan: "INVISIBLE" as const, reason: "Segel" }];
      expect((await failure(seal.requestActivation("unknown-seal"))).code).toBe("BSRE_USER_NOT_REGISTERED");
      await seal.requestActivation("kemenag-seal");
      const activation = await codeFromOutbox(h, "seal@kemenag.go.id", 6);
      expect(
        (
          await failure(
            seal.requestTotp({
              idSubscriber: "kemenag-seal",
              totp: activation === "000000" ? "111111" : "000000",
            }),
          )
        ).code,
      ).toBe("BSRE_WRONG_TOTP");
      await seal.requestTotp({ idSubscriber: "kemenag-seal", totp: activation });
      const totp = await codeFromOutbox(h, "seal@kemenag.go.id", 6);
      const sealed = await seal.sealPdf({
        idSubscriber: "kemenag-seal",
        totp,
        files: [letter],
        signatureProperties: props,
      });
      const report = pdfsig(sealed.files[0] as Uint8Array);
      expect(validSignatures(report)).toBe(1);
      expect(report).toContain("Kementerian Agama");
      await seal.revokeActivation({ idSubscriber: "kemenag-seal", totp });
      const after = await failure(
        seal.sealPdf({ idSubscriber: "kemenag-seal", totp, files: [letter], signatureProperties: props }),
      );
      expect(after.code).toBe("BSRE_CERTIFICATE_NOT_ISSUED");
    });

    it("answers 404 for an unknown document and for one kept past the download retention", async () => {
      const c = clock();
      const h = await start({ downloadTtlMs: 60_000, now: () => c.now });
      const error = await failure(h.client.v1.download("00000000-0000-0000-0000-000000000000"));
      expect(error).toMatchObject({ code: "BSRE_NOT_FOUND", httpStatus: 404 });
      await enrol(h, BUDI);
      const { documentId } = await h.client.v1.signPdf(invisibleV1(BUDI.passphrase));
      c.advance(61_000);
      expect((await failure(h.client.v1.download(documentId as string))).code).toBe("BSRE_NOT_FOUND");
    });

    it("refuses malformed multipart, non-PDF files and broken JSON with 400 in BSrE's error shape", async () => {
      const h = await start();
      const auth = { authorization: basic(h.sim.credentials) };
      const malformed = await h.raw("/api/sign/pdf", {
        method: "POST",
        headers: { ...auth, "content-type": "multipart/form-data; boundary=XYZ" },
        body: '--XYZ\r\nContent-Disposition: form-data; name="nik"\r\n\r\n32010115',
      });
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toMatchObject({ status_code: 2040 });
      const notMultipart = await h.raw("/api/sign/pdf", {
        method: "POST",
        headers: { ...auth, "content-type": "text/plain" },
        body: "x",
      });
      expect(notMultipart.status).toBe(400);
      const brokenJson = await h.raw("/api/v2/sign/pdf", {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: "{",
      });
      expect(await brokenJson.json()).toEqual({ error: "Body JSON tidak valid", status_code: 2040 });
      const notPdf = await failure(
        h.client.v1.signPdf({ ...invisibleV1(BUDI.passphrase), file: new TextEncoder().encode("hello") }),
      );
      expect(notPdf).toMatchObject({ code: "BSRE_BAD_REQUEST", httpStatus: 400, statusCode: 2040 });
    });

    it("refuses oversize files with 413 (file limit and body limit)", async () => {
      const h = await start({ maxFileBytes: 16 * 1024, maxBodyBytes: 64 * 1024 });
      await enrol(h, BUDI);
      const big = new Uint8Array(20 * 1024);
      big.set(letter.subarray(0, 1024));
      const fileLimit = await failure(h.client.v1.signPdf({ ...invisibleV1(BUDI.passphrase), file: big }));
      expect(fileLimit).toMatchObject({ code: "BSRE_PAYLOAD_TOO_LARGE", httpStatus: 413 });
      const huge = new Uint8Array(100 * 1024);
      huge.set(letter.subarray(0, 1024));
      const bodyLimit = await failure(
        h.client.v2.signPdf({
          nik: BUDI.nik,
          passphrase: BUDI.passphrase,
          files: [huge],
          signatureProperties: [{ tampilan: "INVISIBLE" }],
        }),
      );
      expect(bodyLimit).toMatchObject({ code: "BSRE_PAYLOAD_TOO_LARGE", httpStatus: 413 });
    });

    it("refuses wrong service credentials and keeps the operator API behind its own credentials", async () => {
      const h = await start();
      const { createBsreClient } = await import("@teken/bsre-client");
      const intruder = createBsreClient({
        baseUrl: h.baseUrl,
        credentials: { username: "teken", password: "wrong" },
        fetch: transport === "http" ? fetch : async (i, init) => h.sim.app.request(i as string, init),
      });
      expect((await failure(intruder.v1.userStatus(BUDI.nik))).code).toBe("BSRE_UNAUTHORIZED");
      const asAgency = await h.raw("/operator/users", {
        headers: { authorization: basic(h.sim.credentials) },
      });
      expect(asAgency.status).toBe(401);
      expect((await h.operator("/users")).status).toBe(200);
    });
  });
}
