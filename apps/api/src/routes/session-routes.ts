import { authenticate, tables } from "@teken/registry";
import { eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMemoryThrottle } from "../adapters/throttle";
import type { AppDeps } from "../deps";
import { apiError } from "../errors";
import { clientAddress } from "../http/client-address";
import type { ApiEnv } from "../http/env";
import { jsonBody, requireUser } from "../http/helpers";
import { SESSION_COOKIE } from "../http/session";
import { LoginSchema } from "../schemas";
import { LoginTotpSchema } from "../totp/totp-schemas";

/**
 * `POST /api/session` (login), `POST /api/session/totp` (second step when TOTP is enabled),
 * `DELETE /api/session` (logout), `GET /api/session` (who am I).
 */
export function sessionRoutes(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const throttles = deps.throttles ?? {
    account: createMemoryThrottle({ maxAttempts: 5 }),
    ip: createMemoryThrottle({ maxAttempts: 20 }),
  };
  const addressOf = (c: Context<ApiEnv>) => clientAddress(c, deps.trustProxy);

  async function openSession(c: Context<ApiEnv>, userId: string, accountKey: string) {
    await throttles.account.reset(accountKey);
    const [user] = await deps.registry.db.select().from(tables.users).where(eq(tables.users.id, userId));
    if (!user) throw apiError("UNAUTHENTICATED");
    const session = await deps.sessions.create(userId);
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      secure: deps.secureCookies ?? true,
      sameSite: "Strict",
      path: "/",
      expires: session.expiresAt,
    });
    return c.json({ userId, role: user.role, status: user.status, csrfToken: session.csrf });
  }

  app.post("/", async (c) => {
    const body = await jsonBody(c, LoginSchema);
    const accountKey = body.login.toLowerCase().replace(/\s/g, "");
    const ipKey = addressOf(c);
    if ((await throttles.account.locked(accountKey)) || (await throttles.ip.locked(ipKey))) {
      throw apiError("TOO_MANY_ATTEMPTS");
    }
    const result = await authenticate(deps.registry, { login: body.login, password: body.password });
    if (!result.ok) {
      await throttles.account.fail(accountKey);
      await throttles.ip.fail(ipKey);
      throw apiError("UNAUTHENTICATED");
    }
    const userId = result.value.userId;
    const [user] = await deps.registry.db
      .select({ totpEnabled: tables.users.totpEnabled })
      .from(tables.users)
      .where(eq(tables.users.id, userId));
    if (user?.totpEnabled) {
      // The password was right; the session waits for the second factor (no cookie yet).
      if (!deps.totp) throw apiError("INTERNAL");
      const challenge = await deps.totp.createChallenge({ userId, accountKey });
      return c.json({ totpRequired: true, challenge });
    }
    return openSession(c, userId, accountKey);
  });
  app.post("/totp", async (c) => {
    const body = await jsonBody(c, LoginTotpSchema);
    const ipKey = addressOf(c);
    if (await throttles.ip.locked(ipKey)) throw apiError("TOO_MANY_ATTEMPTS");
    const challenge = deps.totp ? await deps.totp.findChallenge(body.challenge) : undefined;
    if (!deps.totp || !challenge) {
      await throttles.ip.fail(ipKey);
      throw apiError("UNAUTHENTICATED");
    }
    if (await throttles.account.locked(challenge.accountKey)) throw apiError("TOO_MANY_ATTEMPTS");
    if (!(await deps.totp.check(challenge.userId, body.code))) {
      await throttles.account.fail(challenge.accountKey);
      await throttles.ip.fail(ipKey);
      throw apiError("TOTP_INVALID", ["code"]);
    }
    await deps.totp.dropChallenge(body.challenge);
    return openSession(c, challenge.userId, challenge.accountKey);
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
