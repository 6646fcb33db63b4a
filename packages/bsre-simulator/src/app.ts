import { type Context, Hono } from "hono";
import { basicAuth } from "hono/basic-auth";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { type SimulatorCa, createDevCa } from "./ca-port";
import type { SimulatorContext } from "./context";
import { BsreFault, fault } from "./faults";
import {
  type BasicCredentials,
  DEFAULT_CREDENTIALS,
  DEFAULT_OPERATOR,
  type SimulatorOptions,
  corePassphrasePolicy,
} from "./options";
import { defaultSigner, defaultVerifier } from "./pades-adapter";
import { operatorRoutes } from "./routes/operator";
import { portalRoutes } from "./routes/portal";
import { sealRoutes } from "./routes/seal";
import { signV1Routes } from "./routes/sign-v1";
import { signV2Routes } from "./routes/sign-v2";
import { userRoutes } from "./routes/user";
import { verifyRoutes } from "./routes/verify";
import { type SimulatorState, emptyState } from "./state";
import { memoryStore } from "./store";

/** A running simulator: the Hono app plus what a caller needs to drive it. */
export interface Simulator {
  readonly app: Hono;
  /** The app's fetch handler (`app.fetch`), for injecting into clients. */
  readonly fetch: (request: Request) => Promise<Response>;
  readonly credentials: BasicCredentials;
  readonly operator: BasicCredentials;
  /** The live state (read it in tests; change it only through the endpoints). */
  readonly state: SimulatorState;
  /** CA certificates: issuing first, then root (DER). */
  readonly chain: readonly Uint8Array[];
  /** What this simulator can and cannot do (e.g. no PAdES signer configured). */
  readonly capabilities: { readonly sign: string | false; readonly verify: boolean; readonly pki: boolean };
  /** Releases what the signer holds (worker threads of `threadSigner`). */
  close(): Promise<void>;
}

/** Where the simulator is assumed to be reachable when no `publicBaseUrl` is given (`pnpm start`'s default). */
export const DEFAULT_PUBLIC_BASE_URL = "http://127.0.0.1:8085";

/** Loads the state from the store (or starts empty) and builds the handler context. */
async function buildContext(options: SimulatorOptions): Promise<SimulatorContext> {
  const store = options.store ?? memoryStore();
  const state = (await store.load()) ?? emptyState();
  const crypto = options.crypto ?? globalThis.crypto;
  const now = options.now ?? (() => new Date());
  const save = () => store.save(state);
  const pkiBaseUrl = `${(options.publicBaseUrl ?? DEFAULT_PUBLIC_BASE_URL).replace(/\/+$/, "")}/pki`;
  const ca: SimulatorCa =
    options.ca ??
    (await createDevCa({
      state,
      save,
      crypto,
      now,
      pkiBaseUrl,
      ...(options.userKeyAlgorithm ? { userKeyAlgorithm: options.userKeyAlgorithm } : {}),
      ...(options.caKeyAlgorithm ? { caKeyAlgorithm: options.caKeyAlgorithm } : {}),
    }));
  const pki = ca.routes && ca.pkiBaseUrl ? { routes: ca.routes, baseUrl: ca.pkiBaseUrl } : undefined;
  const cacheMs =
    options.revocationCacheMs === undefined ? {} : { revocationCacheMs: options.revocationCacheMs };
  const signer =
    options.signer ??
    (options.makeSigner && pki
      ? options.makeSigner({ level: options.padesLevel ?? "B-LT", pki, ...cacheMs })
      : defaultSigner({
          crypto,
          now,
          ...(options.padesLevel ? { level: options.padesLevel } : {}),
          ...cacheMs,
          ...(pki ? { pki } : {}),
        }));
  return {
    state,
    save,
    // Every revocation reaches the signer so cached OCSP/CRL evidence never hides it.
    ca: {
      generateKey: () => ca.generateKey(),
      issue: (input) => ca.issue(input),
      async revoke(serialNumber, reason) {
        await ca.revoke(serialNumber, reason);
        signer.onRevocation?.();
      },
      chain: ca.chain,
      ...(ca.routes ? { routes: ca.routes } : {}),
      ...(ca.pkiBaseUrl ? { pkiBaseUrl: ca.pkiBaseUrl } : {}),
    },
    signer,
    verifier: options.verifier ?? defaultVerifier({ trustAnchors: ca.chain.slice(-1), crypto, now }),
    crypto,
    now,
    policy: options.passphrasePolicy ?? corePassphrasePolicy,
    settings: {
      validityDays: options.certificateValidityDays ?? 730,
      maxAttempts: options.lockout?.maxAttempts ?? 5,
      windowMs: options.lockout?.windowMs ?? 15 * 60_000,
      lockMs: options.lockout?.lockMs ?? 30 * 60_000,
      maxFileBytes: options.maxFileBytes ?? 10 * 1024 * 1024,
      totpTtlMs: options.totpTtlMs ?? 5 * 60_000,
      downloadTtlMs: options.downloadTtlMs ?? 60 * 60_000,
      kdfIterations: options.kdfIterations ?? 600_000,
    },
  };
}

/** Turns faults into BSrE's JSON error shape; the HTTP status is decided here, once. */
function errorHandler(report: ((error: unknown) => void) | undefined) {
  return (error: Error, c: Context): Response => {
    if (error instanceof BsreFault) return c.json(error.body(), error.httpStatus);
    if (error instanceof HTTPException) return error.getResponse();
    report?.(error);
    return c.json({ error: "Kesalahan internal simulator", status_code: 500 }, 500);
  };
}

/**
 * Creates the BSrE Esign Client Service simulator: `/api` (agency API, Basic auth), `/portal`
 * (the user's own actions), `/operator` (separate Basic auth) and `/pki` (CA services).
 * @example
 * const sim = await createSimulatorApp({ signer });
 * const res = await sim.app.request("/api/user/status/3201234567890001", { headers: { authorization } });
 */
export async function createSimulatorApp(options: SimulatorOptions = {}): Promise<Simulator> {
  const ctx = await buildContext(options);
  const credentials = options.credentials ?? DEFAULT_CREDENTIALS;
  const operator = options.operator ?? DEFAULT_OPERATOR;
  const limit = bodyLimit({
    maxSize: options.maxBodyBytes ?? 20 * 1024 * 1024,
    onError: (c) => c.json(fault.tooLarge().body(), 413),
  });
  const app = new Hono();
  app.onError(errorHandler(options.onInternalError));
  app.get("/", (c) =>
    c.json({
      service: "Teken BSrE Esign Client Service simulator",
      api: ["/api", "/api/v2"],
      operator: "/operator",
      portal: "/portal",
    }),
  );
  app.use("/api/*", basicAuth({ ...credentials, realm: "BSrE Esign Client Service" }), limit);
  app.route("/api", signV1Routes(ctx));
  app.route("/api", userRoutes(ctx));
  app.route("/api", verifyRoutes(ctx));
  app.route("/api/v2", signV2Routes(ctx));
  app.route("/api/v2/seal", sealRoutes(ctx));
  app.use("/portal/*", limit);
  app.route("/portal", portalRoutes(ctx));
  app.use("/operator/*", basicAuth({ ...operator, realm: "BSrE simulator operator" }), limit);
  app.route("/operator", operatorRoutes(ctx));
  if (ctx.ca.routes) app.route("/pki", ctx.ca.routes);
  app.notFound((c) => c.json({ error: "Endpoint tidak ditemukan", status_code: 404 }, 404));
  return {
    app,
    fetch: async (request) => app.fetch(request),
    credentials,
    operator,
    state: ctx.state,
    chain: ctx.ca.chain,
    close: async () => {
      await ctx.signer?.close?.();
    },
    capabilities: {
      sign: ctx.signer ? ctx.signer.level : false,
      verify: ctx.verifier !== undefined,
      pki: ctx.ca.routes !== undefined,
    },
  };
}
