import { httpRevocationSource, refreshLta } from "@teken/pades";
import { CliError, type Command, type CommandIo } from "../command";
import { certsFromArgs, parseLtvArgs, passwordFromArgs, report, tsaFromArgs } from "./extend";
import { readInput } from "../read-input";
import { cleanErrors } from "./sign";

const usage = `Usage: teken lta-refresh IN.pdf -o OUT.pdf --tsa URL [--tsa URL]... [--tsa-auth USER:SRC] [--certs CA.pem]... [--password SRC]
Memperbarui arsip B-LTA / refreshes a B-LTA archive: adds validation data for the newest
time-stamp, then a new document time-stamp (run it before the last TSA certificate expires).`;

async function runRefresh(args: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parseLtvArgs(args, usage, false);
  const tsa = tsaFromArgs(parsed, io);
  if (tsa === undefined) throw new CliError("CLI_USAGE", `--tsa wajib / is required\n${usage}`);
  const result = await refreshLta(readInput(io, parsed.input), {
    tsa,
    revocation: httpRevocationSource(),
    extraCertificates: certsFromArgs(parsed, io),
    ...passwordFromArgs(parsed, io),
  });
  report(io, parsed.output, "diperbarui / refreshed", result);
  return 0;
}

/** `teken lta-refresh`: DSS for the last time-stamp plus a new document time-stamp. */
export const ltaRefreshCommand: Command = {
  name: "lta-refresh",
  usage,
  run: (args, io) => cleanErrors(() => runRefresh(args, io)),
};
