import {
  type FormField,
  PdfDict,
  PdfNumber,
  type PdfDocument,
  PdfString,
  latin1String,
  openPdf,
} from "@teken/pades";
import { CliError, type Command, type CommandIo } from "../command";
import { readInput } from "../read-input";
import { readSecret } from "../secret-source";

/** One signature (or document time-stamp) found in the AcroForm. */
export interface InspectedSignature {
  readonly field: string;
  readonly type: string;
  readonly subFilter: string | undefined;
  readonly byteRange: readonly number[] | undefined;
  /** Index of the revision whose end the byte range reaches, or null when it ends elsewhere. */
  readonly revision: number | null;
  readonly coversWholeFile: boolean;
  readonly contentsBytes: number;
  readonly name: string | undefined;
  readonly reason: string | undefined;
  readonly location: string | undefined;
  readonly time: string | undefined;
}

/** Everything `teken inspect` reports about a PDF. */
export interface InspectReport {
  readonly file: string;
  readonly size: number;
  readonly version: string | undefined;
  readonly xrefKind: string;
  readonly repaired: boolean;
  readonly encryption: string | null;
  readonly pages: number;
  readonly revisions: readonly { readonly index: number; readonly end: number }[];
  readonly xrefSections: readonly {
    readonly offset: number;
    readonly kind: string;
    readonly revision: number;
    readonly objects: number;
  }[];
  readonly fields: readonly {
    readonly name: string;
    readonly type: string | undefined;
    readonly signed: boolean;
  }[];
  readonly signatures: readonly InspectedSignature[];
}

const usage = "Usage: teken inspect FILE.pdf [--json] [--password pass:VALUE|env:VAR|file:PATH]";

function parseArgs(
  args: readonly string[],
  io: CommandIo,
): { file: string; json: boolean; password?: string } {
  const positional: string[] = [];
  let json = false;
  let password: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a === "--json") json = true;
    else if (a === "--password" && args[i + 1] !== undefined) password = readSecret(args[++i] ?? "", io);
    else if (a.startsWith("--"))
      throw new CliError("CLI_USAGE", `opsi tidak dikenal / unknown option: ${a}\n${usage}`);
    else positional.push(a);
  }
  if (positional.length !== 1) throw new CliError("CLI_USAGE", usage);
  return { file: positional[0] ?? "", json, ...(password === undefined ? {} : { password }) };
}

function text(d: PdfDict, key: string): string | undefined {
  const v = d.get(key);
  return v instanceof PdfString ? v.text() : undefined;
}

function signatureOf(doc: PdfDocument, field: FormField): InspectedSignature | undefined {
  const v = doc.resolveDict(field.value);
  if (field.type !== "Sig" || !v) return undefined;
  const br = doc.resolveArray(v.get("ByteRange"));
  const byteRange = br?.items.every((x) => x instanceof PdfNumber)
    ? br.items.map((x) => (x as PdfNumber).value)
    : undefined;
  const end = byteRange && byteRange.length === 4 ? byteRange[2]! + byteRange[3]! : undefined;
  const revision = end === undefined ? -1 : doc.revisions.indexOf(end);
  const contents = doc.resolve(v.get("Contents"));
  return {
    field: field.fullName,
    type: v.getName("Type") ?? "Sig",
    subFilter: v.getName("SubFilter"),
    byteRange,
    revision: revision < 0 ? null : revision,
    coversWholeFile: end === doc.bytes.length,
    contentsBytes: contents instanceof PdfString ? contents.bytes.length : 0,
    name: text(v, "Name"),
    reason: text(v, "Reason"),
    location: text(v, "Location"),
    time: text(v, "M"),
  };
}

/** Builds the report for an opened document. */
export function inspectDocument(doc: PdfDocument, file: string): InspectReport {
  const header = latin1String(doc.bytes.subarray(0, 16)).match(/%PDF-(\d\.\d)/);
  const fields = doc.fields().filter((f) => f.terminal);
  return {
    file,
    size: doc.bytes.length,
    version: header?.[1],
    xrefKind: doc.xrefKind,
    repaired: doc.repaired,
    encryption: doc.security ? `${doc.security.method} R${doc.security.revision}` : null,
    pages: doc.pages().length,
    revisions: doc.revisions.map((end, index) => ({ index, end })),
    xrefSections: doc.xrefSections.map((s) => ({
      offset: s.offset,
      kind: s.xrefStm === undefined ? s.kind : "hybrid",
      revision: s.revision,
      objects: s.entries.size,
    })),
    fields: fields.map((f) => ({
      name: f.fullName,
      type: f.type,
      signed: f.type === "Sig" && doc.resolve(f.value) instanceof PdfDict,
    })),
    signatures: fields
      .map((f) => signatureOf(doc, f))
      .filter((s): s is InspectedSignature => s !== undefined),
  };
}

function printReport(io: CommandIo, r: InspectReport): void {
  const line = (label: string, value: string) => io.stdout(`${label.padEnd(12)}  ${value}\n`);
  line("File", `${r.file} (${r.size} bytes, PDF ${r.version ?? "?"})`);
  line("Xref", `${r.xrefKind}${r.repaired ? " (repaired / diperbaiki)" : ""}`);
  line("Encryption", r.encryption ?? "none");
  line("Pages", String(r.pages));
  line("Revisions", String(r.revisions.length));
  for (const rev of r.revisions) io.stdout(`  #${rev.index}  ends at ${rev.end}\n`);
  line("Fields", String(r.fields.length));
  for (const f of r.fields) io.stdout(`  ${f.name}  ${f.type ?? "?"}${f.signed ? "  signed" : ""}\n`);
  line("Signatures", String(r.signatures.length));
  for (const s of r.signatures) {
    const br = s.byteRange ? `[${s.byteRange.join(" ")}]` : "(no /ByteRange)";
    const cover = s.coversWholeFile
      ? "whole file"
      : s.revision === null
        ? "not a revision end"
        : `revision #${s.revision}`;
    io.stdout(`  ${s.field}  ${s.type} ${s.subFilter ?? "?"}  ByteRange ${br}  covers ${cover}\n`);
    if (s.name || s.time)
      io.stdout(`    ${[s.name, s.time, s.reason, s.location].filter(Boolean).join(" | ")}\n`);
  }
}

/** `teken inspect`: revisions, xref kind, fields and signatures with their byte ranges. */
export const inspectCommand: Command = {
  name: "inspect",
  usage,
  run: async (argv, io) => {
    const args = parseArgs(argv, io);
    const bytes = readInput(io, args.file, { code: "CLI_FILE" });
    const doc = await openPdf(bytes, args.password === undefined ? {} : { password: args.password });
    const report = inspectDocument(doc, args.file);
    if (args.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else printReport(io, report);
    return 0;
  },
};
