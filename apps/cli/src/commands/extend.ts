import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  type ExtendResult,
  type TimestampAuthority,
  type TsaEndpoint,
  certificatesFromPem,
  extendPdf,
  httpRevocationSource,
  httpTimestampAuthority,
  parsePadesLevel,
} from "@teken/pades";
import { CliError, type Command, type CommandIo } from "../command";
import { readSecret } from "../secret-source";
import { readInput } from "../read-input";
import { cleanErrors } from "./sign";

const usage = `Usage: teken extend IN.pdf -o OUT.pdf --level B-T|B-LT|B-LTA [--tsa URL]... [--tsa-auth USER:SRC] [--certs CA.pem]... [--password SRC]
Menaikkan tingkat PAdES PDF yang sudah ditandatangani / raises a signed PDF to a PAdES level.
  --tsa URL         RFC 3161 time-stamp server; repeatable, tried in order (needed for B-T and B-LTA)
  --tsa-auth U:SRC  basic auth for every --tsa; SRC is pass:VALUE, env:VAR or file:PATH
  --certs FILE      PEM issuer certificates the signatures do not carry (e.g. the root); repeatable
  --password SRC    password of an encrypted input (pass:, env: or file:); updates stay encrypted
OCSP (from each certificate's AIA) is asked first, the CRL distribution point when OCSP is missing.`;

/** Parsed options shared by `teken extend` and `teken lta-refresh`. */
export interface LtvArgs {
  readonly input: string;
  readonly output: string;
  readonly level: string | undefined;
  readonly tsa: readonly string[];
  readonly tsaAuth: string | undefined;
  readonly certs: readonly string[];
  readonly password: string | undefined;
}

/** Parses `IN.pdf -o OUT.pdf [--level L] [--tsa URL]... [--tsa-auth U:SRC] [--certs PEM]...`. */
export function parseLtvArgs(args: readonly string[], help: string, allowLevel: boolean): LtvArgs {
  const positional: string[] = [];
  const tsa: string[] = [];
  const certs: string[] = [];
  let output: string | undefined;
  let level: string | undefined;
  let tsaAuth: string | undefined;
  let password: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (!arg.startsWith("-")) {
      positional.push(arg);
      continue;
    }
    const value = args[++i];
    if (value === undefined) throw new CliError("CLI_USAGE", `${arg} tanpa nilai / needs a value\n${help}`);
    if (arg === "-o" || arg === "--output") output = value;
    else if (arg === "--tsa") tsa.push(value);
    else if (arg === "--tsa-auth") tsaAuth = value;
    else if (arg === "--certs") certs.push(value);
    else if (arg === "--password") password = value;
    else if (arg === "--level" && allowLevel) level = value;
    else throw new CliError("CLI_USAGE", `opsi tidak dikenal / unknown option: ${arg}\n${help}`);
  }
  if (positional.length !== 1 || output === undefined) throw new CliError("CLI_USAGE", help);
  return { input: positional[0] ?? "", output, level, tsa, tsaAuth, certs, password };
}

/**
 * The time-stamp client for `--tsa` URLs (tried in order) with `--tsa-auth USER:SRC` basic auth;
 * the secret is read from SRC and never printed. Exported for `teken sign --level`.
 */
export function timestampAuthorityFrom(
  urls: readonly string[],
  tsaAuth: string | undefined,
  io: CommandIo,
): TimestampAuthority | undefined {
  if (urls.length === 0) return undefined;
  let auth: { username: string; password: string } | undefined;
  if (tsaAuth !== undefined) {
    const colon = tsaAuth.indexOf(":");
    if (colon <= 0) throw new CliError("CLI_USAGE", "--tsa-auth harus USER:SRC / must be USER:SRC");
    auth = { username: tsaAuth.slice(0, colon), password: readSecret(tsaAuth.slice(colon + 1), io) };
  }
  const endpoints: TsaEndpoint[] = urls.map((url) => ({ url, ...auth }));
  return httpTimestampAuthority({ endpoints });
}

/** The time-stamp client for parsed `--tsa` / `--tsa-auth` options. */
export function tsaFromArgs(parsed: LtvArgs, io: CommandIo): TimestampAuthority | undefined {
  return timestampAuthorityFrom(parsed.tsa, parsed.tsaAuth, io);
}

/** DER certificates from `--certs` PEM files. */
export function certsFromArgs(parsed: LtvArgs, io: CommandIo): Uint8Array[] {
  return parsed.certs.flatMap((path) => certificatesFromPem(new TextDecoder().decode(readInput(io, path))));
}

/** `{ password }` from `--password SRC`, or nothing. */
export function passwordFromArgs(parsed: LtvArgs, io: CommandIo): { password?: string } {
  return parsed.password === undefined ? {} : { password: readSecret(parsed.password, io) };
}

/** Writes the result and prints the steps taken and any certificate left without revocation data. */
export function report(io: CommandIo, output: string, what: string, result: ExtendResult): void {
  writeFileSync(resolve(io.cwd, output), result.pdf);
  const steps = result.steps.length === 0 ? "(sudah / already)" : result.steps.join(", ");
  io.stdout(`${what}: ${output} (${result.pdf.length} bytes; ${steps})\n`);
  for (const m of result.missing) {
    io.stderr(
      `peringatan / warning: tanpa data pencabutan / no revocation data for "${m.subject}": ${m.reason}\n`,
    );
  }
}

async function runExtend(args: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parseLtvArgs(args, usage, true);
  if (parsed.level === undefined) throw new CliError("CLI_USAGE", `--level wajib / is required\n${usage}`);
  const level = parsePadesLevel(parsed.level);
  const tsa = tsaFromArgs(parsed, io);
  const result = await extendPdf(readInput(io, parsed.input), {
    level,
    ...(tsa ? { tsa } : {}),
    revocation: httpRevocationSource(),
    extraCertificates: certsFromArgs(parsed, io),
    ...passwordFromArgs(parsed, io),
  });
  report(io, parsed.output, `dinaikkan ke / raised to ${level}`, result);
  return 0;
}

/** `teken extend`: raises an already-signed PDF to PAdES B-T, B-LT or B-LTA. */
export const extendCommand: Command = {
  name: "extend",
  usage,
  run: (args, io) => cleanErrors(() => runExtend(args, io)),
};
