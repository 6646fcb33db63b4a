import { ConfigError, loadConfig } from "./config";
import { demo } from "./seed";
import { startApi } from "./start";

/** Entry point: reads the environment once, starts the API, prints URLs and demo credentials. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const api = await startApi(config);
  const lines = [
    "",
    `Teken API     ${config.publicUrl}  (listening on ${api.url})`,
    `Verifier      ${config.publicUrl}/verify/`,
    `Health        ${config.publicUrl}/healthz · ${config.publicUrl}/readyz · ${config.publicUrl}/metrics`,
    `Database      ${config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${config.dataDir}/db`}`,
    `BSrE          ${config.bsre.kind === "remote" ? config.bsre.url : `in-process simulator at ${config.publicUrl}/bsre (development only)`}`,
    `Mail          ${config.smtpUrl ? "SMTP (SMTP_URL)" : `.eml files in ${config.dataDir}/outbox`}`,
  ];
  if (config.bsre.kind === "simulator") {
    lines.push(
      "",
      `Demo unit ${api.seeded ? "created" : "already present"}; password for every demo account: ${demo.password}`,
      `  admin       ${demo.admin.email}`,
      ...demo.officials.map((o) => `  official    NIP ${o.nip}  passphrase ${o.passphrase}  (${o.name})`),
      `  a sample letter waits in ${demo.officials[0].name}'s inbox`,
    );
  }
  process.stdout.write(`${lines.join("\n")}\n\n`);
  const stop = () => {
    api.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

await main();
