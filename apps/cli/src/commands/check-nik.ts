import { type Issue, type Lang, formatIssue, type Nik, parseNik } from "@teken/core";
import { CliError, type Command, type CommandIo } from "../command";

/** Options shared by the identifier checks: the identifier, JSON output, the message language, extra options. */
export interface CheckArgs {
  readonly value: string;
  readonly json: boolean;
  readonly lang: Lang;
  readonly options: Readonly<Record<string, string>>;
}

/** Parses `VALUE [--json] [--lang id|en] [--NAME VALUE ...]` where NAME is one of `valueOptions`. */
export function parseCheckArgs(
  args: readonly string[],
  usage: string,
  valueOptions: readonly string[] = [],
): CheckArgs {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--json") json = true;
    else if (arg.startsWith("--")) {
      const [name = "", inline] = arg.slice(2).split("=", 2);
      const value = inline ?? args[++i];
      if ((name !== "lang" && !valueOptions.includes(name)) || value === undefined) {
        throw new CliError(
          "CLI_USAGE",
          `opsi tidak dikenal atau tanpa nilai / unknown option or missing value: ${arg}\n${usage}`,
        );
      }
      options[name] = value;
    } else positional.push(arg);
  }
  const lang = options.lang ?? "id";
  if (lang !== "id" && lang !== "en")
    throw new CliError("CLI_USAGE", `--lang harus id atau en / must be id or en\n${usage}`);
  if (positional.length !== 1) throw new CliError("CLI_USAGE", usage);
  return { value: positional[0] ?? "", json, lang, options };
}

/** Prints refused input: localised `CODE: message` lines on stderr, or a JSON report on stdout; returns exit code 1. */
export function reportIssues(io: CommandIo, issues: readonly Issue[], args: CheckArgs): number {
  const rows = issues.map((i) => ({ ...i, message: formatIssue(i, args.lang) }));
  if (args.json) io.stdout(`${JSON.stringify({ ok: false, issues: rows }, null, 2)}\n`);
  else
    for (const r of rows)
      io.stderr(`${r.code}${r.path.length > 0 ? ` (${r.path.join(".")})` : ""}: ${r.message}\n`);
  return 1;
}

/** Prints label/value rows aligned in two columns. */
export function printFields(io: CommandIo, rows: readonly (readonly [string, string])[]): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) io.stdout(`${label.padEnd(width)}  ${value}\n`);
}

const labels = {
  id: ["NIK", "Provinsi", "Kabupaten/Kota", "Kecamatan", "Tanggal lahir", "Jenis kelamin", "Nomor urut"],
  en: ["NIK", "Province", "Regency/city", "District", "Birth date", "Sex", "Serial"],
} as const;

/** The parsed NIK as rows in the chosen language. */
function nikRows(n: Nik, lang: Lang): [string, string][] {
  const sex = lang === "id" ? (n.sex === "male" ? "laki-laki" : "perempuan") : n.sex;
  const values = [
    n.nik,
    `${n.provinceCode} ${n.provinceName}`,
    `${n.regencyCode} (${n.regencyKind})`,
    n.districtCode,
    n.birthDate,
    sex,
    n.serial,
  ];
  return labels[lang].map((label, i) => [label, values[i] ?? ""]);
}

const usage = "Usage: teken check-nik NIK [--json] [--lang id|en]";

/** `teken check-nik`: parses a NIK and prints its fields, or the reasons it is invalid (exit 1). */
export const checkNikCommand: Command = {
  name: "check-nik",
  usage,
  run: async (argv, io) => {
    const args = parseCheckArgs(argv, usage);
    const r = parseNik(args.value);
    if (!r.ok) return reportIssues(io, r.issues, args);
    if (args.json) io.stdout(`${JSON.stringify({ ok: true, nik: r.value }, null, 2)}\n`);
    else printFields(io, nikRows(r.value, args.lang));
    return 0;
  },
};
