import { tables, verifyPassword } from "@teken/registry";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { changePassword, profileOf } from "../adapters/account-settings";
import type { AppDeps } from "../deps";
import { apiError } from "../errors";
import type { ApiEnv } from "../http/env";
import { jsonBody, requireUser, unwrapResult } from "../http/helpers";
import { SESSION_COOKIE } from "../http/session";
import { PasswordChangeSchema } from "../schemas";
import { TotpConfirmSchema, TotpDisableSchema, TotpRegenerateSchema } from "../totp/totp-schemas";
import type { TotpService } from "../totp/totp-service";
import { qrSvg } from "@teken/pades";

/**
 * `GET /api/profile`, `POST /api/profile/password` and TOTP enrolment (the user's own account):
 * `GET|POST /api/profile/totp` (status | start: secret + otpauth URI), `POST …/totp/confirm`
 * (first code -> recovery codes, shown once), `POST …/totp/disable` (password + code),
 * `POST …/totp/recovery-codes` (code -> new recovery codes).
 */
export function profileRoutes(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const totp = (): TotpService => {
    if (!deps.totp) throw apiError("NOT_FOUND");
    return deps.totp;
  };
  const throttleKey = (userId: string) => `totp-profile:${userId}`;
  /** A wrong code here counts against the account like a wrong login code. */
  async function requireCode(userId: string, code: string): Promise<void> {
    const throttle = deps.throttles?.account;
    if (throttle && (await throttle.locked(throttleKey(userId)))) throw apiError("TOO_MANY_ATTEMPTS");
    if (!(await totp().check(userId, code))) {
      await throttle?.fail(throttleKey(userId));
      throw apiError("TOTP_INVALID", ["code"]);
    }
    await throttle?.reset(throttleKey(userId));
  }

  app.get("/", async (c) => c.json(unwrapResult(await profileOf(deps.registry, requireUser(c).id))));
  app.post("/password", async (c) => {
    const user = requireUser(c);
    const body = await jsonBody(c, PasswordChangeSchema);
    const result = unwrapResult(await changePassword(deps.registry, { userId: user.id, ...body }));
    await deps.sessions.destroyOthers(user.id, getCookie(c, SESSION_COOKIE));
    return c.json(result);
  });
  app.get("/totp", async (c) => c.json(await totp().status(requireUser(c).id)));
  app.post("/totp", async (c) => {
    const user = requireUser(c);
    const [row] = await deps.registry.db.select().from(tables.users).where(eq(tables.users.id, user.id));
    if (!row) throw apiError("UNAUTHENTICATED");
    const started = await totp().begin(user.id, row.nip ?? row.email);
    return c.json(
      {
        secret: started.secret,
        uri: started.uri,
        // The URI as a QR code for the authenticator app to scan (SVG; the page shows it inline).
        qrSvg: qrSvg(started.uri),
        digits: 6,
        period: 30,
        algorithm: "SHA1",
      },
      201,
    );
  });
  app.post("/totp/confirm", async (c) => {
    const user = requireUser(c);
    const { code } = await jsonBody(c, TotpConfirmSchema);
    const throttle = deps.throttles?.account;
    if (throttle && (await throttle.locked(throttleKey(user.id)))) throw apiError("TOO_MANY_ATTEMPTS");
    try {
      return c.json({ enabled: true, recoveryCodes: await totp().confirm(user.id, code) });
    } catch (e) {
      if ((e as { code?: string }).code === "TOTP_INVALID") await throttle?.fail(throttleKey(user.id));
      throw e;
    }
  });
  app.post("/totp/disable", async (c) => {
    const user = requireUser(c);
    const body = await jsonBody(c, TotpDisableSchema);
    const [row] = await deps.registry.db.select().from(tables.users).where(eq(tables.users.id, user.id));
    if (!row || !(await verifyPassword(body.password, row.passwordHash)))
      throw apiError("FORBIDDEN", ["password"]);
    if (!(await totp().status(user.id)).enabled) throw apiError("NOT_FOUND");
    await requireCode(user.id, body.code);
    await totp().disable(user.id);
    return c.json({ enabled: false });
  });
  app.post("/totp/recovery-codes", async (c) => {
    const user = requireUser(c);
    const { code } = await jsonBody(c, TotpRegenerateSchema);
    await requireCode(user.id, code);
    return c.json({ recoveryCodes: await totp().regenerate(user.id) });
  });
  return app;
}
