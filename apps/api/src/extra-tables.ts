import type { Db } from "@teken/registry";
import { ensureTotpTables } from "./totp/totp-service";
import { ensureWebhookTables } from "./webhooks/webhook-service";

/** Creates the tables of TOTP enrolment and webhooks (beside `ensureApiTables`), serialised across replicas. */
export async function ensureExtraTables(db: Db): Promise<void> {
  await ensureTotpTables(db);
  await ensureWebhookTables(db);
}
