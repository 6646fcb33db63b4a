import type { Command } from "../command";

/** Every `teken` subcommand, in the order `teken help` lists them. */
export const commands: readonly Command[] = [];
