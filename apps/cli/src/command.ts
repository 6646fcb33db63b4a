/** What a subcommand writes to and reads from: injected so tests run commands in-process. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** One `teken` subcommand: its name, usage text, and a runner returning the exit code. */
export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly run: (args: readonly string[], io: CommandIo) => Promise<number>;
}

/** A failure that the CLI prints as one line `CODE: message` and turns into an exit code. */
export class CliError extends Error {
  readonly code: string;
  readonly exitCode: number;
  constructor(code: string, message: string, exitCode = 2) {
    super(message);
    this.name = "CliError";
    this.code = code;
    this.exitCode = exitCode;
  }
}
