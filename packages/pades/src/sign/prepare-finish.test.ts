import { describe, expect, it } from "vitest";
import { bufferSource } from "../cms/buffer-source";
import { parseSignedData } from "../cms/parse-signed-data";
import {
  corpusSigner,
  coveredBytes,
  fixture,
  opensslVerify,
  scanSignatures,
  selfSigned,
  tool,
  validateExternally,
  writeTemp,
} from "../../test/fixtures/sign/tools";
import { certificatesFromPem, pemBlock } from "../cms/certificate";
import { importPrivateKey } from "./import-private-key";
import { openPdf } from "../pdf/open-pdf";
import { PdfRef } from "../pdf/objects";
import { createCms } from "./create-cms";
import { finish, finishParts } from "./finish";
import { prepare } from "./prepare";
import { signPdf, signPdfParts } from "./sign-pdf";
import { signAtLevel } from "../ltv/sign-at-level";

async function nodeDigester(parts: readonly Uint8Array[], algorithm: string): Promise<Uint8Array> {
  const { createHash } = await import("node:crypto");
  const h = createHash(algorithm.replace("-", "").toLowerCase());
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

const when = new Date("2026-11-25T10:00:00Z");

describe("prepare / finish (two-phase signing)", () => {
  it("lets a remote 'sign this hash' service sign dataToSignDigest later; the result verifies", async () => {
    const local = await corpusSigner();
    const identity = {
      kind: "identity" as const,
      certificate: local.certificate,
      chain: local.chain,
      scheme: "RSASSA-PKCS1-v1_5" as const,
    };
    const prepared = await prepare(fixture("gs-letter.pdf"), { signer: identity, signingTime: when });
    expect(prepared.byteRange[0]).toBe(0);
    expect(prepared.byteRange[2] + prepared.byteRange[3]).toBe(prepared.pdf.length);
    const expected = new Uint8Array(
      await crypto.subtle.digest("SHA-256", bufferSource(prepared.signedAttributes!)),
    );
    expect(prepared.dataToSignDigest).toEqual(expected);
    const signature = new Uint8Array(
      await crypto.subtle.sign(
        "RSASSA-PKCS1-v1_5",
        local.privateKey,
        bufferSource(prepared.signedAttributes!),
      ),
    );
    const signed = finish(prepared, { signature });
    const v = validateExternally(signed);
    expect(v.pdfsigValid, v.pdfsig).toBe(1);
    expect(v.opensslOk).toBe(1);
  });

  it("embeds a CMS from an external CMS provider, with /Contents sized by maxCmsSize", async () => {
    const local = await corpusSigner();
    const provider = {
      kind: "cms" as const,
      maxCmsSize: 6000,
      signDigest: (r: { documentDigest: Uint8Array }) =>
        createCms(local, {
          documentDigest: r.documentDigest,
          digest: "SHA-256",
          subFilter: "ETSI.CAdES.detached",
          signingTime: when,
        }),
    };
    const signed = await signPdf(fixture("objstm-letter.pdf"), { signer: provider, signingTime: when });
    expect(prepareCapacity(signed)).toBe(6000);
    expect(validateExternally(signed).pdfsigValid).toBe(1);
  });

  it("writes the PAdES signature dictionary: no signing-time, /M, reason, location, contact, name; ByteRange 10 digits wide", async () => {
    const signed = await signPdf(fixture("gs-letter.pdf"), {
      signer: await corpusSigner(),
      signingTime: when,
      reason: "Menyetujui",
      location: "Jakarta",
      contactInfo: "tu@kemenag.go.id",
      name: "Ahmad Fauzi",
    });
    const doc = await openPdf(signed);
    const field = doc.fields().find((f) => f.type === "Sig")!;
    const sig = doc.resolveDict(field.value)!;
    expect(sig.getName("Filter")).toBe("Adobe.PPKLite");
    expect(sig.getName("SubFilter")).toBe("ETSI.CAdES.detached");
    const text = (k: string) => (doc.resolve(sig.get(k)) as { text(): string }).text();
    expect(text("M")).toBe("D:20261125100000+00'00'");
    expect([text("Reason"), text("Location"), text("ContactInfo"), text("Name")]).toEqual([
      "Menyetujui",
      "Jakarta",
      "tu@kemenag.go.id",
      "Ahmad Fauzi",
    ]);
    expect(sig.has("Cert")).toBe(false);
    const cms = parseSignedData(scanSignatures(signed)[0]!.cms);
    expect(cms.signerInfos[0]!.signingTime).toBeUndefined();
    const latin = new TextDecoder("latin1").decode(signed);
    expect(latin).toMatch(/\/ByteRange \[0 \d+ {2,}\d+ +\d+ +\]/);
    const acro = doc.resolveDict(doc.catalog.get("AcroForm"))!;
    expect(acro.getNumber("SigFlags")).toBe(3);
  });

  it("adbe.pkcs7.detached mode carries signing-time and verifies", async () => {
    const signed = await signPdf(fixture("gs-letter.pdf"), {
      signer: await corpusSigner(),
      signingTime: when,
      subFilter: "adbe.pkcs7.detached",
    });
    const v = validateExternally(signed);
    expect(v.pdfsig).toContain("adbe.pkcs7.detached");
    expect(v.pdfsigValid).toBe(1);
    expect(parseSignedData(scanSignatures(signed)[0]!.cms).signerInfos[0]!.signingTime?.getTime()).toBe(
      when.getTime(),
    );
  });

  it("raises PADES_SIGN_CONTENTS_TOO_SMALL when the CMS does not fit", async () => {
    await expect(
      signPdf(fixture("gs-letter.pdf"), { signer: await corpusSigner(), contentsSize: 100 }),
    ).rejects.toMatchObject({
      code: "PADES_SIGN_CONTENTS_TOO_SMALL",
    });
  });
});

function prepareCapacity(pdf: Uint8Array): number {
  const [, a, b] = scanSignatures(pdf)[0]!.range as [number, number, number, number];
  return (b - a - 2) / 2;
}

describe("signature fields", () => {
  it("signs an existing empty field whose page has /Annots as an indirect array", async () => {
    const input = fixture("minimal-one-field-indir-annots.pdf");
    const signed = await signPdf(input, {
      signer: await corpusSigner(),
      fieldName: "SigOld",
      signingTime: when,
    });
    const doc = await openPdf(signed);
    const fields = doc.fields().filter((f) => f.type === "Sig");
    expect(fields.map((f) => f.fullName)).toEqual(["SigOld"]);
    expect(fields[0]!.value).toBeInstanceOf(PdfRef);
    const v = validateExternally(signed);
    expect(v.pdfsigValid, v.pdfsig).toBe(1);
    expect(v.qpdf.code, v.qpdf.out).toBe(0);
  });

  it("creates a new field next to existing empty ones, adding it to the indirect /Annots array", async () => {
    const signed = await signPdf(fixture("minimal-one-field-indir-annots.pdf"), {
      signer: await corpusSigner(),
      signingTime: when,
    });
    const doc = await openPdf(signed);
    expect(doc.fields().map((f) => f.fullName)).toEqual(["SigOld", "Signature1"]);
    const annots = doc.annotations(doc.pages()[0]!.ref!);
    expect(annots).toHaveLength(2);
    expect(doc.pages()[0]!.dict.get("Annots")).toBeInstanceOf(PdfRef);
  });

  it("fills Sig1 then Sig2 of a two-field form; both signatures stay valid", async () => {
    const signer = await corpusSigner();
    const once = await signPdf(fixture("minimal-two-fields.pdf"), {
      signer,
      fieldName: "Sig1",
      signingTime: when,
    });
    const twice = await signPdf(once, { signer, fieldName: "Sig2", signingTime: when });
    const v = validateExternally(twice);
    expect(v.pdfsigValid, v.pdfsig).toBe(2);
    expect(v.opensslOk).toBe(2);
    expect(v.pdfsigTotal).toBe(true);
  });

  it("refuses a signed field (PADES_SIGN_FIELD_ALREADY_SIGNED) and a page that does not exist", async () => {
    const signer = await corpusSigner();
    await expect(
      signPdf(fixture("minimal-two-fields-signed-twice.pdf"), { signer, fieldName: "Sig1" }),
    ).rejects.toMatchObject({
      code: "PADES_SIGN_FIELD_ALREADY_SIGNED",
    });
    await expect(
      signPdf(fixture("gs-letter.pdf"), {
        signer,
        visible: { placement: { page: 9, rect: [0, 0, 10, 10] } },
      }),
    ).rejects.toMatchObject({ code: "PADES_SIGN_PAGE_NOT_FOUND" });
  });

  it("signs a hybrid-xref file and keeps a stream-style update", async () => {
    const signed = await signPdf(fixture("minimal-hybrid-xref.pdf"), {
      signer: await corpusSigner(),
      signingTime: when,
    });
    const v = validateExternally(signed);
    expect(v.pdfsigValid, v.pdfsig).toBe(1);
    expect(v.qpdf.code, v.qpdf.out).toBe(0);
  });
});

describe("successive signatures", () => {
  it("20 sequential signatures all stay valid (pdfsig, mutool, openssl, qpdf)", async () => {
    const signer = await corpusSigner();
    let pdf = fixture("gs-letter.pdf");
    for (let i = 0; i < 20; i++)
      pdf = await signPdf(pdf, { signer, signingTime: when, reason: `step ${i + 1}` });
    const v = validateExternally(pdf);
    expect(v.signatures).toBe(20);
    expect(v.pdfsigValid, v.pdfsig).toBe(20);
    expect(v.mutoolValid, v.mutool).toBe(20);
    expect(v.opensslOk).toBe(20);
    expect(v.pdfsigTotal).toBe(true);
    expect(v.qpdf.code, v.qpdf.out).toBe(0);
    expect((await openPdf(pdf)).revisions).toHaveLength(21);
  }, 60_000);
});

describe("the external validators can fail", () => {
  it("a byte changed inside the signed range is rejected by pdfsig, mutool and openssl", async () => {
    const signed = await signPdf(fixture("gs-letter.pdf"), {
      signer: await corpusSigner(),
      signingTime: when,
    });
    const tampered = signed.slice();
    const at = new TextDecoder("latin1").decode(tampered).indexOf("/MediaBox");
    expect(at).toBeGreaterThan(0);
    tampered[at + 1] = "m".charCodeAt(0);
    const v = validateExternally(tampered);
    expect(v.pdfsigValid).toBe(0);
    expect(v.mutoolValid).toBe(0);
    expect(v.opensslOk).toBe(0);
  });
});

describe("key types in a PDF signature", () => {
  const cases = [
    {
      name: "ECDSA P-256 / SHA-256",
      keyArgs: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
      digest: "SHA-256" as const,
    },
    {
      name: "ECDSA P-384 / SHA-384",
      keyArgs: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"],
      digest: "SHA-384" as const,
    },
    {
      name: "RSA-PSS / SHA-256",
      keyArgs: ["-newkey", "rsa:2048"],
      digest: "SHA-256" as const,
      rsaScheme: "RSA-PSS" as const,
    },
    { name: "RSA PKCS#1 / SHA-512", keyArgs: ["-newkey", "rsa:2048"], digest: "SHA-512" as const },
  ];
  for (const c of cases) {
    it(`${c.name}: pdfsig and openssl accept the signed PDF`, async () => {
      const pki = selfSigned(c.keyArgs);
      const privateKey = await importPrivateKey(pemBlock(pki.keyPem, "PRIVATE KEY")!, {
        digest: c.digest,
        rsaScheme: c.rsaScheme,
      });
      const certificate = certificatesFromPem(pki.certPem)[0]!;
      const signed = await signPdf(fixture("gs-letter.pdf"), {
        signer: { kind: "local", privateKey, certificate },
        digest: c.digest,
        signingTime: when,
      });
      const sig = scanSignatures(signed)[0]!;
      expect(opensslVerify(sig.cms, coveredBytes(signed, sig.range), pki.certPath).out).toContain(
        "Verification successful",
      );
      const v = validateExternally(signed);
      expect(v.pdfsigValid, v.pdfsig).toBe(1);
    });
  }
});

describe("digester port", () => {
  it("an incremental node:crypto digester yields the same digest as Web Crypto, and the PDF verifies", async () => {
    const { createHash } = await import("node:crypto");
    const seen: number[] = [];
    const buffers: Uint8Array[] = [];
    const digester = async (parts: readonly Uint8Array[], algorithm: string) => {
      const h = createHash(algorithm.replace("-", "").toLowerCase());
      for (const p of parts) {
        h.update(p);
        seen.push(p.length);
        buffers.push(p);
      }
      return new Uint8Array(h.digest());
    };
    const input = fixture("chromium-letter.pdf");
    const a = await prepare(input, { signer: await corpusSigner(), signingTime: when });
    const b = await prepare(input, { signer: await corpusSigner(), signingTime: when, digester });
    expect(b.documentDigest).toEqual(a.documentDigest);
    // The input itself (not a copy), then the update before and after the /Contents hole.
    expect(seen).toEqual([input.length, b.byteRange[1] - input.length, b.byteRange[3]]);
    expect(buffers[0]).toBe(input);
    expect(seen[0]! + seen[1]! + seen[2]!).toBe(b.byteRange[1] + b.byteRange[3]);
    const signed = await signPdf(input, { signer: await corpusSigner(), digester });
    expect(validateExternally(signed).pdfsigValid).toBe(1);
  });

  it("signPdfParts returns the untouched input and the signed update; together they are the signed file", async () => {
    const input = fixture("gs-letter.pdf");
    const before = input.slice();
    const [head, update] = await signPdfParts(input, {
      signer: await corpusSigner(),
      digester: nodeDigester,
    });
    expect(head).toBe(input);
    expect(input).toEqual(before);
    const signed = new Uint8Array(head.length + update.length);
    signed.set(head);
    signed.set(update, head.length);
    expect(validateExternally(signed).pdfsigValid).toBe(1);
  });

  it("signAtLevel B-B with a digester hands out [input, update] (teken sign writes them in turn); without one, the whole file", async () => {
    const input = fixture("gs-letter.pdf");
    const withParts = await signAtLevel(input, {
      level: "B-B",
      signer: await corpusSigner(),
      digester: nodeDigester,
    });
    expect(withParts.parts?.length).toBe(2);
    expect(withParts.parts?.[0]).toBe(input);
    expect(withParts.pdf.length).toBe(input.length + (withParts.parts?.[1]?.length ?? 0));
    expect(validateExternally(withParts.pdf).pdfsigValid).toBe(1);
    const whole = await signAtLevel(input, { level: "B-B", signer: await corpusSigner() });
    expect(whole.parts).toBeUndefined();
    expect(validateExternally(whole.pdf).pdfsigValid).toBe(1);
  });

  it("finish and finishParts agree; prepared.pdf read before finish receives the CMS too", async () => {
    const signer = await corpusSigner();
    const input = fixture("gs-letter.pdf");
    const prepared = await prepare(input, { signer, signingTime: when, digester: nodeDigester });
    const early = prepared.pdf;
    const cms = await createCms(signer, {
      documentDigest: prepared.documentDigest,
      digest: prepared.digest,
      subFilter: prepared.subFilter,
      signingTime: prepared.signingTime,
    });
    const [head, update] = finishParts(prepared, { cms });
    const whole = finish(prepared, { cms });
    expect(whole).toBe(early);
    expect(whole.subarray(head.length)).toEqual(update);
    expect(validateExternally(whole).pdfsigValid).toBe(1);
  });
});

describe("encrypted inputs", () => {
  it("signs an AES-256 file (user password): the update is encrypted, /Contents stays clear, validators accept it", async () => {
    const input = fixture("minimal-aes256.pdf");
    const signed = await signPdf(input, {
      signer: await corpusSigner(),
      password: "usersecret",
      signingTime: when,
      reason: "Menyetujui",
      visible: { placement: { page: 1, rect: [10, 10, 120, 40] }, stamp: { lines: ["Ahmad Fauzi"] } },
    });
    const path = writeTemp("enc.pdf", signed);
    const pdfsig = tool("pdfsig", ["-upw", "usersecret", path]).out;
    expect(pdfsig).toContain("Signature is Valid.");
    expect(pdfsig).toContain("Total document signed");
    expect(tool("qpdf", ["--check", "--password=usersecret", path]).code).toBe(0);
    const sig = scanSignatures(signed)[0]!;
    expect(opensslVerify(sig.cms, coveredBytes(signed, sig.range)).out).toContain("Verification successful");
    const doc = await openPdf(signed, { password: "usersecret" });
    const field = doc.fields().find((f) => f.type === "Sig")!;
    expect((doc.resolve(doc.resolveDict(field.value)!.get("Reason")) as { text(): string }).text()).toBe(
      "Menyetujui",
    );
    expect(new TextDecoder("latin1").decode(signed.subarray(input.length))).not.toContain("Menyetujui");
  });
});
