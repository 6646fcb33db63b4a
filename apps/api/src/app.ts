import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { routePath } from "hono/route";
import { secureHeaders } from "hono/secure-headers";
import type { AppDeps } from "./deps";
import { ApiError, apiError } from "./errors";
import type { ApiEnv } from "./http/env";
import { silentLogger } from "./http/logger";
import { Metrics } from "./http/metrics";
import { problem } from "./http/problem";
import { sessionMiddleware } from "./http/session";
import { adminRoutes } from "./routes/admin-routes";
import { documentRoutes } from "./routes/document-routes";
import { auditRoutes, opsRoutes } from "./routes/ops-routes";
import { profileRoutes } from "./routes/profile-routes";
import { tokenRoutes } from "./routes/token-routes";
import { registrationRoutes } from "./routes/registration-routes";
import { sessionRoutes } from "./routes/session-routes";
import { verifyRoutes } from "./routes/verify-routes";
import { totpAdminRoutes } from "./totp/totp-admin-routes";
import { webhookUploadHook } from "./webhooks/upload-hook";
import { webhookRoutes } from "./webhooks/webhook-routes";

/**
 * The Teken HTTP API as a Hono app: pure wiring of the routes over the given dependencies
 * (no environment, no I/O at construction).
 * @example const app = createApp(deps); const res = await app.request("/healthz");
 */
export function createApp(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const metrics = deps.metrics ?? new Metrics();
  const log = deps.logger ?? silentLogger;
  const withMetrics: AppDeps = { ...deps, metrics };

  app.use("*", async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    c.set("requestId", requestId);
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = routePath(c) || "unmatched";
    metrics.observe(c.req.method, route, c.res.status, seconds);
    c.res.headers.set("x-request-id", requestId);
    // Only method, route pattern, status and timing: never bodies, query strings or headers.
    log({
      level: "info",
      msg: "request",
      requestId,
      method: c.req.method,
      route,
      status: c.res.status,
      ms: Math.round(seconds * 1000),
    });
  });
  app.use("*", secureHeaders({ crossOriginResourcePolicy: "same-origin" }));
  app.use(
    "*",
    bodyLimit({
      maxSize: deps.maxUploadBytes ?? 20 * 1024 * 1024,
      onError: () => {
        throw apiError("PAYLOAD_TOO_LARGE");
      },
    }),
  );
  app.use("*", sessionMiddleware(deps));

  app.onError((err, c) => {
    if (err instanceof ApiError) {
      metrics.failure(err.code);
      return problem(c, err.issues);
    }
    if (err instanceof HTTPException && err.status < 500) {
      const code = err.status === 413 ? "PAYLOAD_TOO_LARGE" : "INVALID_INPUT";
      metrics.failure(code);
      return problem(c, [{ code, path: [] }], err.status);
    }
    metrics.failure("INTERNAL");
    log({
      level: "error",
      msg: "unhandled",
      requestId: c.get("requestId"),
      error: err.name,
      code: (err as { code?: string }).code,
    });
    return problem(c, [{ code: "INTERNAL", path: [] }]);
  });
  app.notFound((c) => problem(c, [{ code: "NOT_FOUND", path: [] }]));

  app.route("/", opsRoutes(withMetrics));
  app.route("/api/session", sessionRoutes(withMetrics));
  app.route("/api/profile", profileRoutes(withMetrics));
  app.route("/api/registrations", registrationRoutes(withMetrics));
  app.route("/api/admin/tokens", tokenRoutes(withMetrics));
  app.route("/api/admin/users", totpAdminRoutes(withMetrics));
  app.route("/api/admin", adminRoutes(withMetrics));
  app.route("/api/audit", auditRoutes(withMetrics));
  app.route("/api/webhooks", webhookRoutes(withMetrics));
  app.use("/api/documents", webhookUploadHook(withMetrics));
  app.route("/api", documentRoutes(withMetrics));
  app.route("/", verifyRoutes(withMetrics));
  deps.mount?.(app);
  return app;
}
