import { Hono } from "hono";
import { z } from "zod";
import type { SimulatorContext } from "../context";
import type { UserRecord } from "../state";
import { createSeal } from "../seals";
import { approveUser, effectiveStatus, operatorTransition, registerUser, userById } from "../users";
import { jsonBody } from "./json-body";

/** A user as the operator sees it: no key material, no code hashes. */
function publicView(ctx: SimulatorContext, u: UserRecord) {
  return {
    id: u.id,
    nik: u.nik,
    email: u.email,
    nama: u.nama,
    nip: u.nip,
    status: effectiveStatus(ctx, u),
    storedStatus: u.status,
    approved: u.approved,
    serialNumber: u.serialNumber,
    notAfter: u.notAfter,
    lockedUntil: u.lockedUntil,
    pendingRenewal: u.pendingRenewal !== undefined,
    note: u.note,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

const CreateBody = z.object({
  nik: z.string().regex(/^\d{16}$/),
  email: z.email(),
  nama: z.string().min(1),
  nip: z.string().optional(),
});
const SealCreateBody = z.object({
  idSubscriber: z.string().regex(/^[\w.-]{1,100}$/),
  name: z.string().min(1),
  email: z.email(),
});
const NoteBody = z.object({ note: z.string().optional() });

/** Operator endpoints (their own Basic credentials): users, approvals, lifecycle, outbox. */
export function operatorRoutes(ctx: SimulatorContext): Hono {
  const app = new Hono();
  app.get("/users", (c) => c.json({ users: ctx.state.users.map((u) => publicView(ctx, u)) }));
  app.post("/users", async (c) => {
    const body = await jsonBody(c.req.raw, CreateBody);
    return c.json(publicView(ctx, await registerUser(ctx, body)), 201);
  });
  app.get("/users/:id", (c) => c.json(publicView(ctx, userById(ctx, c.req.param("id")))));
  app.post("/users/:id/approve", async (c) => {
    const user = userById(ctx, c.req.param("id"));
    await approveUser(ctx, user);
    return c.json(publicView(ctx, user));
  });
  for (const action of ["reject", "expire", "suspend", "unsuspend", "revoke"] as const) {
    app.post(`/users/:id/${action}`, async (c) => {
      const user = userById(ctx, c.req.param("id"));
      const raw = await c.req.text();
      const body =
        raw.trim() === ""
          ? {}
          : await jsonBody(new Request("http://x", { method: "POST", body: raw }), NoteBody);
      await operatorTransition(ctx, user, action, body.note);
      return c.json(publicView(ctx, user));
    });
  }
  app.get("/seals", (c) =>
    c.json({
      seals: (ctx.state.seals ?? []).map((s) => ({
        idSubscriber: s.idSubscriber,
        name: s.name,
        email: s.email,
        serialNumber: s.serialNumber,
        notAfter: s.notAfter,
        activated: s.activated,
      })),
    }),
  );
  app.post("/seals", async (c) => {
    const body = await jsonBody(c.req.raw, SealCreateBody);
    const seal = await createSeal(ctx, body);
    return c.json(
      {
        idSubscriber: seal.idSubscriber,
        name: seal.name,
        serialNumber: seal.serialNumber,
        activated: seal.activated,
      },
      201,
    );
  });
  app.get("/outbox", (c) => {
    const to = c.req.query("to")?.toLowerCase();
    const messages = ctx.state.outbox.filter((m) => to === undefined || m.to.toLowerCase() === to);
    return c.json({ messages });
  });
  app.delete("/outbox", async (c) => {
    ctx.state.outbox = [];
    await ctx.save();
    return c.json({ messages: [] });
  });
  return app;
}
