import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { CliError, type CommandIo } from "./command";

/** How an unreadable input is reported: its code, its exit code, and the option it came from. */
export interface ReadFailure {
  readonly code: string;
  readonly exitCode?: number;
  readonly option?: string;
}

/**
 * Reads a file relative to the working directory; a missing or unreadable one is a typed CLI
 * error (by default CLI_FILE_NOT_FOUND, exit 2; `teken verify` uses CLI_READ, exit 66).
 */
export function readInput(
  io: CommandIo,
  path: string,
  failure: ReadFailure = { code: "CLI_FILE_NOT_FOUND" },
): Uint8Array {
  try {
    return new Uint8Array(readFileSync(resolve(io.cwd, path)));
  } catch {
    const where = failure.option === undefined ? "" : `${failure.option}: `;
    throw new CliError(
      failure.code,
      `${where}berkas tidak dapat dibaca / cannot read file: ${path}`,
      failure.exitCode,
    );
  }
}
