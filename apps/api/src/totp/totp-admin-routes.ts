import { tables } from "@teken/registry";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import type { AppDeps } from "../deps";
import { apiError } from "../errors";
import type { ApiEnv } from "../http/env";
import { requireUser } from "../http/helpers";

/**
 * `POST /api/admin/users/{userId}/totp/reset`: an admin of the user's unit (or a super admin)
 * turns off the TOTP of a user who lost the phone and the recovery codes; audited as
 * `account.totp_reset` with the admin as actor. API tokens may not.
 */
export function totpAdminRoutes(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.post("/:userId/totp/reset", async (c) => {
    const actor = requireUser(c);
    const userId = c.req.param("userId");
    if (actor.scopes || (actor.role !== "admin_satker" && actor.role !== "super_admin"))
      throw apiError("FORBIDDEN");
    const [target] = await deps.registry.db.select().from(tables.users).where(eq(tables.users.id, userId));
    if (!target) throw apiError("NOT_FOUND");
    if (actor.role !== "super_admin" && target.unitId !== actor.unitId) throw apiError("FORBIDDEN");
    if (!deps.totp) throw apiError("NOT_FOUND");
    await deps.totp.disable(userId, actor.id);
    return c.json({ enabled: false });
  });
  return app;
}
