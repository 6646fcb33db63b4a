import { Hono } from "hono";
import { z } from "zod";
import { toB64 } from "../bytes";
import type { SimulatorContext } from "../context";
import {
  findSeal,
  issueSealTotp,
  requestActivation,
  revokeActivation,
  sealSigner,
  unlockSeal,
} from "../seals";
import { type SignJob, decodePdf, signJobs } from "../signing";
import { jsonBody } from "./json-body";
import { Properties, stampOf } from "./sign-v2";

const Subscriber = z.object({ idSubscriber: z.string().regex(/^[\w.-]{1,100}$/) });
const WithTotp = Subscriber.extend({ totp: z.string().min(1) });
const SealBody = WithTotp.extend({
  signatureProperties: z.array(Properties).min(1),
  file: z.array(z.string().min(1)).min(1),
}).refine((b) => b.signatureProperties.length === 1 || b.signatureProperties.length === b.file.length, {
  path: ["signatureProperties"],
});

/** The v2 seal routes (see seals.ts for the simulator's reading of them). */
export function sealRoutes(ctx: SimulatorContext): Hono {
  const app = new Hono();
  app.post("/get/activation", async (c) => {
    const body = await jsonBody(c.req.raw, Subscriber);
    await requestActivation(ctx, findSeal(ctx, body.idSubscriber));
    return c.json({ message: "Kode aktivasi telah dikirim ke email subscriber" });
  });
  app.post("/get/totp", async (c) => {
    const body = await jsonBody(c.req.raw, WithTotp);
    await issueSealTotp(ctx, findSeal(ctx, body.idSubscriber), body.totp);
    return c.json({ message: "TOTP seal telah dikirim ke email subscriber" });
  });
  app.post("/revoke/activation", async (c) => {
    const body = await jsonBody(c.req.raw, WithTotp);
    await revokeActivation(ctx, findSeal(ctx, body.idSubscriber), body.totp);
    return c.json({ message: "Aktivasi seal dicabut" });
  });
  app.post("/pdf", async (c) => {
    const started = ctx.now().getTime();
    const body = await jsonBody(c.req.raw, SealBody);
    const jobs: SignJob[] = body.file.map((f, i) => {
      const p = (body.signatureProperties[i] ?? body.signatureProperties[0]) as z.output<typeof Properties>;
      const stamp = stampOf(p);
      return {
        pdf: decodePdf(ctx, f),
        ...(stamp ? { stamp } : {}),
        ...(p.reason ? { reason: p.reason } : {}),
        ...(p.location ? { location: p.location } : {}),
      };
    });
    const seal = findSeal(ctx, body.idSubscriber);
    const key = await unlockSeal(ctx, seal, body.totp);
    const signed = await signJobs(ctx, sealSigner(seal), key, jobs);
    return c.json({ time: ctx.now().getTime() - started, file: signed.map(toB64) });
  });
  return app;
}
