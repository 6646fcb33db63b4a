import { open } from "node:fs/promises";
import { resolve } from "node:path";
import type { VerificationReport } from "@teken/pades/verify";
import { CliError, type Command } from "../command";

const USAGE = `Usage: teken verify FILE... [--json] [--trust ROOTS.pem]... [--online] [--lang id|en]
                    [--password pass:VALUE|env:VAR|file:PATH]

Memverifikasi setiap tanda tangan / verifies every signature and document time-stamp.
  --trust FILE   PEM (or DER) root certificates to trust; repeatable. Without it nothing passes.
  --online       fetch OCSP/CRL for certificates without fresh revocation data, and missing
                 issuer certificates from their AIA caIssuers URLs (bounded downloads)
  --json         print the JSON reports (an array, one per file)
  --lang id|en   language of the summaries (default id)
  --password SRC password of encrypted PDFs (the empty user password is tried without it)
Exit: 0 all passed, 1 any failed, 2 indeterminate, 3 unreadable or not a PDF, 4 no signature;
      64 bad usage, 66 a --trust file or --password source cannot be read, 70 internal error
      (so a script never mistakes a mistyped option for "a signature failed").`;

/** Exit codes of `teken verify` outside the verdicts 0-4 (BSD sysexits). */
export const EXIT_USAGE = 64;
export const EXIT_NO_INPUT = 66;
export const EXIT_INTERNAL = 70;

const usage = (message: string) => new CliError("CLI_USAGE", message, EXIT_USAGE);

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
      if (password === undefined) throw usage(`--password tanpa nilai / needs a value\n${USAGE}`);
    } else if (arg === "--trust" || arg === "--lang") {
      const value = args[++i];
      if (value === undefined) throw usage(`${arg} tanpa nilai / needs a value\n${USAGE}`);
      if (arg === "--trust") trust.push(value);
      else if (value === "id" || value === "en") lang = value;
      else throw usage(`--lang harus id atau en / must be id or en\n${USAGE}`);
    } else if (arg.startsWith("--")) throw usage(`opsi tidak dikenal / unknown option: ${arg}\n${USAGE}`);
    else files.push(arg);
  }
  if (files.length === 0) throw usage(USAGE);
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

/** Files above this size are read in parallel parts (each at least this big). */
const PART_BYTES = 16 * 1024 * 1024;

/**
 * Reads a whole file into one buffer on libuv's thread pool. Started before the verifier's
 * modules load, so a large file is read (and its fresh memory paged in) while they compile.
 * A large file is read in up to four parts at once: filling fresh memory is most of the cost
 * of reading (100 MB: ~350 ms in one read, ~190 ms in parallel parts on two cores).
 */
export async function readWholeFile(path: string): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const size = (await handle.stat()).size;
    const buf = Buffer.allocUnsafeSlow(size);
    const parts = Math.max(1, Math.min(4, Math.floor(size / PART_BYTES)));
    const step = Math.ceil(size / parts);
    const lengths = await Promise.all(
      Array.from({ length: parts }, async (_, k) => {
        const from = k * step;
        const end = Math.min(size, from + step);
        let at = from;
        while (at < end) {
          const { bytesRead } = await handle.read(buf, at, end - at, at);
          if (bytesRead === 0) break;
          at += bytesRead;
        }
        return at - from;
      }),
    );
    // a file that shrank while being read ends at its first short part
    let got = 0;
    for (const [k, n] of lengths.entries()) {
      got += n;
      if (n < Math.min(step, size - k * step)) break;
    }
    return new Uint8Array(buf.buffer, buf.byteOffset, got);
  } finally {
    await handle.close();
  }
}

/** `teken verify`: verifies each file and prints a verdict per signature (or JSON); see USAGE for exit codes. */
export const verifyCommand: Command = {
  name: "verify",
  usage: USAGE,
  run: async (args, io) => {
    const a = parseVerifyArgs(args);
    const read = (file: string) => readWholeFile(resolve(io.cwd, file));
    // the first file is read while the verifier (PKI.js, the CMS and PDF readers) loads
    const first = read(a.files[0]!);
    first.catch(() => undefined);
    const { verifyFiles } = await import("./verify-run");
    try {
      return await verifyFiles(a, io, read, first);
    } catch (error) {
      if (error instanceof CliError) throw error;
      // an unexpected error must not read as a verdict (1 = "a signature failed")
      throw new CliError("CLI_INTERNAL", (error as Error)?.message ?? String(error), EXIT_INTERNAL);
    }
  },
};
