import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeStream } from "../filters";
import { createIncrementalUpdate } from "../incremental-update";
import { PdfStream, PdfString, latin1Bytes, latin1String, pdfDict, pdfName } from "../objects";
import { openPdf } from "../open-pdf";
import { concatBytes } from "../serialize";
import { md5 } from "./md5";
import { rc4 } from "./rc4";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), "pades-enc-"));
const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join("");

/** Encrypts minimal.pdf with qpdf (user `usersecret`, owner `ownersecret`) using the given key length/options. */
function qpdfEncrypt(label: string, args: readonly string[], source = "minimal.pdf"): Uint8Array {
  const input = join(dir, source);
  writeFileSync(input, fixture(source));
  const out = join(dir, `${label}.pdf`);
  execFileSync("qpdf", [
    "--allow-weak-crypto",
    "--encrypt",
    "usersecret",
    "ownersecret",
    ...args,
    "--",
    input,
    out,
  ]);
  return new Uint8Array(readFileSync(out));
}

async function pageText(bytes: Uint8Array, password: string): Promise<string> {
  const doc = await openPdf(bytes, { password });
  const contents = doc.resolve(doc.pages()[0]!.dict.get("Contents"));
  return latin1String(decodeStream(contents as PdfStream));
}

describe("md5 and rc4", () => {
  it("match RFC 1321 and well-known RC4 vectors", () => {
    expect(hex(md5(latin1Bytes("")))).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(hex(md5(latin1Bytes("message digest")))).toBe("f96b697d7cb7938d525a2f31aaf161d0");
    expect(hex(md5(latin1Bytes("a".repeat(1000))))).toBe("cabe45dcc9ae5b66ba86600cca6b8ba8");
    expect(hex(rc4(latin1Bytes("Key"), latin1Bytes("Plaintext")))).toBe("bbf316e8d940af0ad3");
  });
});

const cases: ReadonlyArray<readonly [string, () => Uint8Array, string]> = [
  ["RC4-128 R3 (corpus)", () => fixture("minimal-rc4.pdf"), "RC4"],
  ["AES-256 R6 (corpus)", () => fixture("minimal-aes256.pdf"), "AESV3"],
  ["RC4-40 R2 (qpdf)", () => qpdfEncrypt("rc4-40", ["40"]), "RC4"],
  ["AES-128 R4 (qpdf)", () => qpdfEncrypt("aes-128", ["128", "--use-aes=y"]), "AESV2"],
];

describe("encrypted inputs", () => {
  it.each(cases)("%s opens with the user and the owner password", async (_label, make, method) => {
    const bytes = make();
    for (const pw of ["usersecret", "ownersecret"])
      expect(await pageText(bytes, pw)).toContain("(Hello World) Tj");
    const doc = await openPdf(bytes, { password: "usersecret" });
    expect(doc.security?.method).toBe(method);
  });

  it.each(cases)("%s refuses a wrong or missing password with PDF_WRONG_PASSWORD", async (_label, make) => {
    const bytes = make();
    await expect(openPdf(bytes, { password: "wrong" })).rejects.toMatchObject({ code: "PDF_WRONG_PASSWORD" });
    await expect(openPdf(bytes)).rejects.toMatchObject({ code: "PDF_WRONG_PASSWORD" });
  });

  it.each(cases)("%s: an update is encrypted the same way and passes qpdf --check", async (label, make) => {
    const doc = await openPdf(make(), { password: "usersecret" });
    const up = createIncrementalUpdate(doc);
    const ref = up.allocate();
    const body = latin1Bytes("BT /F1 12 Tf (appended) Tj ET");
    up.set(ref, new PdfStream(pdfDict({ Note: PdfString.fromText("rahasia") }), body));
    up.set(
      up.allocate(),
      pdfDict({ Type: pdfName("Sig"), Contents: new PdfString(latin1Bytes("clear"), true) }),
    );
    const r = await up.write();
    const updated = concatBytes([doc.bytes, r.bytes]);
    expect(latin1String(r.bytes)).not.toContain("rahasia");
    expect(latin1String(r.bytes)).not.toContain("appended");
    expect(latin1String(r.bytes)).toContain(`<${hex(latin1Bytes("clear"))}>`);
    const path = join(dir, `upd-${label.replace(/\W+/g, "_")}.pdf`);
    writeFileSync(path, updated);
    const check = execFileSync("qpdf", ["--password=usersecret", "--check", path], { encoding: "utf8" });
    expect(check).toContain("No syntax or stream encoding errors found");
    const shown = execFileSync("qpdf", [
      "--password=usersecret",
      `--show-object=${ref.num}`,
      "--raw-stream-data",
      path,
    ]);
    expect(latin1String(new Uint8Array(shown))).toBe("BT /F1 12 Tf (appended) Tj ET");
    const reread = await openPdf(updated, { password: "ownersecret" });
    const s = reread.getObject(ref) as PdfStream;
    expect(latin1String(s.raw)).toBe("BT /F1 12 Tf (appended) Tj ET");
    expect((s.dict.get("Note") as PdfString).text()).toBe("rahasia");
  });

  it("leaves metadata in the clear when /EncryptMetadata is false (AES-128, qpdf --cleartext-metadata)", async () => {
    const bytes = qpdfEncrypt(
      "aes-clear-meta",
      ["128", "--use-aes=y", "--cleartext-metadata"],
      "gs-letter.pdf",
    );
    expect(latin1String(bytes)).toContain("/EncryptMetadata false");
    const doc = await openPdf(bytes, { password: "usersecret" });
    const meta = doc.resolve(doc.catalog.get("Metadata")) as PdfStream;
    expect(latin1String(meta.decode())).toContain("x:xmpmeta");
    expect(doc.pages()).toHaveLength(2);
    const info = doc.resolveDict(doc.trailer.get("Info"));
    expect((info!.get("Producer") as PdfString).text()).toMatch(/Ghostscript/i);
  });

  it("reads an AES-256 file whose objects sit in object streams (strings inside are not encrypted twice)", async () => {
    const bytes = qpdfEncrypt("aes256-objstm", ["256"], "objstm-letter.pdf");
    const doc = await openPdf(bytes, { password: "ownersecret" });
    expect(doc.xrefKind).toBe("stream");
    expect([...doc.entries.values()].some((e) => e.type === "compressed")).toBe(true);
    expect(doc.pages()).toHaveLength(2);
    const info = doc.resolveDict(doc.trailer.get("Info"));
    expect((info!.get("Producer") as PdfString).text()).toMatch(/Ghostscript/i);
  });

  it("refuses a security handler other than /Standard with PDF_UNSUPPORTED_ENCRYPTION", async () => {
    const src = latin1String(fixture("minimal-rc4.pdf")).replace("/Filter /Standard", "/Filter /Adobe.PPK");
    await expect(openPdf(latin1Bytes(src), { password: "usersecret" })).rejects.toMatchObject({
      code: "PDF_UNSUPPORTED_ENCRYPTION",
    });
  });
});
