import { Hono } from "hono";
import type { AppDeps } from "../deps";
import { apiError } from "../errors";
import type { ApiEnv } from "../http/env";
import { jsonBody, paging, requireUser } from "../http/helpers";
import { TokenCreateSchema } from "../schemas";
import { WebhookConfigureSchema } from "../webhooks/webhook-schemas";
import type { WebhookService } from "../webhooks/webhook-service";
import { webhookUrlAllowed } from "../webhooks/url-policy";

/**
 * Admins' API tokens for integrating apps: `POST /api/admin/tokens` `{name, scopes}` answers the
 * token once (only its SHA-256 is stored); `GET` lists them without values; `DELETE …/{id}` revokes.
 * Webhooks: `POST|GET|DELETE …/{id}/webhook` (URL; the signing secret is answered once),
 * `GET …/{id}/deliveries`, `POST …/{id}/deliveries/{deliveryId}/redeliver`.
 */
export function tokenRoutes(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use("*", async (c, next) => {
    const user = requireUser(c);
    if (user.scopes || (user.role !== "admin_satker" && user.role !== "super_admin"))
      throw apiError("FORBIDDEN");
    await next();
  });
  /** The caller's own live token `id` and the webhook service, or 404. */
  async function ownToken(userId: string, id: string): Promise<WebhookService> {
    const mine = await deps.tokens.list(userId);
    if (!deps.webhooks || !mine.some((t) => t.id === id)) throw apiError("NOT_FOUND");
    return deps.webhooks;
  }
  app.post("/", async (c) => {
    const body = await jsonBody(c, TokenCreateSchema);
    const created = await deps.tokens.create({
      userId: requireUser(c).id,
      name: body.name,
      scopes: body.scopes,
    });
    return c.json({ ...created, name: body.name, scopes: body.scopes }, 201);
  });
  app.get("/", async (c) => c.json(await deps.tokens.list(requireUser(c).id)));
  app.delete("/:id", async (c) => {
    if (!(await deps.tokens.revoke(requireUser(c).id, c.req.param("id")))) throw apiError("NOT_FOUND");
    return c.body(null, 204);
  });
  app.post("/:id/webhook", async (c) => {
    const webhooks = await ownToken(requireUser(c).id, c.req.param("id"));
    const { url } = await jsonBody(c, WebhookConfigureSchema);
    if (!webhookUrlAllowed(url, deps.webhookAllowHttp ?? false))
      throw apiError("WEBHOOK_URL_REFUSED", ["url"]);
    return c.json(await webhooks.configure(c.req.param("id"), url), 201);
  });
  app.get("/:id/webhook", async (c) => {
    const webhooks = await ownToken(requireUser(c).id, c.req.param("id"));
    const endpoint = await webhooks.endpoint(c.req.param("id"));
    if (!endpoint) throw apiError("NOT_FOUND");
    return c.json(endpoint);
  });
  app.delete("/:id/webhook", async (c) => {
    const webhooks = await ownToken(requireUser(c).id, c.req.param("id"));
    if (!(await webhooks.remove(c.req.param("id")))) throw apiError("NOT_FOUND");
    return c.body(null, 204);
  });
  app.get("/:id/deliveries", async (c) => {
    const webhooks = await ownToken(requireUser(c).id, c.req.param("id"));
    return c.json(await webhooks.list(c.req.param("id"), paging(c)));
  });
  app.post("/:id/deliveries/:deliveryId/redeliver", async (c) => {
    const webhooks = await ownToken(requireUser(c).id, c.req.param("id"));
    if (!(await webhooks.redeliver(c.req.param("id"), c.req.param("deliveryId"))))
      throw apiError("NOT_FOUND");
    return c.json({ status: "pending" }, 202);
  });
  return app;
}
