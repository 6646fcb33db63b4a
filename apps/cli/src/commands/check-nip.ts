import { crossCheckNipNik, type Lang, type Nip, parseNip } from "@teken/core";
import type { Command } from "../command";
import { parseCheckArgs, printFields, reportIssues } from "./check-nik";

const labels = {
  id: ["NIP", "Jenis", "Tanggal lahir", "TMT pengangkatan", "Jenis kelamin", "Nomor urut"],
  en: ["NIP", "Kind", "Birth date", "Appointment (TMT)", "Sex", "Serial"],
} as const;

/** The parsed NIP as rows in the chosen language. */
function nipRows(n: Nip, lang: Lang): [string, string][] {
  const sex = lang === "id" ? (n.sex === "male" ? "laki-laki" : "perempuan") : n.sex;
  const kind = n.kind === "pns" ? "PNS" : `PPPK (${n.pppkCode ?? ""})`;
  const values = [n.nip, kind, n.birthDate, n.appointment, sex, n.serial];
  return labels[lang].map((label, i) => [label, values[i] ?? ""]);
}

const usage = "Usage: teken check-nip NIP [--nik NIK] [--json] [--lang id|en]";

/** `teken check-nip`: parses a NIP (PNS or PPPK), optionally cross-checks it with a NIK, prints the fields or the issues (exit 1). */
export const checkNipCommand: Command = {
  name: "check-nip",
  usage,
  run: async (argv, io) => {
    const args = parseCheckArgs(argv, usage, ["nik"]);
    const nik = args.options.nik;
    const r = nik === undefined ? parseNip(args.value) : crossCheckNipNik(args.value, nik);
    if (!r.ok) return reportIssues(io, r.issues, args);
    const report = "kind" in r.value ? { nip: r.value } : r.value;
    if (args.json) io.stdout(`${JSON.stringify({ ok: true, ...report }, null, 2)}\n`);
    else {
      printFields(io, nipRows(report.nip, args.lang));
      if (nik !== undefined)
        io.stdout(args.lang === "id" ? "NIK cocok dengan NIP.\n" : "The NIK matches the NIP.\n");
    }
    return 0;
  },
};
