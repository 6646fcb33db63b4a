import { CliError, type CommandIo } from "./command";
import { commands } from "./commands/index";

/** Prints the list of subcommands. */
function help(io: CommandIo): void {
  io.stdout(
    "teken — tanda tangan elektronik (TTE) tools / electronic-signature tools\n\nUsage: teken <command> [options]\n\nCommands:\n",
  );
  for (const c of commands) io.stdout(`  ${c.name.padEnd(16)} ${c.summary}\n`);
  io.stdout("\nRun `teken <command> --help` for a command's options.\n");
}

/** Runs one `teken` invocation and returns its exit code; never throws. */
export async function run(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv[0] === "--" ? argv.slice(1) : argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    help(io);
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (entry === undefined) {
    io.stderr(`CLI_UNKNOWN_COMMAND: perintah tidak dikenal / unknown command "${name}"\n`);
    help(io);
    return 2;
  }
  try {
    const command = await entry.load();
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout(`${command.usage}\n`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`${error.code}: ${error.message}\n`);
      return error.exitCode;
    }
    const code =
      typeof (error as { code?: unknown })?.code === "string"
        ? (error as { code: string }).code
        : "CLI_INTERNAL";
    io.stderr(`${code}: ${(error as Error)?.message ?? String(error)}\n`);
    return 1;
  }
}
