import { Hono } from "hono";
import type { AppDeps } from "../deps";
import { apiError } from "../errors";
import type { ApiEnv } from "../http/env";
import { jsonBody, requireUser } from "../http/helpers";
import { TokenCreateSchema } from "../schemas";

/**
 * Admins' API tokens for integrating apps: `POST /api/admin/tokens` `{name, scopes}` answers the
 * token once (only its SHA-256 is stored); `GET` lists them without values; `DELETE …/{id}` revokes.
 */
export function tokenRoutes(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use("*", async (c, next) => {
    const user = requireUser(c);
    if (user.scopes || (user.role !== "admin_satker" && user.role !== "super_admin"))
      throw apiError("FORBIDDEN");
    await next();
  });
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
  return app;
}
