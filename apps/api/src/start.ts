import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { createBsreClient } from "@teken/bsre-client";
import { fileStore } from "@teken/bsre-simulator";
import {
  type Mailer,
  createDatabase,
  createFileBlobStore,
  createEmlFileMailer,
  createSmtpMailer,
  deliverOutbox,
  reconcileSigningRequests,
  runCertificateWorker,
} from "@teken/registry";
import { type InProcessBsre, createInProcessBsre } from "./adapters/in-process-bsre";
import { createMemoryDirectory } from "./adapters/memory-directory";
import { ensureApiTables } from "./adapters/api-tables";
import { dataDirSecretKey } from "./secret-key";
import { createWebhookDispatcher } from "./webhooks/webhook-service";
import { createApp } from "./app";
import { composeDeps } from "./compose";
import type { ApiConfig } from "./config";
import { type Logger, jsonLogger } from "./http/logger";
import { seedDemo, seedDirectory } from "./seed";

const here = fileURLToPath(new URL(".", import.meta.url));
const VERIFIER_DIST = resolve(here, "../../verifier/dist");

/** A running API process. */
export interface RunningApi {
  readonly url: string;
  readonly seeded: boolean;
  close(): Promise<void>;
}

async function trustAnchorsFrom(paths: readonly string[]): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const p of paths) {
    const text = await readFile(p);
    const pem = text.toString("latin1");
    if (!pem.includes("-----BEGIN")) {
      out.push(new Uint8Array(text));
      continue;
    }
    for (const m of pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g)) {
      out.push(new Uint8Array(Buffer.from((m[1] ?? "").replace(/\s/g, ""), "base64")));
    }
  }
  return out;
}

/** One certificate as PEM (64-column base64). */
function certificatePem(der: Uint8Array): string {
  const lines =
    Buffer.from(der)
      .toString("base64")
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

/**
 * Builds the adapters from configuration, migrates (under the registry's advisory lock), seeds
 * the demo unit when the simulator is in use, finishes interrupted signatures and listens.
 */
export async function startApi(config: ApiConfig, log: Logger = jsonLogger): Promise<RunningApi> {
  const dataDir = resolve(config.dataDir);
  await mkdir(join(dataDir, "blobs"), { recursive: true });
  const database = config.databaseUrl
    ? await createDatabase({
        url: config.databaseUrl,
        ...(config.databaseSchema ? { schema: config.databaseSchema } : {}),
      })
    : await createDatabase({ dataDir: join(dataDir, "db") });
  const db = database.db;
  await ensureApiTables(db);
  const secretKey = config.secretKey ?? (await dataDirSecretKey(dataDir));
  if (!config.secretKey && config.databaseUrl)
    log({
      level: "warn",
      msg: "TEKEN_SECRET_KEY not set: using DATA_DIR/secret.key; replicas must share one key",
    });
  let simulator: InProcessBsre | undefined;
  let client: ReturnType<typeof createBsreClient>;
  let trustAnchors: Uint8Array[];
  if (config.bsre.kind === "remote") {
    client = createBsreClient({
      baseUrl: config.bsre.url,
      credentials: { username: config.bsre.username, password: config.bsre.password },
    });
    trustAnchors = await trustAnchorsFrom(config.trustAnchorFiles);
  } else {
    await mkdir(join(dataDir, "bsre"), { recursive: true });
    simulator = await createInProcessBsre({
      store: fileStore(join(dataDir, "bsre")),
      publicBaseUrl: `${config.publicUrl}/bsre`,
      kdfIterations: config.simulatorKdfIterations,
      signThreads: config.simulatorSignThreads,
    });
    client = simulator.client;
    trustAnchors = [...simulator.trustAnchors, ...(await trustAnchorsFrom(config.trustAnchorFiles))];
  }
  let mailer: Mailer & { close?(): void };
  if (config.smtpUrl) mailer = createSmtpMailer({ url: config.smtpUrl, from: config.mailFrom });
  else {
    await mkdir(join(dataDir, "outbox"), { recursive: true });
    mailer = createEmlFileMailer({ dir: join(dataDir, "outbox"), from: config.mailFrom });
  }
  const directory = createMemoryDirectory();
  seedDirectory(directory);
  const deps = composeDeps({
    db,
    blobs: createFileBlobStore(join(dataDir, "blobs")),
    directory,
    bsre: client,
    ...(simulator ? { simulator } : {}),
    trustAnchors,
    publicUrl: config.publicUrl,
    logger: log,
    maxUploadBytes: config.maxUploadBytes,
    secureCookies: config.secureCookies,
    secretKey,
    trustProxy: config.trustProxy,
    webhookAllowHttp: config.webhookAllowHttp,
  });
  const sim = simulator;
  const anchorsPem = trustAnchors.map((der) => certificatePem(der)).join("");
  const app = createApp({
    ...deps,
    mount: (a) => {
      if (sim) a.route("/bsre", sim.simulator.app);
      // The deployment's trust anchors, which the verifier page loads next to its bundled ones.
      a.get("/verify/anchors.pem", (c) =>
        c.body(anchorsPem, 200, { "content-type": "application/x-pem-file; charset=utf-8" }),
      );
      if (existsSync(join(VERIFIER_DIST, "index.html"))) {
        a.get("/verify", (c) => c.redirect("/verify/"));
        a.get(
          "/verify/*",
          serveStatic({ root: VERIFIER_DIST, rewriteRequestPath: (p) => p.replace(/^\/verify/, "") }),
        );
      } else {
        a.get("/verify", (c) =>
          c.text("Verifier not built: run `pnpm --filter @teken/verifier build`.", 503),
        );
      }
    },
  });
  const seeded = sim
    ? await seedDemo(
        deps.registry,
        sim,
        new Uint8Array(await readFile(resolve(here, "../assets/sample-letter.pdf"))),
      )
    : false;
  const reconciled = await reconcileSigningRequests(deps.registry, { olderThanMs: 60_000 });
  log({ level: "info", msg: "reconciled", completed: reconciled.completed, abandoned: reconciled.abandoned });
  const webhooks = createWebhookDispatcher({
    db,
    key: secretKey,
    verifyBaseUrl: `${config.publicUrl}/v/`,
    scheduleMs: config.webhookRetryScheduleMs,
    logger: log,
  });
  webhooks.start(2_000);
  const timers = [
    setInterval(() => {
      deliverOutbox(db, mailer).catch((e: Error) => log({ level: "error", msg: "outbox", error: e.name }));
    }, 5_000),
    setInterval(() => {
      runCertificateWorker(deps.registry).catch((e: Error) =>
        log({ level: "error", msg: "certificates", error: e.name }),
      );
    }, 30_000),
  ];
  const server = await new Promise<ReturnType<typeof serve>>((ok) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => ok(s));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  return {
    url: `http://${config.host}:${port}`,
    seeded,
    async close() {
      for (const t of timers) clearInterval(t);
      await webhooks.stop();
      await new Promise<void>((done) => server.close(() => done()));
      mailer.close?.();
      await database.close();
      await sim?.simulator.close();
    },
  };
}
