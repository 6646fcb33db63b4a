import type { MiddlewareHandler } from "hono";
import type { AppDeps } from "../deps";
import type { ApiEnv } from "../http/env";

/**
 * After a successful `POST /api/documents` by an API token, subscribes the new document to the
 * token's webhook (its completion, return or cancellation is then sent; see the dispatcher).
 */
export function webhookUploadHook(deps: AppDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    await next();
    const user = c.get("user");
    if (c.req.method !== "POST" || c.res.status !== 201 || !user?.tokenId || !deps.webhooks) return;
    const body = (await c.res.clone().json()) as { documentId?: unknown };
    if (typeof body.documentId === "string") await deps.webhooks.subscribe(body.documentId, user.tokenId);
  };
}
