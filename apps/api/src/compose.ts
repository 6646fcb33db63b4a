import { randomBytes } from "node:crypto";
import { verify } from "@teken/pades";
import { nodeDigester } from "@teken/pades/node";
import type { BlobStore, Db, EmployeeDirectory, Mailer } from "@teken/registry";
import { sql } from "drizzle-orm";
import { bsreCertificateAuthority, bsreSigningService } from "./adapters/bsre-ports";
import { padesFooterPreparer } from "./adapters/footer-preparer";
import type { InProcessBsre } from "./adapters/in-process-bsre";
import { createDatabaseSessionStore } from "./adapters/session-store";
import { createDatabaseThrottle } from "./adapters/throttle";
import { createDatabaseTokenStore } from "./adapters/token-store";
import type { BsreClient } from "@teken/bsre-client";
import type { AppDeps } from "./deps";
import type { TrustProxy } from "./http/client-address";
import type { Logger } from "./http/logger";
import { Metrics } from "./http/metrics";
import { createTotpService } from "./totp/totp-service";
import { createWebhookService } from "./webhooks/webhook-service";

/** What `composeDeps` needs: storage and the outside world, already built. */
export interface ComposeInput {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly directory: EmployeeDirectory;
  readonly bsre: BsreClient;
  readonly trustAnchors: readonly Uint8Array[];
  readonly publicUrl: string;
  readonly mailer?: Mailer;
  readonly logger?: Logger;
  readonly maxUploadBytes?: number;
  readonly secureCookies?: boolean;
  readonly simulator?: InProcessBsre;
  /** 32-byte server key sealing TOTP seeds and webhook secrets (default: a random one, per process). */
  readonly secretKey?: Uint8Array;
  /** Which proxies may tell the client address (default none). */
  readonly trustProxy?: TrustProxy;
  /** Plain-http webhook URLs to non-local hosts (default false). */
  readonly webhookAllowHttp?: boolean;
}

/** Builds `AppDeps` from storage, a BSrE client and trust anchors (shared by `main.ts`, tests and the bench). */
export function composeDeps(input: ComposeInput): AppDeps {
  const secretKey = input.secretKey ?? new Uint8Array(randomBytes(32));
  return {
    registry: {
      db: input.db,
      blobs: input.blobs,
      directory: input.directory,
      ca: bsreCertificateAuthority(
        input.bsre,
        input.simulator ? { validityOf: input.simulator.validityOf } : {},
      ),
      signer: bsreSigningService(input.bsre, { validityFromSignature: !input.simulator }),
      preparer: padesFooterPreparer(),
      verifyBaseUrl: `${input.publicUrl}/v/`,
    },
    sessions: createDatabaseSessionStore(input.db),
    tokens: createDatabaseTokenStore(input.db),
    throttles: {
      account: createDatabaseThrottle(input.db, { scope: "account", maxAttempts: 5 }),
      ip: createDatabaseThrottle(input.db, { scope: "ip", maxAttempts: 20 }),
    },
    verifyPdf: (pdf) => verify(pdf, { trustAnchors: input.trustAnchors, digester: nodeDigester }),
    readiness: async () => ({
      database: await input.db.execute(sql`select 1`).then(
        () => true,
        () => false,
      ),
      bsre: await input.bsre.v2.userStatus({ nik: "3201010101800001" }).then(
        () => true,
        () => false,
      ),
    }),
    metrics: new Metrics(),
    totp: createTotpService(input.db, secretKey),
    webhooks: createWebhookService(input.db, secretKey),
    ...(input.trustProxy ? { trustProxy: input.trustProxy } : {}),
    ...(input.webhookAllowHttp !== undefined ? { webhookAllowHttp: input.webhookAllowHttp } : {}),
    ...(input.logger ? { logger: input.logger } : {}),
    ...(input.maxUploadBytes ? { maxUploadBytes: input.maxUploadBytes } : {}),
    ...(input.secureCookies !== undefined ? { secureCookies: input.secureCookies } : {}),
  };
}
