import { tables } from "@teken/registry";
import { eq } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { AppDeps } from "../deps";
import { apiError } from "../errors";
import type { ApiEnv } from "./env";

/** Name of the session cookie (HttpOnly). */
export const SESSION_COOKIE = "teken_session";
/** Header carrying the session's CSRF token on unsafe methods. */
export const CSRF_HEADER = "x-csrf-token";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Loads the session user from the cookie and guards unsafe methods against CSRF: a request
 * with a session must echo its CSRF token in `X-CSRF-Token` (a cross-site form cannot read it),
 * and a browser `Origin` must match the request's host (OWASP CSRF cheat sheet).
 */
export function sessionMiddleware(deps: AppDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    c.set("user", undefined);
    const unsafe = !SAFE.has(c.req.method);
    const origin = c.req.header("origin");
    if (unsafe && origin && origin !== "null") {
      const host = c.req.header("host") ?? new URL(c.req.url).host;
      if (!URL.canParse(origin) || new URL(origin).host !== host) throw apiError("CSRF_REJECTED");
    }
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const session = await deps.sessions.find(token);
      if (session) {
        const [user] = await deps.registry.db
          .select()
          .from(tables.users)
          .where(eq(tables.users.id, session.userId));
        if (user) {
          if (unsafe && c.req.header(CSRF_HEADER) !== session.csrf) throw apiError("CSRF_REJECTED");
          c.set("user", {
            id: user.id,
            role: user.role,
            unitId: user.unitId,
            name: user.name,
            csrf: session.csrf,
          });
        }
      }
    }
    await next();
  };
}
