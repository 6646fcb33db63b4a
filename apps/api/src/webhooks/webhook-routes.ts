import { Hono } from "hono";
import type { AppDeps } from "../deps";
import { apiError } from "../errors";
import type { ApiEnv } from "../http/env";
import { paging, requireUser } from "../http/helpers";

/**
 * The integration's own view of its webhook deliveries, with its `upload` token:
 * `GET /api/webhooks/deliveries` and `POST /api/webhooks/deliveries/{id}/redeliver`.
 */
export function webhookRoutes(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const tokenOf = (user: ReturnType<typeof requireUser>): string => {
    if (!user.tokenId || !deps.webhooks) throw apiError("FORBIDDEN");
    return user.tokenId;
  };
  app.get("/deliveries", async (c) => {
    const tokenId = tokenOf(requireUser(c));
    return c.json(await deps.webhooks?.list(tokenId, paging(c)));
  });
  app.post("/deliveries/:id/redeliver", async (c) => {
    const tokenId = tokenOf(requireUser(c));
    if (!(await deps.webhooks?.redeliver(tokenId, c.req.param("id")))) throw apiError("NOT_FOUND");
    return c.json({ status: "pending" }, 202);
  });
  return app;
}
