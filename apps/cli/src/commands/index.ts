import type { Command } from "../command";
import { checkNikCommand } from "./check-nik";
import { checkNipCommand } from "./check-nip";
import { extendCommand } from "./extend";
import { inspectCommand } from "./inspect";
import { ltaRefreshCommand } from "./lta-refresh";
import { prepareFooterCommand } from "./prepare-footer";
import { signCommand } from "./sign";
import { verifyCommand } from "./verify";

/** Every `teken` subcommand, in the order `teken help` lists them. */
export const commands: readonly Command[] = [
  checkNikCommand,
  checkNipCommand,
  inspectCommand,
  signCommand,
  verifyCommand,
  extendCommand,
  ltaRefreshCommand,
  prepareFooterCommand,
];
