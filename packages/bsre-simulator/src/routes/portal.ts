import { Hono } from "hono";
import { z } from "zod";
import type { SimulatorContext } from "../context";
import { fault } from "../faults";
import { changePassphrase } from "../unlock";
import { findUser, requestRenewal, setPassphrase } from "../users";
import { jsonBody } from "./json-body";

const Identity = z
  .object({
    nik: z
      .string()
      .regex(/^\d{16}$/)
      .optional(),
    email: z.email().optional(),
  })
  .refine((b) => (b.nik === undefined) !== (b.email === undefined), { path: ["nik"] });

const SetBody = z.intersection(
  Identity,
  z.object({ activationCode: z.string().min(1), passphrase: z.string() }),
);
const ChangeBody = z.intersection(
  Identity,
  z.object({ oldPassphrase: z.string().min(1), newPassphrase: z.string() }),
);
const RenewBody = z.intersection(Identity, z.object({ newPassphrase: z.string() }));

/**
 * The user's own actions, done at BSrE's portal in real life (not through the agency API):
 * set the passphrase with the emailed activation code, change it, request a renewal.
 */
export function portalRoutes(ctx: SimulatorContext): Hono {
  const app = new Hono();
  const user = (identity: { nik?: string; email?: string }) => {
    const found = findUser(ctx, identity);
    if (!found) throw fault.notRegistered();
    return found;
  };
  app.post("/passphrase", async (c) => {
    const body = await jsonBody(c.req.raw, SetBody);
    const u = user(body);
    await setPassphrase(ctx, u, body.activationCode, body.passphrase);
    return c.json({ status: u.status, message: "Passphrase diatur, sertifikat diterbitkan" });
  });
  app.post("/passphrase/change", async (c) => {
    const body = await jsonBody(c.req.raw, ChangeBody);
    await changePassphrase(ctx, user(body), body.oldPassphrase, body.newPassphrase);
    return c.json({ message: "Passphrase diubah" });
  });
  app.post("/renewal", async (c) => {
    const body = await jsonBody(c.req.raw, RenewBody);
    const u = user(body);
    await requestRenewal(ctx, u, body.newPassphrase);
    return c.json({ status: u.status, message: "Permohonan pembaruan menunggu persetujuan" });
  });
  return app;
}
