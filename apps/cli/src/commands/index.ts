import type { Command } from "../command";

/** A subcommand as `teken help` lists it; its module (and what it imports) loads only when run. */
export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

/**
 * Every `teken` subcommand, in the order `teken help` lists them. Loaded on demand, so
 * `teken verify` does not pay for pdf-lib and fonts, and `teken check-nik` for neither.
 */
export const commands: readonly CommandEntry[] = [
  {
    name: "check-nik",
    summary: "periksa NIK / parse and validate a NIK (16 digits)",
    load: async () => (await import("./check-nik")).checkNikCommand,
  },
  {
    name: "check-nip",
    summary: "periksa NIP (dan NIK) / parse a NIP, cross-check with a NIK",
    load: async () => (await import("./check-nip")).checkNipCommand,
  },
  {
    name: "inspect",
    summary: "periksa struktur PDF / show revisions, xref, fields and signatures of a PDF",
    load: async () => (await import("./inspect")).inspectCommand,
  },
  {
    name: "sign",
    summary: "menandatangani PDF (PAdES B-B..B-LTA) / sign a PDF (PAdES B-B..B-LTA)",
    load: async () => (await import("./sign")).signCommand,
  },
  {
    name: "verify",
    summary: "Verifikasi tanda tangan PDF / verify PDF signatures (EN 319 102-1)",
    load: async () => (await import("./verify")).verifyCommand,
  },
  {
    name: "extend",
    summary: "menaikkan tingkat PAdES (B-T/B-LT/B-LTA) / raise a signed PDF's PAdES level",
    load: async () => (await import("./extend")).extendCommand,
  },
  {
    name: "lta-refresh",
    summary: "memperbarui arsip B-LTA / add DSS + a new document time-stamp",
    load: async () => (await import("./lta-refresh")).ltaRefreshCommand,
  },
  {
    name: "prepare-footer",
    summary: "memasang footer verifikasi / stamp the verification footer",
    load: async () => (await import("./prepare-footer")).prepareFooterCommand,
  },
];
