import type { SignatureReport, VerificationReport } from "@teken/pades";
import { describe, expect, it } from "vitest";
import { commonName, formatSize, groupChanges, toDocumentView, toneOf, verdictText } from "./view-model";

const ROOT_FP = "aa".repeat(32);

function signature(over: Partial<SignatureReport> = {}): SignatureReport {
  return {
    kind: "signature",
    fieldName: "Tanda-Tangan-1",
    indication: "TOTAL_PASSED",
    subIndication: null,
    reasons: [],
    warnings: [],
    subFilter: "ETSI.CAdES.detached",
    level: "PAdES-BASELINE-LT",
    ltv: { ready: true, missing: [] },
    certification: null,
    signer: {
      name: "Budi Santoso",
      email: "budi@example.go.id",
      subject: "CN=Budi Santoso,O=Pemkot,C=ID",
      issuer: "CN=BSRE CA DS G1,C=ID",
      serialNumber: "01",
      notBefore: "2026-01-01T00:00:00Z",
      notAfter: "2028-01-01T00:00:00Z",
      trusted: true,
      revocation: "good",
      chain: [
        {
          subject: "CN=Budi Santoso,O=Pemkot,C=ID",
          issuer: "CN=BSRE CA DS G1,C=ID",
          serialNumber: "01",
          notBefore: "2026-01-01T00:00:00Z",
          notAfter: "2028-01-01T00:00:00Z",
          sha256: "bb".repeat(32),
        },
        {
          subject: "CN=Root CA Indonesia DS G1,O=Kementerian Komunikasi dan Informatika,C=ID",
          issuer: "CN=Root CA Indonesia DS G1,C=ID",
          serialNumber: "02",
          notBefore: "2018-01-01T00:00:00Z",
          notAfter: "2038-01-01T00:00:00Z",
          sha256: "AA:".repeat(31) + "AA",
        },
      ],
    },
    claimedTime: "2026-11-25T03:00:00Z",
    provenTime: "2026-11-25T03:00:05Z",
    timestamps: [],
    digestAlgorithm: "SHA-256",
    signatureAlgorithm: "RSASSA-PKCS1-v1_5",
    reason: "Menyetujui",
    location: "Jakarta",
    coverage: { byteRange: [0, 10, 20, 30], revision: 1, coversWholeFile: true, fileSize: 50 },
    changes: [],
    ...over,
  };
}

function report(signatures: SignatureReport[], over: Partial<VerificationReport> = {}): VerificationReport {
  return {
    version: "teken.verify/1",
    validationTime: "2026-11-25T04:00:00Z",
    document: {
      readable: true,
      error: null,
      fileSize: 2 * 1024 * 1024,
      revisions: 2,
      signatureCount: signatures.filter((s) => s.kind === "signature").length,
      documentTimestampCount: signatures.filter((s) => s.kind === "document-timestamp").length,
    },
    verdict: signatures.length === 0 ? "NO_SIGNATURE" : "TOTAL_PASSED",
    signatures,
    ...over,
  };
}

const opts = {
  lang: "id" as const,
  anchors: [{ sha256: ROOT_FP, label: "Root CA Indonesia DS G1", source: "bundled" as const }],
  fileName: "surat.pdf",
  timeZone: "Asia/Jakarta",
};

describe("toneOf / verdictText", () => {
  it.each([
    ["TOTAL_PASSED", "valid", "Sah", "Valid"],
    ["TOTAL_FAILED", "invalid", "Tidak sah", "Invalid"],
    ["INDETERMINATE", "indeterminate", "Tidak dapat ditentukan", "Cannot be determined"],
    ["NO_SIGNATURE", "unsigned", "Tidak ada tanda tangan", "No signature"],
    ["UNREADABLE", "unreadable", "Bukan PDF atau tidak dapat dibaca", "Not a PDF or unreadable"],
  ] as const)("%s is %s: %s / %s", (verdict, tone, id, en) => {
    expect(toneOf(verdict)).toBe(tone);
    expect(verdictText(tone, "id")).toBe(id);
    expect(verdictText(tone, "en")).toBe(en);
  });
});

describe("toDocumentView", () => {
  it("puts the document summary first, in Indonesian, with the BSrE wording", () => {
    const view = toDocumentView(report([signature()]), opts);
    expect(view).toMatchObject({
      fileName: "surat.pdf",
      tone: "valid",
      verdict: "Sah",
      reason: "Dokumen valid, Sertifikat yang digunakan terpercaya",
      counts: "1 tanda tangan, 0 penanda waktu dokumen, 2 revisi",
      fileSize: "2 MB",
    });
    expect(view.checkedAt).toContain("2026");
    expect(view.checkedAt).toContain("11.00");
  });

  it("maps one signature: signer, times, level, certificate state, the anchor that matched", () => {
    const [s] = toDocumentView(report([signature()]), opts).signatures;
    expect(s).toMatchObject({
      title: "Tanda tangan 1",
      verdict: "Sah",
      signerName: "Budi Santoso",
      signerEmail: "budi@example.go.id",
      level: "PAdES-BASELINE-LT",
      ltv: "LTV: dapat divalidasi jangka panjang",
      anchorMatched: true,
      anchor: "Rantai berakhir di akar terpercaya: Root CA Indonesia DS G1 (bawaan aplikasi)",
    });
    expect(s?.claimedTime).toMatch(/25 November 2026.*10\.00\.00/);
    expect(s?.provenTime).toMatch(/25 November 2026.*10\.00\.05/);
    expect(s?.certificate).toEqual([
      "Sertifikat terpercaya",
      expect.stringMatching(/^Masih berlaku \(Masa berlaku 1 Januari 2026/),
      "Tidak dicabut",
    ]);
    expect(s?.chain.map((c) => c.subject)).toEqual([
      "CN=Budi Santoso,O=Pemkot,C=ID",
      "CN=Root CA Indonesia DS G1,O=Kementerian Komunikasi dan Informatika,C=ID",
    ]);
  });

  it("says honestly that no anchor matched when the chain is not trusted", () => {
    const base = signature();
    const untrusted = signature({
      indication: "INDETERMINATE",
      subIndication: "NO_CERTIFICATE_CHAIN_FOUND",
      reasons: [{ code: "CHAIN_NOT_FOUND" }],
      signer: base.signer === null ? null : { ...base.signer, trusted: false, revocation: "not-checked" },
    });
    const view = toDocumentView(report([untrusted], { verdict: "INDETERMINATE" }), opts);
    expect(view.verdict).toBe("Tidak dapat ditentukan");
    expect(view.reason).toBe("Sertifikat yang digunakan tidak terpercaya");
    expect(view.signatures[0]).toMatchObject({
      anchorMatched: false,
      anchor: "Tidak ada akar terpercaya yang cocok dengan rantai sertifikat ini.",
      reasons: ["Rantai ke sertifikat akar terpercaya tidak ditemukan"],
    });
    expect(view.signatures[0]?.certificate).toContain("Status pencabutan tidak diperiksa");
  });

  it("names a trusted chain's root even when it is not in the app's list", () => {
    const view = toDocumentView(report([signature()]), { ...opts, anchors: [] });
    expect(view.signatures[0]?.anchor).toBe(
      "Rantai berakhir di akar terpercaya: Root CA Indonesia DS G1 (akar terpercaya)",
    );
  });

  it("lists changes after signing, folds repeats, marks what is not allowed", () => {
    const tampered = signature({
      indication: "TOTAL_FAILED",
      subIndication: "HASH_FAILURE",
      changes: [
        { revision: 1, objectNumber: 7, kind: "page-content", page: 0, field: null, allowed: false },
        { revision: 1, objectNumber: 8, kind: "dss-update", page: null, field: null, allowed: true },
        { revision: 1, objectNumber: 9, kind: "dss-update", page: null, field: null, allowed: true },
        { revision: 2, objectNumber: 10, kind: "form-fill", page: null, field: "Nama", allowed: true },
      ],
    });
    const [s] = toDocumentView(report([tampered], { verdict: "TOTAL_FAILED" }), opts).signatures;
    expect(s?.verdict).toBe("Tidak sah");
    expect(s?.reason).toBe("Konten Dokumen mengalami perubahan oleh pihak yang tidak berhak");
    expect(s?.changes).toEqual([
      { text: "isi halaman diubah hal. 1 revisi 2 — TIDAK diizinkan", allowed: false },
      { text: "data validasi (DSS) ditambahkan revisi 2 — diizinkan (×2)", allowed: true },
      { text: 'isian formulir diubah "Nama" revisi 3 — diizinkan', allowed: true },
    ]);
  });

  it("numbers signatures and document time-stamps separately, in English too", () => {
    const ts = signature({
      kind: "document-timestamp",
      fieldName: "DocTS",
      signer: null,
      level: "PAdES-BASELINE-LTA",
    });
    const view = toDocumentView(report([signature(), signature(), ts]), { ...opts, lang: "en" });
    expect(view.signatures.map((s) => s.title)).toEqual([
      "Signature 1",
      "Signature 2",
      "Document time-stamp 1",
    ]);
    expect(view.counts).toBe("2 signatures, 1 document time-stamps, 2 revisions");
    expect(view.signatures[2]?.signerName).toBeNull();
    expect(view.signatures[2]?.anchor).toBe("No trusted root matched this certificate chain.");
  });

  it("maps a non-PDF and an unsigned PDF", () => {
    const unreadable = report([], {
      verdict: "UNREADABLE",
      document: {
        readable: false,
        error: { code: "NOT_A_PDF" },
        fileSize: 12,
        revisions: 0,
        signatureCount: 0,
        documentTimestampCount: 0,
      },
    });
    expect(toDocumentView(unreadable, opts)).toMatchObject({
      verdict: "Bukan PDF atau tidak dapat dibaca",
      reason: "Berkas bukan PDF atau tidak dapat dibaca",
      fileSize: "12 B",
      signatures: [],
    });
    expect(toDocumentView(report([]), opts)).toMatchObject({
      verdict: "Tidak ada tanda tangan",
      reason: "Dokumen tidak memiliki tanda tangan elektronik",
    });
  });

  it("shows claimed time only, and the no-TSA wording, for a signature without a time-stamp", () => {
    const s = signature({
      provenTime: null,
      level: "PAdES-BASELINE-B",
      warnings: [{ code: "NO_TIMESTAMP" }],
    });
    const [v] = toDocumentView(report([s]), opts).signatures;
    expect(v?.provenTime).toBe("tidak ada");
    expect(v?.reason).toBe("Dokumen asli dan valid, tetapi dokumen tidak menggunakan waktu TSA");
    expect(v?.warnings).toEqual(["Dokumen tidak menggunakan waktu TSA"]);
  });
});

describe("helpers", () => {
  it("commonName reads CN from an RFC 4514 name, escapes included", () => {
    expect(commonName("CN=Budi\\, S.Kom,O=X,C=ID")).toBe("Budi, S.Kom");
    expect(commonName("O=X,C=ID")).toBe("O=X,C=ID");
  });
  it("formatSize uses the language's decimal mark", () => {
    expect(formatSize(1536, "id")).toBe("1,5 KB");
    expect(formatSize(1536, "en")).toBe("1.5 KB");
    expect(formatSize(52_428_800, "id")).toBe("50 MB");
  });
  it("groupChanges keeps distinct lines apart", () => {
    expect(
      groupChanges([
        { text: "a", allowed: true },
        { text: "b", allowed: false },
        { text: "a", allowed: true },
      ]),
    ).toEqual([
      { text: "a (×2)", allowed: true },
      { text: "b", allowed: false },
    ]);
  });
});
