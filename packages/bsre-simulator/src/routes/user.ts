import { Hono } from "hono";
import { z } from "zod";
import type { SimulatorContext } from "../context";
import { fault } from "../faults";
import type { UserRecord } from "../state";
import { effectiveStatus, findUser, registerUser } from "../users";
import { jsonBody } from "./json-body";
import { readForm, text } from "./sign-v1";

/**
 * v1 `status_code` of each status: 1111 (ISSUE) and 1110 (NOT_REGISTERED) are BSrE's; the
 * others are this simulator's choice (the real ones are not public).
 */
export const V1_STATUS_CODES: Readonly<Record<UserRecord["status"], number>> = {
  ISSUE: 1111,
  NOT_REGISTERED: 1110,
  NEW: 1112,
  WAITING_FOR_VERIFICATION: 1113,
  NO_CERTIFICATE: 1114,
  EXPIRED: 1115,
  RENEW: 1116,
  SUSPEND: 1117,
  REVOKE: 1118,
};

const MESSAGES: Readonly<Record<UserRecord["status"], string>> = {
  ISSUE: "Sertifikat aktif",
  NOT_REGISTERED: "User belum terdaftar",
  NEW: "User baru terdaftar",
  WAITING_FOR_VERIFICATION: "Menunggu verifikasi",
  NO_CERTIFICATE: "User belum memiliki sertifikat",
  EXPIRED: "Sertifikat kedaluwarsa",
  RENEW: "Pembaruan sertifikat sedang diproses",
  SUSPEND: "Sertifikat ditangguhkan",
  REVOKE: "Sertifikat telah dicabut",
};

const StatusBody = z
  .object({
    nik: z
      .string()
      .regex(/^\d{16}$/)
      .optional(),
    email: z.email().optional(),
  })
  .refine((b) => (b.nik === undefined) !== (b.email === undefined), { path: ["nik"] });

/** The status of an identity (NOT_REGISTERED when unknown). */
async function statusOf(ctx: SimulatorContext, identity: { nik?: string; email?: string }) {
  const user = findUser(ctx, identity);
  if (!user) return "NOT_REGISTERED" as const;
  const before = user.status;
  const status = effectiveStatus(ctx, user);
  if (user.status !== before) await ctx.save();
  return status;
}

/** User status (v1 + v2) and registration routes. */
export function userRoutes(ctx: SimulatorContext): Hono {
  const app = new Hono();
  app.get("/user/status/:nik", async (c) => {
    const nik = c.req.param("nik");
    if (!/^\d{16}$/.test(nik)) throw fault.badRequest("nik wajib 16 digit");
    const status = await statusOf(ctx, { nik });
    return c.json({ status_code: V1_STATUS_CODES[status], status, message: MESSAGES[status] });
  });
  app.post("/v2/user/check/status", async (c) => {
    const body = await jsonBody(c.req.raw, StatusBody);
    const status = await statusOf(ctx, body);
    return c.json({ status, message: MESSAGES[status] });
  });
  app.post("/user/registrasi", async (c) => {
    const form = await readForm(c.req.raw);
    const nik = text(form, "nik");
    const email = text(form, "email");
    const nama = text(form, "nama");
    if (!nik || !/^\d{16}$/.test(nik)) throw fault.badRequest("nik wajib 16 digit");
    if (!email || !z.email().safeParse(email).success) throw fault.badRequest("email tidak valid");
    if (!nama) throw fault.badRequest("nama wajib diisi");
    const optional = (name: string) => text(form, name);
    const nip = optional("nip");
    const jabatan = optional("jabatan");
    const unitKerja = optional("unit_kerja");
    const user = await registerUser(ctx, {
      nik,
      email,
      nama,
      ...(nip ? { nip } : {}),
      ...(jabatan ? { jabatan } : {}),
      ...(unitKerja ? { unitKerja } : {}),
    });
    return c.json({ status: user.status, message: "Registrasi berhasil, menunggu verifikasi" });
  });
  return app;
}
