import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { DEFAULT_FOOTER_TEXT, prepareFooter } from "@teken/pades";
import { CliError, type Command, type CommandIo } from "../command";
import { readSecret } from "../secret-source";
import { readInput } from "../read-input";
import { cleanErrors, parseFileArgs } from "./sign";

const usage = `Usage: teken prepare-footer IN.pdf -o OUT.pdf [--text TEXT] [--qr URL] [--token TOKEN] [--height PT] [--password SRC]
Stamps the verification footer on every page; refused once the file carries a signature.
  --password SRC  password of an encrypted input (pass:VALUE, env:VAR or file:PATH); the footer is written encrypted`;

async function runPrepareFooter(args: readonly string[], io: CommandIo): Promise<number> {
  const { input, options: o } = parseFileArgs(
    args,
    ["output", "text", "qr", "token", "height", "password"],
    usage,
  );
  if (!o.output) throw new CliError("CLI_USAGE", `-o OUT.pdf wajib / is required\n${usage}`);
  const height = o.height === undefined ? undefined : Number(o.height);
  if (height !== undefined && !(height > 0))
    throw new CliError("CLI_USAGE", "--height harus angka positif / must be positive");
  const out = await prepareFooter(readInput(io, input), {
    text: o.text ?? DEFAULT_FOOTER_TEXT,
    qrUrl: o.qr,
    token: o.token,
    height,
    password: o.password === undefined ? undefined : readSecret(o.password, io),
  });
  writeFileSync(resolve(io.cwd, o.output), out);
  io.stdout(`footer: ${o.output} (${out.length} bytes)\n`);
  return 0;
}

/** `teken prepare-footer`: stamps the agency footer (text, QR, token) before the first signature. */
export const prepareFooterCommand: Command = {
  name: "prepare-footer",
  usage,
  run: (args, io) => cleanErrors(() => runPrepareFooter(args, io)),
};
