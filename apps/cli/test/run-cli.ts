import type { CommandIo } from "../src/command";
import { run } from "../src/run";

/** Runs the CLI in-process with the given environment and captures what it prints. */
export async function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = {
    stdout: (t) => {
      out.push(t);
    },
    stderr: (t) => {
      err.push(t);
    },
    env,
    cwd: process.cwd(),
  };
  const code = await run(args, io);
  return { code, out: out.join(""), err: err.join("") };
}
