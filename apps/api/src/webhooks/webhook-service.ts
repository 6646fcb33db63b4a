import { randomBytes, randomUUID } from "node:crypto";
import { type Db, rowsOf } from "@teken/registry";
import { type SQL, sql } from "drizzle-orm";
import type { Logger } from "../http/logger";
import { open, seal } from "../totp/secret-box";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook } from "./signature";
import { DEFAULT_RETRY_SCHEDULE_MS } from "./url-policy";

/** Events sent to integrations, by the document status that causes them. */
export const webhookEvents = {
  completed: "document.signed",
  returned: "document.returned",
  cancelled: "document.cancelled",
} as const;

/** One stored delivery of one event to one token's endpoint (the outbox row). */
export interface WebhookDelivery {
  readonly id: string;
  readonly tokenId: string;
  readonly documentId: string;
  readonly event: string;
  readonly status: "pending" | "delivered" | "failed";
  readonly attempts: number;
  readonly nextAttemptAt: Date | null;
  readonly lastResponseStatus: number | null;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly deliveredAt: Date | null;
}

/** Webhook endpoints of API tokens, document subscriptions and the delivery outbox. */
export interface WebhookService {
  /** Sets (or replaces) a token's endpoint; answers the new signing secret (shown once). */
  configure(tokenId: string, url: string): Promise<{ url: string; secret: string }>;
  endpoint(tokenId: string): Promise<{ url: string } | undefined>;
  remove(tokenId: string): Promise<boolean>;
  /** Links a document uploaded by a token to it: its completion/return/cancellation will be sent. */
  subscribe(documentId: string, tokenId: string): Promise<void>;
  list(tokenId: string, page: { limit: number; offset: number }): Promise<WebhookDelivery[]>;
  /** Queues a delivery again now (attempts start over); false when the token has no such delivery. */
  redeliver(tokenId: string, deliveryId: string): Promise<boolean>;
}

type Row = Record<string, unknown>;
const dateOrNull = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)));
const toDelivery = (r: Row): WebhookDelivery => ({
  id: String(r.id),
  tokenId: String(r.token_id),
  documentId: String(r.document_id),
  event: String(r.event),
  status: String(r.status) as WebhookDelivery["status"],
  attempts: Number(r.attempts),
  nextAttemptAt: r.status === "pending" ? dateOrNull(r.next_attempt_at) : null,
  lastResponseStatus: r.last_response_status === null ? null : Number(r.last_response_status),
  lastError: r.last_error === null ? null : String(r.last_error),
  createdAt: new Date(String(r.created_at)),
  deliveredAt: dateOrNull(r.delivered_at),
});

/** The tables of webhook endpoints, followed documents and deliveries (created by `ensureApiTables`). */
export const WEBHOOK_TABLES: readonly SQL[] = [
  sql`create table if not exists api_token_webhooks (
      token_id text primary key,
      url text not null,
      secret_sealed text not null,
      created_at timestamptz not null
    )`,
  sql`create table if not exists api_webhook_documents (
      document_id text primary key,
      token_id text not null,
      notified_status text,
      created_at timestamptz not null
    )`,
  // Closed once the document reached a terminal status (completed, cancelled): no longer scanned.
  sql`alter table api_webhook_documents add column if not exists closed boolean not null default false`,
  sql`create index if not exists api_webhook_documents_open
      on api_webhook_documents (document_id) where not closed`,
  sql`create table if not exists api_webhook_deliveries (
      id text primary key,
      token_id text not null,
      document_id text not null,
      event text not null,
      payload text not null,
      status text not null,
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      last_response_status integer,
      last_error text,
      created_at timestamptz not null,
      delivered_at timestamptz
    )`,
  sql`create index if not exists api_webhook_deliveries_due
      on api_webhook_deliveries (status, next_attempt_at)`,
  sql`create index if not exists api_webhook_deliveries_token
      on api_webhook_deliveries (token_id, created_at)`,
];

const secretContext = (tokenId: string) => `webhook:${tokenId}`;

/** A `WebhookService` over the database; endpoint secrets are sealed (AES-256-GCM) under `key`. */
export function createWebhookService(
  db: Db,
  key: Uint8Array,
  now: () => Date = () => new Date(),
): WebhookService {
  return {
    async configure(tokenId, url) {
      const secret = `whsec_${randomBytes(24).toString("base64url")}`;
      const sealed = seal(key, new TextEncoder().encode(secret), secretContext(tokenId));
      await db.execute(sql`insert into api_token_webhooks (token_id, url, secret_sealed, created_at)
        values (${tokenId}, ${url}, ${sealed}, ${now().toISOString()})
        on conflict (token_id) do update set url = excluded.url, secret_sealed = excluded.secret_sealed,
          created_at = excluded.created_at`);
      return { url, secret };
    },
    async endpoint(tokenId) {
      const row = rowsOf<Row>(
        await db.execute(sql`select url from api_token_webhooks where token_id = ${tokenId}`),
      )[0];
      return row ? { url: String(row.url) } : undefined;
    },
    async remove(tokenId) {
      const r = await db.execute(
        sql`delete from api_token_webhooks where token_id = ${tokenId} returning token_id`,
      );
      return rowsOf<Row>(r).length > 0;
    },
    async subscribe(documentId, tokenId) {
      await db.execute(sql`insert into api_webhook_documents (document_id, token_id, notified_status, created_at)
        values (${documentId}, ${tokenId}, null, ${now().toISOString()}) on conflict (document_id) do nothing`);
    },
    async list(tokenId, page) {
      return rowsOf<Row>(
        await db.execute(sql`select * from api_webhook_deliveries where token_id = ${tokenId}
          order by created_at desc, id limit ${page.limit} offset ${page.offset}`),
      ).map(toDelivery);
    },
    async redeliver(tokenId, deliveryId) {
      const r = await db.execute(sql`update api_webhook_deliveries
        set status = 'pending', attempts = 0, next_attempt_at = ${now().toISOString()}, delivered_at = null
        where id = ${deliveryId} and token_id = ${tokenId} returning id`);
      return rowsOf<Row>(r).length > 0;
    },
  };
}

/** What one `runOnce` did. */
export interface DispatchReport {
  readonly queued: number;
  readonly delivered: number;
  readonly retrying: number;
  readonly failed: number;
}

/** Options of the webhook dispatcher. */
export interface DispatcherOptions {
  readonly db: Db;
  readonly key: Uint8Array;
  /** Base of the public verification links put in events (`…/v/`). */
  readonly verifyBaseUrl?: string;
  /** Delays after each failed attempt; attempts stop after `schedule.length + 1`. */
  readonly scheduleMs?: readonly number[];
  readonly now?: () => Date;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  /** How long a claimed delivery is kept from other dispatchers while it is being sent. */
  readonly leaseMs?: number;
  readonly batchSize?: number;
  readonly logger?: Logger;
}

/** The background sender: turns status changes into outbox rows and delivers due rows. */
export interface WebhookDispatcher {
  /** One pass: queue new events, claim due deliveries (`FOR UPDATE SKIP LOCKED`), send them. */
  runOnce(): Promise<DispatchReport>;
  /** Runs `runOnce` every `intervalMs` until `stop`. */
  start(intervalMs?: number): void;
  /** Stops the loop and waits for a pass in flight. */
  stop(): Promise<void>;
}

/**
 * Creates the dispatcher. Safe across replicas: an event is queued by whichever replica flips
 * the subscription's `notified_status` first (a conditional update), and a due delivery is
 * claimed under `FOR UPDATE SKIP LOCKED` and leased (its `next_attempt_at` pushed by `leaseMs`)
 * before the HTTP call, so no other dispatcher sends it meanwhile. Delivery is at least once
 * (a crash mid-call resends after the lease): receivers deduplicate on `Teken-Delivery`.
 */
export function createWebhookDispatcher(options: DispatcherOptions): WebhookDispatcher {
  const { db, key } = options;
  const now = options.now ?? (() => new Date());
  const schedule = options.scheduleMs ?? DEFAULT_RETRY_SCHEDULE_MS;
  const maxAttempts = schedule.length + 1;
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const leaseMs = options.leaseMs ?? Math.max(60_000, timeoutMs * 2);
  const batch = options.batchSize ?? 20;
  const log = options.logger ?? (() => {});

  async function queueEvents(): Promise<number> {
    await db.execute(sql`update api_webhook_documents w set notified_status = null
      from documents d where d.id = w.document_id and not w.closed and w.notified_status is not null
      and d.status not in ('completed', 'returned', 'cancelled')`);
    const changed = rowsOf<Row>(
      await db.execute(sql`select w.document_id, w.token_id, w.notified_status, d.status, d.jenis, d.perihal,
          d.current_revision, d.note, d.updated_at, vt.token, vt.short_code
        from api_webhook_documents w
        join documents d on d.id = w.document_id
        left join verification_tokens vt on vt.document_id = d.id
        where not w.closed and d.status in ('completed', 'returned', 'cancelled')
          and d.status is distinct from w.notified_status
        limit 200`),
    );
    let queued = 0;
    for (const r of changed) {
      const status = String(r.status) as keyof typeof webhookEvents;
      const event = webhookEvents[status];
      const at = now();
      await db.transaction(async (tx) => {
        const flipped = await tx.execute(sql`update api_webhook_documents set notified_status = ${status},
            closed = ${status !== "returned"}
          where document_id = ${String(r.document_id)} and notified_status is not distinct from ${r.notified_status as string | null}
          returning token_id`);
        if (rowsOf<Row>(flipped).length !== 1) return;
        const id = randomUUID();
        const token = r.token === null ? null : String(r.token);
        const payload = JSON.stringify({
          id,
          type: event,
          createdAt: at.toISOString(),
          data: {
            documentId: String(r.document_id),
            status,
            jenis: String(r.jenis),
            perihal: String(r.perihal),
            revision: Number(r.current_revision),
            ...(status === "completed" && token
              ? {
                  verificationToken: token,
                  shortCode: String(r.short_code),
                  ...(options.verifyBaseUrl ? { verifyUrl: `${options.verifyBaseUrl}${token}` } : {}),
                }
              : {}),
            ...(status === "returned" && r.note ? { note: String(r.note) } : {}),
          },
        });
        await tx.execute(sql`insert into api_webhook_deliveries
          (id, token_id, document_id, event, payload, status, attempts, next_attempt_at, created_at)
          values (${id}, ${String(r.token_id)}, ${String(r.document_id)}, ${event}, ${payload}, 'pending', 0,
            ${at.toISOString()}, ${at.toISOString()})`);
        queued++;
      });
    }
    return queued;
  }

  async function claim(): Promise<Row[]> {
    const at = now();
    return db.transaction(async (tx) => {
      const due = rowsOf<Row>(
        await tx.execute(sql`select id from api_webhook_deliveries
          where status = 'pending' and next_attempt_at <= ${at.toISOString()}
          order by next_attempt_at limit ${batch} for update skip locked`),
      );
      if (due.length === 0) return [];
      const ids = due.map((d) => String(d.id));
      const lease = new Date(at.getTime() + leaseMs).toISOString();
      return rowsOf<Row>(
        await tx.execute(sql`update api_webhook_deliveries d
          set attempts = d.attempts + 1, next_attempt_at = ${lease}
          where d.id in (${sql.join(
            ids.map((i) => sql`${i}`),
            sql`, `,
          )})
          returning d.*,
            (select w.url from api_token_webhooks w join api_tokens t on t.id = w.token_id
              where w.token_id = d.token_id and t.revoked_at is null) as url,
            (select secret_sealed from api_token_webhooks w where w.token_id = d.token_id) as secret_sealed`),
      );
    });
  }

  async function deliver(row: Row): Promise<"delivered" | "retrying" | "failed"> {
    const id = String(row.id);
    const attempts = Number(row.attempts);
    let responseStatus: number | null = null;
    let error: string | null = null;
    const secretBytes =
      row.secret_sealed === null
        ? undefined
        : open(key, String(row.secret_sealed), secretContext(String(row.token_id)));
    if (row.url === null || !secretBytes) error = "no endpoint configured";
    else {
      const body = String(row.payload);
      const timestamp = Math.floor(now().getTime() / 1000);
      try {
        const res = await send(String(row.url), {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "user-agent": "Teken-Webhook/1",
            [SIGNATURE_HEADER]: signWebhook(new TextDecoder().decode(secretBytes), body, timestamp),
            [EVENT_HEADER]: String(row.event),
            [DELIVERY_HEADER]: id,
          },
          body,
          redirect: "manual",
          signal: AbortSignal.timeout(timeoutMs),
        });
        responseStatus = res.status;
        await res.body?.cancel().catch(() => {});
        if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
      } catch (e) {
        error = (e as Error).name === "TimeoutError" ? "timeout" : "connection failed";
      }
    }
    const at = now();
    if (error === null) {
      await db.execute(sql`update api_webhook_deliveries set status = 'delivered', delivered_at = ${at.toISOString()},
        last_response_status = ${responseStatus}, last_error = null where id = ${id} and attempts = ${attempts}`);
      return "delivered";
    }
    const final = attempts >= maxAttempts;
    const next = new Date(at.getTime() + (schedule[attempts - 1] ?? 0)).toISOString();
    await db.execute(sql`update api_webhook_deliveries set status = ${final ? "failed" : "pending"},
      next_attempt_at = ${next}, last_response_status = ${responseStatus}, last_error = ${error}
      where id = ${id} and attempts = ${attempts}`);
    log({
      level: "warn",
      msg: "webhook",
      delivery: id,
      attempt: attempts,
      status: responseStatus ?? undefined,
      error: error ?? undefined,
    });
    return final ? "failed" : "retrying";
  }

  async function runOnce(): Promise<DispatchReport> {
    const queued = await queueEvents();
    const counts = { delivered: 0, retrying: 0, failed: 0 };
    // Bounded: a full batch may be followed by more due rows, but one pass never spins.
    for (let round = 0; round < 10; round++) {
      const rows = await claim();
      if (rows.length === 0) break;
      for (const outcome of await Promise.all(rows.map(deliver))) counts[outcome]++;
      if (rows.length < batch) break;
    }
    return { queued, ...counts };
  }

  let timer: ReturnType<typeof setInterval> | undefined;
  let inFlight: Promise<unknown> | undefined;
  return {
    runOnce,
    start(intervalMs = 2_000) {
      if (timer) return;
      timer = setInterval(() => {
        if (inFlight) return;
        inFlight = runOnce()
          .catch((e: Error) => log({ level: "error", msg: "webhooks", error: e.name }))
          .finally(() => {
            inFlight = undefined;
          });
      }, intervalMs);
      timer.unref?.();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await inFlight;
    },
  };
}
