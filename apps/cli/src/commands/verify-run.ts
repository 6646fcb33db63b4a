import { nodeDigester } from "@teken/pades/node";
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
import { CliError, type CommandIo } from "../command";
import { readInput } from "../read-input";
import { readSecret } from "../secret-source";
import {
  combineExitCodes,
  EXIT_NO_INPUT,
  EXIT_USAGE,
  exitCodeOf,
  readCertificates,
  type VerifyArgs,
} from "./verify";

/** A file that could not be read at all: listed in the --json array like a report, verdict UNREADABLE. */
interface UnreadFile {
  readonly file: string;
  readonly verdict: "UNREADABLE";
  readonly document: { readonly readable: false; readonly error: { readonly code: "READ_FAILED" } };
}

/** The --password value; a bad source is a usage error (64), an unreadable file: 66. */
function secretOf(source: string, io: CommandIo): string {
  try {
    return readSecret(source, io);
  } catch (error) {
    if (error instanceof CliError) throw new CliError(error.code, error.message, EXIT_USAGE);
    // the message names only the source, never the secret
    throw new CliError(
      "CLI_READ",
      "--password: sumber tidak dapat dibaca / source cannot be read",
      EXIT_NO_INPUT,
    );
  }
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
  for (const line of changeLines(s.changes)) io.stdout(`    ~ ${line}\n`);
}

/**
 * One line per change, except that changes alike but for their object number (a DSS update
 * writes one object per certificate and CRL) share a line listing the objects.
 */
export function changeLines(changes: SignatureReport["changes"]): string[] {
  const groups = new Map<string, { head: string; tail: string; objects: string[] }>();
  for (const c of changes) {
    const head = `rev ${c.revision}`;
    const tail = `${c.kind}${c.field ? ` "${c.field}"` : ""}${c.page === null ? "" : ` p.${c.page + 1}`} ${c.allowed ? "ok" : "NOT ALLOWED"}`;
    const key = `${head} ${tail}`;
    const g = groups.get(key) ?? { head, tail, objects: [] };
    g.objects.push(String(c.objectNumber ?? "-"));
    groups.set(key, g);
  }
  return [...groups.values()].map(
    (g) => `${g.head} ${g.objects.length === 1 ? "obj" : "objs"} ${g.objects.join(", ")} ${g.tail}`,
  );
}

/**
 * The body of `teken verify`, loaded after the first file has started reading: verifies each
 * file (reading the next one while the current one is verified) and prints or collects reports.
 */
export async function verifyFiles(
  a: VerifyArgs,
  io: CommandIo,
  read: (file: string) => Promise<Uint8Array>,
  first: Promise<Uint8Array>,
): Promise<number> {
  const trustAnchors = a.trust.flatMap((p) =>
    readCertificates(readInput(io, p, { code: "CLI_READ", exitCode: EXIT_NO_INPUT, option: "--trust" })),
  );
  const password = a.password === undefined ? {} : { password: secretOf(a.password, io) };
  const online = a.online
    ? { revocationSource: httpRevocationSource(), issuerSource: httpIssuerSource() }
    : {};
  const reports: (VerificationReport | UnreadFile)[] = [];
  const codes: number[] = [];
  let pending = first;
  for (const [i, file] of a.files.entries()) {
    if (a.files.length > 1) io.stderr(`[${i + 1}/${a.files.length}] ${file}\n`);
    let bytes: Uint8Array;
    try {
      // A view on the Buffer, not a copy: a 100 MB file stays 100 MB in memory.
      bytes = await pending;
    } catch {
      io.stderr(`CLI_READ: berkas tidak dapat dibaca / cannot read ${file}\n`);
      codes.push(3);
      reports.push({
        file,
        verdict: "UNREADABLE",
        document: { readable: false, error: { code: "READ_FAILED" } },
      });
      continue;
    } finally {
      const next = a.files[i + 1];
      if (next !== undefined) {
        pending = read(next);
        pending.catch(() => undefined);
      }
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
}
