import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { CliError, type CommandIo } from "./command";

/** Reads a secret given as openssl does (`pass:`, `env:`, `file:`); the value never reaches an error. */
export function readSecret(src: string, io: CommandIo): string {
  if (src.startsWith("pass:")) return src.slice(5);
  if (src.startsWith("env:")) {
    const v = io.env[src.slice(4)];
    if (v === undefined)
      throw new CliError(
        "CLI_USAGE",
        `variabel lingkungan kosong / environment variable not set: ${src.slice(4)}`,
      );
    return v;
  }
  if (src.startsWith("file:"))
    return readFileSync(resolve(io.cwd, src.slice(5)), "utf8").split(/\r?\n/)[0] ?? "";
  throw new CliError(
    "CLI_USAGE",
    "sumber kata sandi harus pass:, env: atau file: / password source must be pass:, env: or file:",
  );
}
