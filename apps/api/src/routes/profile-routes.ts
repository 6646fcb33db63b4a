import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { changePassword, profileOf } from "../adapters/account-settings";
import type { AppDeps } from "../deps";
import type { ApiEnv } from "../http/env";
import { jsonBody, requireUser, unwrapResult } from "../http/helpers";
import { SESSION_COOKIE } from "../http/session";
import { PasswordChangeSchema } from "../schemas";

/** `GET /api/profile` and `POST /api/profile/password` (the user's own account). */
export function profileRoutes(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get("/", async (c) => c.json(unwrapResult(await profileOf(deps.registry, requireUser(c).id))));
  app.post("/password", async (c) => {
    const user = requireUser(c);
    const body = await jsonBody(c, PasswordChangeSchema);
    const result = unwrapResult(await changePassword(deps.registry, { userId: user.id, ...body }));
    await deps.sessions.destroyOthers(user.id, getCookie(c, SESSION_COOKIE));
    return c.json(result);
  });
  return app;
}
