import { serve } from "@hono/node-server";
import { fileStore } from "./adapters/file-store";
import { createSimulatorApp } from "./app";
import { DEFAULT_CREDENTIALS, DEFAULT_OPERATOR } from "./options";

/**
 * Starts the simulator on `PORT` (default 8085). Environment: `BSRE_SIM_DATA` (a data folder;
 * default in memory), `BSRE_SIM_USER`/`BSRE_SIM_PASSWORD` (agency credentials),
 * `BSRE_SIM_OPERATOR_USER`/`BSRE_SIM_OPERATOR_PASSWORD`, `BSRE_SIM_PUBLIC_URL`.
 */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8085);
  const host = process.env.HOST ?? "127.0.0.1";
  const publicBaseUrl =
    process.env.BSRE_SIM_PUBLIC_URL ?? `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
  const dataDir = process.env.BSRE_SIM_DATA;
  const credentials = {
    username: process.env.BSRE_SIM_USER ?? DEFAULT_CREDENTIALS.username,
    password: process.env.BSRE_SIM_PASSWORD ?? DEFAULT_CREDENTIALS.password,
  };
  const operator = {
    username: process.env.BSRE_SIM_OPERATOR_USER ?? DEFAULT_OPERATOR.username,
    password: process.env.BSRE_SIM_OPERATOR_PASSWORD ?? DEFAULT_OPERATOR.password,
  };
  const sim = await createSimulatorApp({
    credentials,
    operator,
    publicBaseUrl,
    onInternalError: (error) =>
      console.error("internal error:", error instanceof Error ? `${error.name}: ${error.message}` : error),
    ...(dataDir ? { store: fileStore(dataDir) } : {}),
  });
  serve({ fetch: sim.app.fetch, port, hostname: host }, () => {
    const lines = [
      `BSrE Esign Client Service simulator listening on ${publicBaseUrl}`,
      `  agency API  ${publicBaseUrl}/api  (Basic ${credentials.username}:${credentials.password})`,
      `  operator    ${publicBaseUrl}/operator  (Basic ${operator.username}:${operator.password})`,
      `  portal      ${publicBaseUrl}/portal`,
      `  state       ${dataDir ? `persisted in ${dataDir}` : "in memory (set BSRE_SIM_DATA to persist)"}`,
      `  signing     ${sim.capabilities.sign || "not available (no PAdES signer)"}`,
      `  verify      ${sim.capabilities.verify ? "available" : "not available"}`,
      "  development credentials only: never expose this simulator as a real CA.",
    ];
    console.log(lines.join("\n"));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
