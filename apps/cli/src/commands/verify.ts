import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  type SignatureReport,
  type VerificationReport,
  describeReason,
  describeReport,
  describeSignature,
  describeWarning,
  httpIssuerSource,
  httpRevocationSource,
  verify,
} from "@teken/pades/verify";
import { nodeDigester } from "@teken/pades/node";
import { CliError, type Command, type CommandIo } from "../command";
import { readSecret } from "../secret-source";

const USAGE = `Usage: teken verify FILE... [--json] [--trust ROOTS.pem]... [--online] [--lang id|en]
                    [--password pass:VALUE|env:VAR|file:PATH]

Memverifikasi setiap tanda tangan / verifies every signature and document time-stamp.
  --trust FILE   PEM (or DER) root certificates to trust; repeatable. Without it nothing passes.
  --online       fetch OCSP/CRL for certificates without fresh revocation data, and missing
                 issuer certificates from their AIA caIssuers URLs (bounded downloads)
  --json         print the JSON reports (an array, one per file)
  --lang id|en   language of the summaries (default id)
  --password SRC password of encrypted PDFs (the empty user password is tried without it)
Exit: 0 all passed, 1 any failed, 2 indeterminate, 3 unreadable or not a PDF, 4 no signature.`;

/** Parsed `teken verify` arguments. */
export interface VerifyArgs {
  readonly files: readonly string[];
  readonly trust: readonly string[];
  readonly json: boolean;
  readonly online: boolean;
  readonly lang: "id" | "en";
  /** Where the password of encrypted files comes from (pass:/env:/file:), read when running. */
  readonly password?: string;
}

/** Parses `FILE... [--json] [--trust PEM]... [--online] [--lang id|en]`. */
export function parseVerifyArgs(args: readonly string[]): VerifyArgs {
  const files: string[] = [];
  const trust: string[] = [];
  let json = false;
  let online = false;
  let lang: "id" | "en" = "id";
  let password: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--json") json = true;
    else if (arg === "--online") online = true;
    else if (arg === "--password") {
      password = args[++i];
      if (password === undefined)
        throw new CliError("CLI_USAGE", `--password tanpa nilai / needs a value\n${USAGE}`);
    } else if (arg === "--trust" || arg === "--lang") {
      const value = args[++i];
      if (value === undefined)
        throw new CliError("CLI_USAGE", `${arg} tanpa nilai / needs a value\n${USAGE}`);
      if (arg === "--trust") trust.push(value);
      else if (value === "id" || value === "en") lang = value;
      else throw new CliError("CLI_USAGE", `--lang harus id atau en / must be id or en\n${USAGE}`);
    } else if (arg.startsWith("--"))
      throw new CliError("CLI_USAGE", `opsi tidak dikenal / unknown option: ${arg}\n${USAGE}`);
    else files.push(arg);
  }
  if (files.length === 0) throw new CliError("CLI_USAGE", USAGE);
  return { files, trust, json, online, lang, ...(password === undefined ? {} : { password }) };
}

/** Reads certificates from a PEM bundle (or one DER file). */
export function readCertificates(bytes: Uint8Array): Uint8Array[] {
  const text = new TextDecoder("latin1").decode(bytes);
  const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)];
  if (blocks.length === 0) return [bytes];
  return blocks.map((m) => new Uint8Array(Buffer.from((m[1] ?? "").replace(/\s+/g, ""), "base64")));
}

/** The exit code of one report: 0 passed, 1 failed, 2 indeterminate, 3 unreadable, 4 no signature. */
export function exitCodeOf(report: VerificationReport): number {
  switch (report.verdict) {
    case "TOTAL_PASSED":
      return 0;
    case "TOTAL_FAILED":
      return 1;
    case "INDETERMINATE":
      return 2;
    case "UNREADABLE":
      return 3;
    case "NO_SIGNATURE":
      return 4;
  }
}

/** Combines per-file exit codes: any failure beats indeterminate beats unreadable beats no signature. */
export function combineExitCodes(codes: readonly number[]): number {
  for (const c of [1, 2, 3, 4]) if (codes.includes(c)) return c;
  return 0;
}

function printSignature(io: CommandIo, s: SignatureReport, lang: "id" | "en"): void {
  const label = s.kind === "document-timestamp" ? "Doc TS" : "TTE";
  const sub = s.subIndication === null ? "" : `/${s.subIndication}`;
  io.stdout(`  [${label}] ${s.fieldName ?? "(tanpa kolom / no field)"}: ${s.indication}${sub}  ${s.level}\n`);
  io.stdout(`    ${describeSignature(s, lang)}\n`);
  if (s.signer !== null)
    io.stdout(
      `    ${lang === "id" ? "Penanda tangan" : "Signer"}: ${s.signer.name ?? s.signer.subject} (${s.signer.issuer})\n`,
    );
  if (s.claimedTime !== null || s.provenTime !== null)
    io.stdout(
      `    ${lang === "id" ? "Waktu" : "Time"}: ${lang === "id" ? "diklaim" : "claimed"} ${s.claimedTime ?? "-"}, TSA ${s.provenTime ?? "-"}\n`,
    );
  for (const r of s.reasons)
    io.stdout(`    - ${r.code}: ${describeReason(r.code, lang)}${r.detail ? ` (${r.detail})` : ""}\n`);
  for (const w of s.warnings) io.stdout(`    ! ${w.code}: ${describeWarning(w.code, lang)}\n`);
  for (const c of s.changes)
    io.stdout(
      `    ~ rev ${c.revision} obj ${c.objectNumber ?? "-"} ${c.kind}${c.field ? ` "${c.field}"` : ""}${c.page === null ? "" : ` p.${c.page + 1}`} ${c.allowed ? "ok" : "NOT ALLOWED"}\n`,
    );
}

/** `teken verify`: verifies each file and prints a verdict per signature (or JSON); see USAGE for exit codes. */
export const verifyCommand: Command = {
  name: "verify",
  usage: USAGE,
  run: async (args, io) => {
    const a = parseVerifyArgs(args);
    const trustAnchors = a.trust.flatMap((p) =>
      readCertificates(new Uint8Array(readFileSync(resolve(io.cwd, p)))),
    );
    const password = a.password === undefined ? {} : { password: readSecret(a.password, io) };
    const online = a.online
      ? { revocationSource: httpRevocationSource(), issuerSource: httpIssuerSource() }
      : {};
    const reports: (VerificationReport & { file: string })[] = [];
    const codes: number[] = [];
    for (const [i, file] of a.files.entries()) {
      if (a.files.length > 1) io.stderr(`[${i + 1}/${a.files.length}] ${file}\n`);
      let bytes: Uint8Array;
      try {
        // A view on the Buffer, not a copy: a 100 MB file stays 100 MB in memory.
        const buf = readFileSync(resolve(io.cwd, file));
        bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      } catch {
        io.stderr(`CLI_READ: berkas tidak dapat dibaca / cannot read ${file}\n`);
        codes.push(3);
        continue;
      }
      if (a.files.length === 1 && bytes.length > 20 * 1024 * 1024)
        io.stderr(`verifying ${file} (${(bytes.length / 1048576).toFixed(0)} MB)...\n`);
      const report = await verify(bytes, { trustAnchors, digester: nodeDigester, ...online, ...password });
      codes.push(exitCodeOf(report));
      reports.push({ file, ...report });
      if (!a.json) {
        io.stdout(`${file}: ${report.verdict} — ${describeReport(report, a.lang)}\n`);
        for (const s of report.signatures) printSignature(io, s, a.lang);
      }
    }
    if (a.json) io.stdout(`${JSON.stringify(reports, null, 2)}\n`);
    return combineExitCodes(codes);
  },
};
