import { randomBytes } from "node:crypto";
import { type IncomingHttpHeaders, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createDatabase } from "@teken/registry";
import { sql } from "drizzle-orm";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import type { ApiEnv } from "../../src/http/env";
import { verifyWebhookSignature } from "../../src/webhooks/signature";
import {
  type WebhookDelivery,
  createWebhookDispatcher,
  createWebhookService,
} from "../../src/webhooks/webhook-service";
import { type Agent, PASSPHRASE, POSTGRES_URL, type World, letter, openWorld } from "./world";

type Json = Record<string, unknown>;
const MIN = 60_000;

/** A real HTTP receiver on 127.0.0.1:0 answering the given statuses in turn (then 200). */
async function receiver(secret: () => string, now: () => number, statuses: number[] = []) {
  const requests: { headers: IncomingHttpHeaders; body: string; valid: boolean; answered: number }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (d: string) => {
      body += d;
    });
    req.on("end", () => {
      const valid = verifyWebhookSignature({
        body,
        header: req.headers["teken-signature"] as string | undefined,
        secret: secret(),
        nowSeconds: Math.floor(now() / 1000),
      });
      const answered = valid ? (statuses.shift() ?? 200) : 400;
      requests.push({ headers: req.headers, body, valid, answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    statuses,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** Webhooks of API tokens: configuration, signed deliveries, retries, redelivery and replicas, on one engine. */
export function describeWebhooks(engine: "pglite" | "postgres"): void {
  describe(`webhooks on ${engine}`, () => {
    let w: World;
    let app: Hono<ApiEnv>;
    let admin: Agent;
    let signer: Agent;
    let clock = Date.parse("2026-11-25T10:00:00Z");
    const key = new Uint8Array(randomBytes(32));
    let secret = "";
    let hook: Awaited<ReturnType<typeof receiver>>;
    let tokenId = "";
    let token = "";
    const dispatcher = (db = w.deps.registry.db) =>
      createWebhookDispatcher({
        db,
        key,
        verifyBaseUrl: "http://localhost/v/",
        scheduleMs: [MIN, 5 * MIN],
        now: () => new Date(clock),
        timeoutMs: 5_000,
      });

    beforeAll(async () => {
      w = await openWorld(engine);
      app = createApp({
        ...w.deps,
        webhooks: createWebhookService(w.deps.registry.db, key, () => new Date(clock)),
      });
      admin = await w.login(w.logins.admin1);
      signer = await w.login(w.logins.signer1);
      hook = await receiver(
        () => secret,
        () => clock,
      );
    }, 120_000);
    afterAll(async () => {
      await hook?.close();
      await w?.close();
    });

    const req = (
      path: string,
      agent: Agent | undefined,
      init: { method?: string; json?: unknown; body?: FormData } = {},
    ) =>
      app.request(path, {
        method: init.method ?? (init.json !== undefined || init.body ? "POST" : "GET"),
        headers: {
          ...(agent?.headers ?? {}),
          ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
        },
        ...(init.json !== undefined
          ? { body: JSON.stringify(init.json) }
          : init.body
            ? { body: init.body }
            : {}),
      });
    const bearer = (): Agent => ({ userId: "", headers: { authorization: `Bearer ${token}` } });
    const upload = async (perihal: string) => {
      const form = new FormData();
      form.set(
        "file",
        new Blob([letter() as Uint8Array<ArrayBuffer>], { type: "application/pdf" }),
        "surat.pdf",
      );
      form.set("jenis", "Surat Undangan");
      form.set("perihal", perihal);
      form.set("steps", JSON.stringify([{ kind: "sign", userId: w.ids.signer1 }]));
      const res = await req("/api/documents", bearer(), { body: form });
      expect(res.status).toBe(201);
      return ((await res.json()) as { documentId: string; token: string }).documentId;
    };
    const deliveries = async () =>
      (await (await req(`/api/admin/tokens/${tokenId}/deliveries`, admin)).json()) as (WebhookDelivery & {
        nextAttemptAt: string;
      })[];

    it("configures a token's webhook: https, or http only to localhost, secret shown once", async () => {
      const created = (await (
        await req("/api/admin/tokens", admin, { json: { name: "surat-app", scopes: ["upload", "read"] } })
      ).json()) as { id: string; token: string };
      tokenId = created.id;
      token = created.token;
      for (const url of [
        "http://example.com/hook",
        "ftp://example.com/hook",
        "https://user:pw@example.com/x",
        "not a url at all",
      ]) {
        const res = await req(`/api/admin/tokens/${tokenId}/webhook`, admin, { json: { url } });
        expect(res.status).toBe(422);
        expect(((await res.json()) as Json).code).toBe("WEBHOOK_URL_REFUSED");
      }
      const otherAdmin = await w.login(w.logins.admin2);
      expect(
        (await req(`/api/admin/tokens/${tokenId}/webhook`, otherAdmin, { json: { url: hook.url } })).status,
      ).toBe(404);
      const res = await req(`/api/admin/tokens/${tokenId}/webhook`, admin, { json: { url: hook.url } });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { url: string; secret: string };
      expect(body.url).toBe(hook.url);
      expect(body.secret).toMatch(/^whsec_[\w-]{30,}$/);
      secret = body.secret;
      const shown = JSON.stringify(await (await req(`/api/admin/tokens/${tokenId}/webhook`, admin)).json());
      expect(shown).toContain(hook.url);
      expect(shown).not.toContain(secret);
      const stored = JSON.stringify(await w.deps.registry.db.execute(sql`select * from api_token_webhooks`));
      expect(stored).not.toContain(secret);
      expect((await req(`/api/admin/tokens/${tokenId}/deliveries`, bearer())).status).toBe(403);
    });

    it("sends document.signed signed with HMAC, retried on failure with backoff until a 2xx", async () => {
      const documentId = await upload("Undangan rapat webhook");
      const d = dispatcher();
      expect(await d.runOnce()).toEqual({ queued: 0, delivered: 0, retrying: 0, failed: 0 });
      const ok = await app.request(`/api/documents/${documentId}/sign`, {
        method: "POST",
        headers: {
          ...signer.headers,
          "content-type": "application/json",
          "idempotency-key": "webhook-sign-01",
        },
        body: JSON.stringify({ passphrase: PASSPHRASE }),
      });
      expect(ok.status).toBe(200);
      const { revision } = (await ok.json()) as { revision: number };

      hook.statuses.push(500, 503);
      expect(await d.runOnce()).toEqual({ queued: 1, delivered: 0, retrying: 1, failed: 0 });
      // Not due again before the first delay.
      clock += MIN - 1000;
      expect(await d.runOnce()).toEqual({ queued: 0, delivered: 0, retrying: 0, failed: 0 });
      clock += 1000;
      expect(await d.runOnce()).toMatchObject({ retrying: 1 });
      clock += 5 * MIN;
      expect(await d.runOnce()).toMatchObject({ delivered: 1 });
      expect(hook.requests.map((r) => r.answered)).toEqual([500, 503, 200]);
      expect(hook.requests.every((r) => r.valid)).toBe(true);
      const ids = new Set(hook.requests.map((r) => r.headers["teken-delivery"]));
      expect(ids.size).toBe(1);
      const first = hook.requests[0];
      expect(first?.headers["teken-event"]).toBe("document.signed");
      expect(first?.headers["content-type"]).toBe("application/json");
      expect(first?.headers["teken-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      const event = JSON.parse(first?.body ?? "{}") as { type: string; id: string; data: Json };
      expect(event).toMatchObject({
        type: "document.signed",
        id: [...ids][0],
        data: { documentId, status: "completed", perihal: "Undangan rapat webhook", revision },
      });
      expect(String(event.data.verifyUrl)).toBe(`http://localhost/v/${String(event.data.verificationToken)}`);
      // A tampered body or another secret does not verify.
      expect(
        verifyWebhookSignature({
          body: `${first?.body} `,
          header: first?.headers["teken-signature"] as string,
          secret,
          nowSeconds: Math.floor(clock / 1000),
        }),
      ).toBe(false);
      expect(
        verifyWebhookSignature({
          body: first?.body ?? "",
          header: first?.headers["teken-signature"] as string,
          secret: "whsec_other",
          nowSeconds: Math.floor(clock / 1000),
        }),
      ).toBe(false);
      // Too old: refused as a replay.
      expect(
        verifyWebhookSignature({
          body: first?.body ?? "",
          header: first?.headers["teken-signature"] as string,
          secret,
          nowSeconds: Math.floor(clock / 1000) + 3600,
        }),
      ).toBe(false);

      const listed = await deliveries();
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({
        documentId,
        event: "document.signed",
        status: "delivered",
        attempts: 3,
      });
      // Nothing more to send; a second pass queues no duplicate.
      clock += 10 * MIN;
      expect(await d.runOnce()).toEqual({ queued: 0, delivered: 0, retrying: 0, failed: 0 });

      // Redelivery on request: same delivery id, attempts start over.
      const redeliver = await req(
        `/api/admin/tokens/${tokenId}/deliveries/${listed[0]?.id}/redeliver`,
        admin,
        {
          method: "POST",
        },
      );
      expect(redeliver.status).toBe(202);
      expect(await d.runOnce()).toMatchObject({ delivered: 1 });
      expect(hook.requests).toHaveLength(4);
      expect(hook.requests[3]?.headers["teken-delivery"]).toBe(listed[0]?.id);
      expect(
        (await req(`/api/admin/tokens/${tokenId}/deliveries/nope/redeliver`, admin, { method: "POST" }))
          .status,
      ).toBe(404);
      // The integration sees and redelivers its own deliveries with its token; a session user cannot.
      const own = (await (await req("/api/webhooks/deliveries", bearer())).json()) as { id: string }[];
      expect(own.map((x) => x.id)).toEqual([listed[0]?.id]);
      expect(
        (await req(`/api/webhooks/deliveries/${listed[0]?.id}/redeliver`, bearer(), { method: "POST" }))
          .status,
      ).toBe(202);
      expect(await d.runOnce()).toMatchObject({ delivered: 1 });
      expect(hook.requests).toHaveLength(5);
      expect((await req("/api/webhooks/deliveries", admin)).status).toBe(403);
    });

    it("sends document.returned and document.cancelled, and gives up after the last attempt", async () => {
      const returned = await upload("Akan dikembalikan");
      const cancelled = await upload("Akan dibatalkan");
      expect(
        (await req(`/api/documents/${returned}/return`, signer, { json: { note: "Perbaiki tanggal" } }))
          .status,
      ).toBe(200);
      expect(
        (await req(`/api/documents/${cancelled}/cancel`, admin, { json: { reason: "batal" } })).status,
      ).toBe(200);
      const before = hook.requests.length;
      const d = dispatcher();
      expect(await d.runOnce()).toMatchObject({ queued: 2, delivered: 2 });
      const sent = hook.requests.slice(before).map((r) => JSON.parse(r.body) as { type: string; data: Json });
      expect(sent.map((e) => e.type).sort()).toEqual(["document.cancelled", "document.returned"]);
      expect(sent.find((e) => e.type === "document.returned")?.data).toMatchObject({
        documentId: returned,
        note: "Perbaiki tanggal",
      });

      // A receiver that keeps failing: 3 attempts (schedule of two delays), then failed.
      const failing = await upload("Penerima rusak");
      await req(`/api/documents/${failing}/cancel`, admin, { json: {} });
      hook.statuses.push(500, 500, 500, 500);
      expect(await d.runOnce()).toMatchObject({ queued: 1, retrying: 1 });
      clock += MIN;
      expect(await d.runOnce()).toMatchObject({ retrying: 1 });
      clock += 5 * MIN;
      expect(await d.runOnce()).toMatchObject({ failed: 1 });
      clock += 60 * MIN;
      expect(await d.runOnce()).toEqual({ queued: 0, delivered: 0, retrying: 0, failed: 0 });
      const failed = (await deliveries()).find((x) => x.documentId === failing);
      expect(failed).toMatchObject({
        status: "failed",
        attempts: 3,
        lastResponseStatus: 500,
        lastError: "HTTP 500",
      });
      hook.statuses.length = 0;
    });

    it("runs as a background loop until stopped", async () => {
      const doc = await upload("Loop latar belakang");
      await req(`/api/documents/${doc}/cancel`, admin, { json: {} });
      const before = hook.requests.length;
      const d = dispatcher();
      d.start(20);
      for (let i = 0; i < 400 && hook.requests.length === before; i++)
        await new Promise((ok) => setTimeout(ok, 25));
      await d.stop();
      expect(hook.requests.length).toBe(before + 1);
      expect(JSON.parse(hook.requests[before]?.body ?? "{}")).toMatchObject({ data: { documentId: doc } });
      // Stopped: a new event stays queued until someone runs a pass.
      const later = await upload("Setelah berhenti");
      await req(`/api/documents/${later}/cancel`, admin, { json: {} });
      await new Promise((ok) => setTimeout(ok, 100));
      expect(hook.requests.length).toBe(before + 1);
      expect(await d.runOnce()).toMatchObject({ queued: 1, delivered: 1 });
    });

    it("delivers each event exactly once with two dispatchers on separate connections", async () => {
      const schema =
        engine === "postgres"
          ? String(
              (
                (await w.deps.registry.db.execute(sql`select current_schema() as s`)) as unknown as {
                  rows: { s: string }[];
                }
              ).rows[0]?.s,
            )
          : "";
      const second = engine === "postgres" ? await createDatabase({ url: POSTGRES_URL, schema }) : undefined;
      try {
        const docs = [await upload("Replika 1"), await upload("Replika 2"), await upload("Replika 3")];
        for (const doc of docs) await req(`/api/documents/${doc}/cancel`, admin, { json: {} });
        // Plus a backlog of due deliveries to fight over.
        for (let i = 0; i < 30; i++)
          await w.deps.registry.db.execute(sql`insert into api_webhook_deliveries
            (id, token_id, document_id, event, payload, status, attempts, next_attempt_at, created_at)
            values (${`backlog-${i}`}, ${tokenId}, ${`doc-${i}`}, 'document.cancelled', ${JSON.stringify({ n: i })},
              'pending', 0, ${new Date(clock).toISOString()}, ${new Date(clock).toISOString()})`);
        const before = hook.requests.length;
        const one = dispatcher();
        const two = dispatcher(second?.db ?? w.deps.registry.db);
        const reports = await Promise.all([one.runOnce(), two.runOnce(), one.runOnce(), two.runOnce()]);
        const sent = hook.requests.slice(before).map((r) => String(r.headers["teken-delivery"]));
        expect(sent).toHaveLength(33);
        expect(new Set(sent).size).toBe(33);
        expect(reports.reduce((n, r) => n + r.queued, 0)).toBe(3);
        expect(reports.reduce((n, r) => n + r.delivered, 0)).toBe(33);
        const rows = (await w.deps.registry.db.execute(
          sql`select count(*)::int as n from api_webhook_deliveries where status = 'delivered' and attempts = 1`,
        )) as unknown as { rows: { n: number }[] };
        expect(rows.rows[0]?.n).toBeGreaterThanOrEqual(33);
      } finally {
        await second?.close();
      }
    });
  });
}
