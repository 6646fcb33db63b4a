import { Hono } from "hono";
import { z } from "zod";
import { fromB64, toB64 } from "../bytes";
import type { SimulatorContext } from "../context";
import { fault } from "../faults";
import type { StampRequest } from "../signer-port";
import { type SignJob, decodePdf, signJobs } from "../signing";
import { assertCanSign, issueSignTotp, unlockKey } from "../unlock";
import { findUser } from "../users";
import { jsonBody } from "./json-body";

const Identity = {
  nik: z
    .string()
    .regex(/^\d{16}$/)
    .optional(),
  email: z.email().optional(),
};

/** One `signatureProperties` entry (v2 sign and seal). */
export const Properties = z.object({
  tampilan: z
    .string()
    .transform((v) => v.toUpperCase())
    .pipe(z.enum(["VISIBLE", "INVISIBLE"])),
  imageBase64: z.string().optional(),
  page: z.coerce.number().int().positive().optional(),
  originX: z.coerce.number().nonnegative().optional(),
  originY: z.coerce.number().nonnegative().optional(),
  width: z.coerce.number().positive().optional(),
  height: z.coerce.number().positive().optional(),
  tag_koordinat: z.string().optional(),
  location: z.string().optional(),
  reason: z.string().optional(),
});

const SignBody = z
  .object({
    ...Identity,
    passphrase: z.string().min(1).optional(),
    totp: z.string().min(1).optional(),
    signatureProperties: z.array(Properties).min(1),
    file: z.array(z.string().min(1)).min(1),
  })
  .refine((b) => (b.nik === undefined) !== (b.email === undefined), { path: ["nik"] })
  .refine((b) => (b.passphrase === undefined) !== (b.totp === undefined), { path: ["passphrase"] })
  .refine((b) => b.signatureProperties.length === 1 || b.signatureProperties.length === b.file.length, {
    path: ["signatureProperties"],
  });

const TotpBody = z
  .object({ ...Identity, data: z.coerce.number().int().positive().max(100) })
  .refine((b) => (b.nik === undefined) !== (b.email === undefined), { path: ["nik"] });

/** The stamp of one v2 properties entry: image stamp at an anchor or at origin + size on a page. */
export function stampOf(p: z.output<typeof Properties>): StampRequest | undefined {
  if (p.tampilan === "INVISIBLE") return undefined;
  if (!p.imageBase64) throw fault.badRequest("imageBase64 wajib diisi untuk tampilan VISIBLE");
  let bytes: Uint8Array;
  try {
    bytes = fromB64(p.imageBase64);
  } catch {
    throw fault.badRequest("imageBase64 tidak valid");
  }
  const width = p.width ?? 120;
  const height = p.height ?? 60;
  const content = { kind: "image", bytes } as const;
  if (p.tag_koordinat)
    return { content, placement: { kind: "anchor", text: p.tag_koordinat, width, height } };
  if (p.originX === undefined || p.originY === undefined)
    throw fault.badRequest("originX dan originY wajib diisi tanpa tag_koordinat");
  return {
    content,
    placement: { kind: "rect", page: p.page ?? 1, x: p.originX, y: p.originY, width, height },
  };
}

/** The v2 sign routes: JSON with base64 files, passphrase or TOTP, by NIK or email. */
export function signV2Routes(ctx: SimulatorContext): Hono {
  const app = new Hono();
  app.post("/sign/pdf", async (c) => {
    const started = ctx.now().getTime();
    const body = await jsonBody(c.req.raw, SignBody);
    const pdfs = body.file.map((f) => decodePdf(ctx, f));
    const jobs: SignJob[] = pdfs.map((pdf, i) => {
      const p = (body.signatureProperties[i] ?? body.signatureProperties[0]) as z.output<typeof Properties>;
      const stamp = stampOf(p);
      return {
        pdf,
        ...(stamp ? { stamp } : {}),
        ...(p.reason ? { reason: p.reason } : {}),
        ...(p.location ? { location: p.location } : {}),
      };
    });
    const user = findUser(ctx, body);
    assertCanSign(ctx, user);
    const auth =
      body.passphrase !== undefined ? { passphrase: body.passphrase } : { totp: body.totp as string };
    const key = await unlockKey(ctx, user, auth, jobs.length);
    const signed = await signJobs(ctx, user, key, jobs);
    return c.json({ time: ctx.now().getTime() - started, file: signed.map(toB64) });
  });
  app.post("/sign/get/totp", async (c) => {
    const body = await jsonBody(c.req.raw, TotpBody);
    const user = findUser(ctx, body);
    assertCanSign(ctx, user);
    await issueSignTotp(ctx, user, body.data);
    return c.json({ message: "Kode TOTP telah dikirim ke email user" });
  });
  return app;
}
