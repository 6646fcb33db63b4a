import type { VerificationReport } from "@teken/pades";
import type { RegistryDeps } from "@teken/registry";
import type { Hono } from "hono";
import type { SessionStore } from "./adapters/session-store";
import type { Throttle } from "./adapters/throttle";
import type { TokenStore } from "./adapters/token-store";
import type { TrustProxy } from "./http/client-address";
import type { ApiEnv } from "./http/env";
import type { Logger } from "./http/logger";
import type { Metrics } from "./http/metrics";
import type { TotpService } from "./totp/totp-service";
import type { WebhookService } from "./webhooks/webhook-service";

/** Everything `createApp` wires together; `main.ts` builds it from configuration, tests from fakes. */
export interface AppDeps {
  /** The registry's storage and ports (database, blobs, directory, CA, signer, preparer). */
  readonly registry: RegistryDeps;
  readonly sessions: SessionStore;
  /** API tokens of integrating apps. */
  readonly tokens: TokenStore;
  /** Verifies a PDF (@teken/pades `verify` with the trust anchors of this deployment). */
  readonly verifyPdf: (pdf: Uint8Array) => Promise<VerificationReport>;
  /** Readiness checks by name (database, BSrE); each true when reachable. */
  readonly readiness?: () => Promise<Readonly<Record<string, boolean>>>;
  readonly metrics?: Metrics;
  readonly logger?: Logger;
  /** Login throttles: per account and per client address. */
  readonly throttles?: { readonly account: Throttle; readonly ip: Throttle };
  /** Largest request body in bytes (default 20 MiB). */
  readonly maxUploadBytes?: number;
  /** `Secure` on the session cookie (default true). */
  readonly secureCookies?: boolean;
  /** TOTP enrolment, verification and login challenges (absent: TOTP endpoints answer 404). */
  readonly totp?: TotpService;
  /** Webhook endpoints of API tokens and their delivery outbox. */
  readonly webhooks?: WebhookService;
  /** Refuses plain-http webhook URLs to hosts other than localhost unless true. */
  readonly webhookAllowHttp?: boolean;
  /** Which proxies may tell the client address (`X-Forwarded-For`); default none: the socket address. */
  readonly trustProxy?: TrustProxy;
  /** Mounts extra routes (the in-process simulator, the verifier's static files). */
  readonly mount?: (app: Hono<ApiEnv>) => void;
}
