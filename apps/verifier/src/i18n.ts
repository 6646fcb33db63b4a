/** Interface languages: Bahasa Indonesia (default) and English. */
export type Lang = "id" | "en";

/** The languages in the order the switch shows them. */
export const LANGS: readonly Lang[] = ["id", "en"];

const TABLE = {
  title: ["Verifikasi Dokumen Bertanda Tangan Elektronik", "Verify an Electronically Signed Document"],
  intro: [
    "Periksa tanda tangan elektronik (TTE) pada berkas PDF: siapa yang menandatangani, kapan, dan apakah dokumen berubah sesudahnya.",
    "Check the electronic signatures (TTE) in a PDF: who signed it, when, and whether it changed afterwards.",
  ],
  privacy: [
    "Dokumen Anda tidak diunggah: pemeriksaan berjalan sepenuhnya di peramban ini, dan berkas tidak pernah meninggalkan perangkat Anda.",
    "Your document is not uploaded: the check runs entirely in this browser, and the file never leaves your device.",
  ],
  pick: ["Pilih berkas PDF", "Choose PDF files"],
  dropHint: ["atau seret dan lepas berkas ke sini", "or drag and drop files here"],
  language: ["Bahasa", "Language"],
  reading: ["Membaca berkas", "Reading the file"],
  fetching: ["Mengambil dokumen", "Fetching the document"],
  verifying: ["Memverifikasi tanda tangan…", "Verifying the signatures…"],
  results: ["Hasil verifikasi", "Verification results"],
  "verdict.valid": ["Sah", "Valid"],
  "verdict.invalid": ["Tidak sah", "Invalid"],
  "verdict.indeterminate": ["Tidak dapat ditentukan", "Cannot be determined"],
  "verdict.unsigned": ["Tidak ada tanda tangan", "No signature"],
  "verdict.unreadable": ["Bukan PDF atau tidak dapat dibaca", "Not a PDF or unreadable"],
  "verdict.error": ["Gagal memeriksa", "Check failed"],
  signatureN: ["Tanda tangan {n}", "Signature {n}"],
  documentTimestampN: ["Penanda waktu dokumen {n}", "Document time-stamp {n}"],
  summaryCounts: [
    "{s} tanda tangan, {t} penanda waktu dokumen, {r} revisi",
    "{s} signatures, {t} document time-stamps, {r} revisions",
  ],
  fileSize: ["Ukuran", "Size"],
  field: ["Kolom", "Field"],
  signer: ["Penanda tangan", "Signer"],
  email: ["Surel", "Email"],
  issuerChain: ["Rantai penerbit", "Issuer chain"],
  anchorMatched: [
    "Rantai berakhir di akar terpercaya: {name} ({source})",
    "The chain ends at a trusted root: {name} ({source})",
  ],
  anchorNone: [
    "Tidak ada akar terpercaya yang cocok dengan rantai sertifikat ini.",
    "No trusted root matched this certificate chain.",
  ],
  "anchorSource.bundled": ["bawaan aplikasi", "bundled with the app"],
  "anchorSource.server": ["disediakan server ini", "provided by this server"],
  "anchorSource.user": ["ditambahkan oleh Anda", "added by you"],
  "anchorSource.unknown": ["akar terpercaya", "trusted root"],
  signingTime: ["Waktu penandatanganan", "Signing time"],
  claimedTime: ["Diklaim penanda tangan", "Claimed by the signer"],
  provenTime: ["Penanda waktu (TSA)", "Time-stamp (TSA)"],
  none: ["tidak ada", "none"],
  level: ["Tingkat", "Level"],
  ltvReady: ["LTV: dapat divalidasi jangka panjang", "LTV: long-term validation possible"],
  ltvMissing: ["LTV: belum lengkap ({missing})", "LTV: incomplete ({missing})"],
  certificate: ["Sertifikat", "Certificate"],
  validity: ["Masa berlaku {from} – {to}", "Valid {from} – {to}"],
  "cert.valid": ["Masih berlaku", "Still valid"],
  "cert.expired": ["Sudah kedaluwarsa", "Expired"],
  "cert.notYet": ["Belum berlaku", "Not yet valid"],
  trusted: ["Sertifikat terpercaya", "Trusted certificate"],
  untrusted: ["Sertifikat tidak terpercaya", "Untrusted certificate"],
  "revocation.good": ["Tidak dicabut", "Not revoked"],
  "revocation.revoked": ["Dicabut", "Revoked"],
  "revocation.unknown": ["Status pencabutan tidak diketahui", "Revocation status unknown"],
  "revocation.not-checked": ["Status pencabutan tidak diperiksa", "Revocation status not checked"],
  changes: ["Perubahan setelah ditandatangani", "Changes after signing"],
  noChanges: ["Tidak ada perubahan setelah ditandatangani.", "No changes after signing."],
  allowed: ["diizinkan", "allowed"],
  notAllowed: ["TIDAK diizinkan", "NOT allowed"],
  page: ["hal. {n}", "p. {n}"],
  revision: ["revisi {n}", "revision {n}"],
  "change.signature-added": ["tanda tangan ditambahkan", "signature added"],
  "change.dss-update": ["data validasi (DSS) ditambahkan", "validation data (DSS) added"],
  "change.document-timestamp": ["penanda waktu dokumen ditambahkan", "document time-stamp added"],
  "change.form-fill": ["isian formulir diubah", "form field filled"],
  "change.annotation": ["anotasi diubah", "annotation changed"],
  "change.page-content": ["isi halaman diubah", "page content changed"],
  "change.page-added-or-removed": ["halaman ditambah atau dihapus", "page added or removed"],
  "change.catalog": ["katalog dokumen diubah", "document catalog changed"],
  "change.object-freed": ["objek dihapus", "object deleted"],
  "change.object-resurrected": ["objek dihidupkan kembali", "object restored"],
  "change.trailing-data": ["data tambahan di akhir berkas", "data appended at the end of the file"],
  "change.other": ["perubahan lain", "other change"],
  reasons: ["Alasan", "Reasons"],
  warnings: ["Catatan", "Notes"],
  details: ["Rincian", "Details"],
  technical: ["Rincian teknis", "Technical details"],
  download: ["Unduh laporan JSON", "Download JSON report"],
  print: ["Cetak", "Print"],
  anchors: ["Akar terpercaya", "Trusted roots"],
  anchorsIntro: [
    "Tanda tangan dinyatakan sah hanya jika rantai sertifikatnya berakhir di salah satu akar ini.",
    "A signature is valid only if its certificate chain ends at one of these roots.",
  ],
  devAnchors: [
    "Versi pengembangan: akar uji (bukan akar resmi) dipercaya.",
    "Development build: test roots (not official roots) are trusted.",
  ],
  addAnchor: ["Tambah akar terpercaya (PEM/DER)", "Add a trusted root (PEM/DER)"],
  removeAnchor: ["Hapus", "Remove"],
  anchorAdded: ["{n} sertifikat ditambahkan.", "{n} certificates added."],
  anchorInvalid: ["Berkas itu bukan sertifikat PEM/DER.", "That file is not a PEM/DER certificate."],
  reverify: ["Periksa ulang dengan akar terbaru", "Check again with the current roots"],
  fetchFailed: ["Dokumen tidak dapat diambil: {detail}", "The document could not be fetched: {detail}"],
  deepLinkRefused: [
    "Tautan menunjuk ke server yang tidak dikenal; buka berkasnya secara lokal.",
    "The link points to an unknown server; open the file locally instead.",
  ],
  noApi: [
    "Server verifikasi tidak dikonfigurasi; buka berkasnya secara lokal.",
    "No verification server is configured; open the file locally instead.",
  ],
  source: ["Sumber", "Source"],
  workerFailed: ["Pemeriksaan gagal: {detail}", "The check failed: {detail}"],
  validationTime: ["Diperiksa pada", "Checked at"],
  previewCaption: [
    "Letak tanda tangan yang terlihat pada dokumen (nomor sesuai daftar tanda tangan di atas)",
    "Where the visible signatures sit in the document (numbers as in the signature list above)",
  ],
  previewPage: ["Halaman {n}", "Page {n}"],
  previewPageMarks: [
    "Halaman {n}; letak tanda tangan nomor {list} ditandai dengan kotak",
    "Page {n}; the place of signature number {list} is outlined",
  ],
} as const satisfies Record<string, readonly [string, string]>;

/** A key of the message table. */
export type MessageKey = keyof typeof TABLE;

/** Every message key, for completeness tests. */
export const MESSAGE_KEYS = Object.keys(TABLE) as readonly MessageKey[];

/** The message for `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function t(lang: Lang, key: MessageKey, vars: Readonly<Record<string, string | number>> = {}): string {
  const text = TABLE[key][lang === "id" ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The BCP 47 locale used for dates and numbers. */
export function localeOf(lang: Lang): string {
  return lang === "id" ? "id-ID" : "en-GB";
}

/** Picks the language from a saved choice or `?lang=`, defaulting to Indonesian. */
export function chooseLang(...candidates: readonly (string | null | undefined)[]): Lang {
  for (const c of candidates) if (c === "id" || c === "en") return c;
  return "id";
}
