import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jpegSize, pngSize } from "./image-size";
import { sniffFileType } from "./sniff";
import { checkUpload, type UploadPolicy, uploadPolicies } from "./uploads";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url)));
const pdf = fixture("gs-letter.pdf");
const jpg = fixture("ktp.jpg");
const png = fixture("specimen.png");
const ascii = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
/** A PNG whose IHDR says width x height (the rest of the file is the real specimen). */
const pngWithSize = (width: number, height: number) => {
  const b = png.slice();
  new DataView(b.buffer).setUint32(16, width);
  new DataView(b.buffer).setUint32(20, height);
  return b;
};
/** A PDF-shaped buffer of exactly `size` bytes. */
const pdfOfSize = (size: number) => {
  const b = new Uint8Array(size).fill(0x20);
  b.set(ascii("%PDF-1.7\n"), 0);
  b.set(ascii("%%EOF\n"), size - 6);
  return b;
};

type Row = [string, Uint8Array, string | undefined, UploadPolicy, Record<string, unknown>];
const accepted: Row[] = [
  ["KTP as JPEG", jpg, "image/jpeg", uploadPolicies.ktp, { type: "image/jpeg", width: 640, height: 400 }],
  ["KTP declared image/jpg", jpg, "image/jpg", uploadPolicies.ktp, { type: "image/jpeg" }],
  ["KTP with a MIME parameter", jpg, "Image/JPEG; q=1", uploadPolicies.ktp, { type: "image/jpeg" }],
  ["KTP as PDF", pdf, "application/pdf", uploadPolicies.ktp, { type: "application/pdf", size: pdf.length }],
  ["KTP as PNG, no declared type", png, undefined, uploadPolicies.ktp, { type: "image/png", width: 400 }],
  [
    "octet-stream says nothing",
    pdf,
    "application/octet-stream",
    uploadPolicies.recommendation_letter,
    { type: "application/pdf" },
  ],
  [
    "recommendation letter",
    pdf,
    "application/pdf",
    uploadPolicies.recommendation_letter,
    { type: "application/pdf" },
  ],
  [
    "header %PDF-X.Y",
    fixture("minimal-illegal-header.pdf"),
    undefined,
    uploadPolicies.document,
    { type: "application/pdf" },
  ],
  ["PNG specimen", png, "image/png", uploadPolicies.signature_specimen, { width: 400, height: 150 }],
  [
    "progressive JPEG specimen",
    fixture("specimen-progressive.jpg"),
    "image/jpeg",
    uploadPolicies.signature_specimen,
    { width: 300, height: 100 },
  ],
  [
    "specimen at 2000x2000",
    pngWithSize(2000, 2000),
    "image/png",
    uploadPolicies.signature_specimen,
    { width: 2000 },
  ],
  [
    "header 500 bytes in",
    concat(new Uint8Array(500), pdf),
    undefined,
    uploadPolicies.document,
    { type: "application/pdf" },
  ],
  [
    "900 bytes after %%EOF",
    concat(pdf, new Uint8Array(900).fill(10)),
    undefined,
    uploadPolicies.document,
    { type: "application/pdf" },
  ],
  ["KTP at exactly 250 KB", pdfOfSize(256_000), undefined, uploadPolicies.ktp, { size: 256_000 }],
  [
    "letter at exactly 400 KB",
    pdfOfSize(409_600),
    undefined,
    uploadPolicies.recommendation_letter,
    { size: 409_600 },
  ],
];

const refused: [string, Uint8Array, string | undefined, UploadPolicy, string[], Record<string, unknown>?][] =
  [
    ["an empty file", new Uint8Array(), "application/pdf", uploadPolicies.document, ["UPLOAD_EMPTY"]],
    [
      "KTP over 250 KB",
      pdfOfSize(256_001),
      undefined,
      uploadPolicies.ktp,
      ["UPLOAD_TOO_LARGE"],
      { size: 256_001, max: 256_000 },
    ],
    [
      "letter over 400 KB",
      pdfOfSize(409_601),
      undefined,
      uploadPolicies.recommendation_letter,
      ["UPLOAD_TOO_LARGE"],
    ],
    [
      "document over a configured 1000 bytes",
      pdf,
      undefined,
      { ...uploadPolicies.document, maxBytes: 1000 },
      ["UPLOAD_TOO_LARGE"],
    ],
    ["a GIF", ascii("GIF89a\x01\x00\x01\x00"), "image/gif", uploadPolicies.ktp, ["UPLOAD_TYPE_UNKNOWN"]],
    [
      "a Windows program named .pdf",
      ascii("MZ\x90\x00"),
      "application/pdf",
      uploadPolicies.document,
      ["UPLOAD_TYPE_UNKNOWN"],
    ],
    [
      "header past 1024 bytes",
      concat(new Uint8Array(1100), pdf),
      undefined,
      uploadPolicies.document,
      ["UPLOAD_TYPE_UNKNOWN"],
    ],
    [
      "JPEG declared as PDF",
      jpg,
      "application/pdf",
      uploadPolicies.ktp,
      ["UPLOAD_TYPE_MISMATCH"],
      { declared: "application/pdf", detected: "image/jpeg" },
    ],
    ["PDF declared as PNG", pdf, "image/png", uploadPolicies.ktp, ["UPLOAD_TYPE_MISMATCH"]],
    [
      "JPEG as recommendation letter",
      jpg,
      "image/jpeg",
      uploadPolicies.recommendation_letter,
      ["UPLOAD_TYPE_NOT_ALLOWED"],
      { detected: "image/jpeg", allowed: "application/pdf" },
    ],
    [
      "PDF as specimen, declared PNG",
      pdf,
      "image/png",
      uploadPolicies.signature_specimen,
      ["UPLOAD_TYPE_MISMATCH", "UPLOAD_TYPE_NOT_ALLOWED"],
    ],
    [
      "truncated PDF",
      pdf.subarray(0, pdf.length - 40),
      "application/pdf",
      uploadPolicies.document,
      ["UPLOAD_PDF_NO_EOF"],
    ],
    [
      "1100 bytes after %%EOF",
      concat(pdf, new Uint8Array(1100)),
      undefined,
      uploadPolicies.document,
      ["UPLOAD_PDF_NO_EOF"],
    ],
    [
      "JPEG without a frame",
      new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
      undefined,
      uploadPolicies.ktp,
      ["UPLOAD_IMAGE_UNREADABLE"],
    ],
    [
      "JPEG cut after 30 bytes",
      jpg.subarray(0, 30),
      undefined,
      uploadPolicies.ktp,
      ["UPLOAD_IMAGE_UNREADABLE"],
    ],
    ["PNG without IHDR", png.subarray(0, 12), undefined, uploadPolicies.ktp, ["UPLOAD_IMAGE_UNREADABLE"]],
    ["PNG of width 0", pngWithSize(0, 10), undefined, uploadPolicies.ktp, ["UPLOAD_IMAGE_UNREADABLE"]],
    [
      "60x20 specimen",
      fixture("tiny.png"),
      "image/png",
      uploadPolicies.signature_specimen,
      ["UPLOAD_IMAGE_TOO_SMALL"],
      { width: 60, height: 20, minWidth: 150, minHeight: 50 },
    ],
    [
      "3000x100 specimen",
      pngWithSize(3000, 100),
      "image/png",
      uploadPolicies.signature_specimen,
      ["UPLOAD_IMAGE_TOO_LARGE"],
      { width: 3000, height: 100, maxWidth: 2000, maxHeight: 2000 },
    ],
  ];

describe("checkUpload", () => {
  it.each(accepted)("accepts %s", (_label, bytes, declaredType, policy, expected) => {
    const r = checkUpload(declaredType === undefined ? { bytes } : { bytes, declaredType }, policy);
    expect(r.ok && r.value).toMatchObject(expected);
  });
  it.each(refused)("refuses %s", (_label, bytes, declaredType, policy, codes, params) => {
    const r = checkUpload(declaredType === undefined ? { bytes } : { bytes, declaredType }, policy);
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(codes);
    if (params !== undefined) expect(r.ok ? undefined : r.issues[0]?.params).toEqual(params);
  });
  it("has the agency's default limits", () => {
    expect(uploadPolicies.ktp.maxBytes).toBe(250 * 1024);
    expect(uploadPolicies.recommendation_letter.maxBytes).toBe(400 * 1024);
    expect(uploadPolicies.document.maxBytes).toBe(20 * 1024 * 1024);
  });
});

describe("sniffing and image headers", () => {
  it("reads sizes from headers", () => {
    expect(pngSize(png)).toEqual({ width: 400, height: 150 });
    expect(jpegSize(jpg)).toEqual({ width: 640, height: 400 });
    expect(
      jpegSize(new Uint8Array([0xff, 0xd8, 0xff, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x20, 0x00, 0x40])),
    ).toEqual({
      width: 64,
      height: 32,
    });
  });
  it("never throws on arbitrary bytes (property)", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom<number[]>([], [0xff, 0xd8, 0xff], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        (tail, head) => {
          const bytes = concat(new Uint8Array(head), tail);
          const type = sniffFileType(bytes);
          const r = checkUpload({ bytes }, uploadPolicies.ktp);
          if (r.ok) expect(r.value.type).toBe(type);
        },
      ),
    );
  });
});
