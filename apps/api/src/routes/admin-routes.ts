import {
  approveRegistration,
  correctEmail,
  downloadUpload,
  listRegistrationUploads,
  listVerificationQueue,
  rejectRegistration,
} from "@teken/registry";
import { Hono } from "hono";
import { unitStatistics } from "../adapters/statistics";
import type { AppDeps } from "../deps";
import { apiError } from "../errors";
import type { ApiEnv } from "../http/env";
import { CorrectEmailSchema, ReasonSchema } from "../schemas";
import { jsonBody, paging, requireUser, unwrapResult } from "../http/helpers";

const ALL_STATUSES = [
  "registered",
  "waiting_verification",
  "verified",
  "rejected",
  "corrected",
  "resubmitted",
  "suspended",
  "deactivated",
];

/**
 * Admin of a unit: verification queue (list, uploads, approve, reject with reason, correct the
 * email), the unit's users and statistics. The registry checks the actor's role and unit on every call.
 */
export function adminRoutes(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get("/registrations", async (c) => {
    const user = requireUser(c);
    const statuses = c.req.query("status")?.split(",").filter(Boolean);
    const search = c.req.query("search");
    const result = await listVerificationQueue(deps.registry, {
      actorId: user.id,
      ...(statuses && statuses.length > 0 ? { statuses } : {}),
      ...(search ? { search } : {}),
      ...paging(c),
    });
    return c.json(unwrapResult(result));
  });
  app.get("/registrations/:userId/uploads", async (c) => {
    const user = requireUser(c);
    const rows = unwrapResult(
      await listRegistrationUploads(deps.registry, { actorId: user.id, userId: c.req.param("userId") }),
    );
    return c.json(
      rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        fileName: r.fileName,
        mediaType: r.mediaType,
        size: r.size,
      })),
    );
  });
  app.get("/uploads/:uploadId", async (c) => {
    const user = requireUser(c);
    const file = unwrapResult(
      await downloadUpload(deps.registry, { actorId: user.id, uploadId: c.req.param("uploadId") }),
    );
    return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
      headers: { "content-type": file.mediaType },
    });
  });
  app.post("/registrations/:userId/approve", async (c) => {
    const user = requireUser(c);
    return c.json(
      unwrapResult(
        await approveRegistration(deps.registry, { actorId: user.id, userId: c.req.param("userId") }),
      ),
    );
  });
  app.post("/registrations/:userId/reject", async (c) => {
    const user = requireUser(c);
    const { reason } = await jsonBody(c, ReasonSchema);
    const result = await rejectRegistration(deps.registry, {
      actorId: user.id,
      userId: c.req.param("userId"),
      reason,
    });
    return c.json(unwrapResult(result));
  });
  app.post("/registrations/:userId/email", async (c) => {
    const user = requireUser(c);
    const body = await jsonBody(c, CorrectEmailSchema);
    const result = await correctEmail(deps.registry, {
      actorId: user.id,
      userId: c.req.param("userId"),
      ...body,
    });
    return c.json(unwrapResult(result));
  });
  app.get("/users", async (c) => {
    const user = requireUser(c);
    const result = await listVerificationQueue(deps.registry, {
      actorId: user.id,
      statuses: ALL_STATUSES,
      ...paging(c),
    });
    return c.json(unwrapResult(result));
  });
  app.get("/statistics", async (c) => {
    const user = requireUser(c);
    if (user.role !== "admin_satker" && user.role !== "super_admin") throw apiError("FORBIDDEN");
    return c.json(await unitStatistics(deps.registry.db, user.unitId));
  });
  return app;
}
