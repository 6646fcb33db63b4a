import "reflect-metadata";
import { run } from "./run";

// A reader that stops early (`teken verify ... | head`) closes the pipe: end quietly with the SIGPIPE status, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(141); // 128 + SIGPIPE, what a shell reports for a writer cut off by its reader
  });
}

/** Entry point of the `teken` binary: wires the process to the runtime-free runner. */
const code = await run(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
