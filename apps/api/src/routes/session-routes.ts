import { authenticate } from "@teken/registry";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMemoryThrottle } from "../adapters/throttle";
import type { AppDeps } from "../deps";
import { apiError } from "../errors";
import type { ApiEnv } from "../http/env";
import { jsonBody, requireUser } from "../http/helpers";
import { SESSION_COOKIE } from "../http/session";
import { LoginSchema } from "../schemas";

/** The client address for throttling: the socket address when the adapter gives it, else forwarded headers. */
function clientAddress(c: { req: { header(name: string): string | undefined } }): string {
  return c.req.header("x-forwarded-for")?.split(",")[0]?.trim() || c.req.header("x-real-ip") || "unknown";
}

/** `POST /api/session` (login), `DELETE /api/session` (logout), `GET /api/session` (who am I). */
export function sessionRoutes(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const throttles = deps.throttles ?? {
    account: createMemoryThrottle({ maxAttempts: 5 }),
    ip: createMemoryThrottle({ maxAttempts: 20 }),
  };
  app.post("/", async (c) => {
    const body = await jsonBody(c, LoginSchema);
    const accountKey = body.login.toLowerCase().replace(/\s/g, "");
    const ipKey = clientAddress(c);
    if ((await throttles.account.locked(accountKey)) || (await throttles.ip.locked(ipKey))) {
      throw apiError("TOO_MANY_ATTEMPTS");
    }
    const result = await authenticate(deps.registry, { login: body.login, password: body.password });
    if (!result.ok) {
      await throttles.account.fail(accountKey);
      await throttles.ip.fail(ipKey);
      throw apiError("UNAUTHENTICATED");
    }
    await throttles.account.reset(accountKey);
    const session = await deps.sessions.create(result.value.userId);
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      secure: deps.secureCookies ?? true,
      sameSite: "Strict",
      path: "/",
      expires: session.expiresAt,
    });
    return c.json({
      userId: result.value.userId,
      role: result.value.role,
      status: result.value.status,
      csrfToken: session.csrf,
    });
  });
  app.get("/", (c) => {
    const user = requireUser(c);
    return c.json({ userId: user.id, role: user.role, name: user.name, csrfToken: user.csrf });
  });
  app.delete("/", async (c) => {
    requireUser(c);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deps.sessions.destroy(token);
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure: deps.secureCookies ?? true });
    return c.body(null, 204);
  });
  return app;
}
