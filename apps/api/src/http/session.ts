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

/** What each token scope allows (method + path); a token caller may do nothing else that needs a user. */
const SCOPE_ROUTES: Readonly<Record<string, readonly [string, RegExp][]>> = {
  upload: [
    ["POST", /^\/api\/documents$/],
    ["GET", /^\/api\/webhooks\/deliveries$/],
    ["POST", /^\/api\/webhooks\/deliveries\/[^/]+\/redeliver$/],
  ],
  read: [
    ["GET", /^\/api\/documents\/signed$/],
    ["GET", /^\/api\/documents\/[^/]+\/revisions(\/[^/]+)?$/],
  ],
  verify: [
    ["POST", /^\/verify$/],
    ["POST", /^\/api\/sign\/verify$/],
    ["POST", /^\/api\/v2\/verify\/pdf$/],
  ],
};

/** True when one of the scopes allows this request. */
export function scopeAllows(scopes: readonly string[], method: string, path: string): boolean {
  return scopes.some((scope) => (SCOPE_ROUTES[scope] ?? []).some(([m, re]) => m === method && re.test(path)));
}

async function loadUser(deps: AppDeps, userId: string) {
  const [user] = await deps.registry.db.select().from(tables.users).where(eq(tables.users.id, userId));
  return user;
}

/**
 * Loads the session user from the cookie and guards unsafe methods against CSRF: a request
 * with a session must echo its CSRF token in `X-CSRF-Token` (a cross-site form cannot read it),
 * and a browser `Origin` must match the request's host (OWASP CSRF cheat sheet). An
 * `Authorization: Bearer` API token acts as the admin who created it, within its scopes.
 */
export function sessionMiddleware(deps: AppDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    c.set("user", undefined);
    const bearer = c.req.header("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer) {
      // Token callers send no cookie, so CSRF does not apply; the scope decides what they may do.
      const token = await deps.tokens.find(bearer);
      const user = token ? await loadUser(deps, token.userId) : undefined;
      if (!token || !user || user.status !== "verified") throw apiError("UNAUTHENTICATED");
      if (!scopeAllows(token.scopes, c.req.method, c.req.path)) throw apiError("FORBIDDEN");
      c.set("user", {
        id: user.id,
        role: user.role,
        unitId: user.unitId,
        name: user.name,
        csrf: "",
        scopes: token.scopes,
        tokenId: token.id,
      });
      return next();
    }
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
