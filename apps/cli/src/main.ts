import "reflect-metadata";
import { run } from "./run";

/** Entry point of the `teken` binary: wires the process to the runtime-free runner. */
const code = await run(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
