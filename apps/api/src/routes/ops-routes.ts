import { tables, verifyAuditChain } from "@teken/registry";
import { asc } from "drizzle-orm";
import { Hono } from "hono";
import type { AppDeps } from "../deps";
import { apiError } from "../errors";
import type { ApiEnv } from "../http/env";
import { requireUser } from "../http/helpers";
import { docsPage, openApiDocument } from "../openapi";

/** `/healthz` (process up), `/readyz` (database and BSrE reachable), `/metrics` (Prometheus text). */
export function opsRoutes(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    const checks = deps.readiness ? await deps.readiness() : {};
    const ready = Object.values(checks).every(Boolean);
    return c.json({ status: ready ? "ready" : "not_ready", checks }, ready ? 200 : 503);
  });
  app.get("/openapi.json", (c) => c.json(openApiDocument()));
  app.get("/docs", (c) => c.html(docsPage()));
  app.get("/metrics", (c) =>
    c.text(deps.metrics?.render() ?? "", 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" }),
  );
  return app;
}

/** Super admins: `GET /api/audit/export` (JSON lines, oldest first) and `GET /api/audit/check` (hash chain). */
export function auditRoutes(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use("*", async (c, next) => {
    if (requireUser(c).role !== "super_admin") throw apiError("FORBIDDEN");
    await next();
  });
  app.get("/export", async (c) => {
    const rows = await deps.registry.db.select().from(tables.auditLog).orderBy(asc(tables.auditLog.seq));
    const body = rows.map((r) => JSON.stringify(r)).join("\n");
    return c.body(rows.length > 0 ? `${body}\n` : "", 200, {
      "content-type": "application/jsonl; charset=utf-8",
    });
  });
  app.get("/check", async (c) => c.json(await verifyAuditChain(deps.registry.db)));
  return app;
}
