import { Hono } from "hono";
import { z } from "zod";
import type { SimulatorContext } from "../context";
import { fault } from "../faults";
import { checkPdf, decodePdf } from "../signing";
import { jsonBody } from "./json-body";
import { readForm } from "./sign-v1";

const V2Body = z.object({
  file: z.string().min(1),
  password: z.string().optional(),
  fileName: z.string().optional(),
});

/** Verify routes in BSrE's v1 (multipart `signed_file`) and v2 (JSON) shapes. */
export function verifyRoutes(ctx: SimulatorContext): Hono {
  const app = new Hono();
  app.post("/sign/verify", async (c) => {
    const form = await readForm(c.req.raw);
    const part = form.get("signed_file");
    if (!(part instanceof Blob)) throw fault.badRequest("signed_file wajib diisi");
    const pdf = checkPdf(ctx, new Uint8Array(await part.arrayBuffer()));
    if (!ctx.verifier) throw fault.notAvailable("Verifikasi belum tersedia di simulator ini");
    const name = part instanceof File ? part.name : "document.pdf";
    return c.json(await ctx.verifier.verifyV1(pdf, name));
  });
  app.post("/v2/verify/pdf", async (c) => {
    const body = await jsonBody(c.req.raw, V2Body);
    const pdf = decodePdf(ctx, body.file);
    if (!ctx.verifier) throw fault.notAvailable("Verifikasi belum tersedia di simulator ini");
    return c.json(await ctx.verifier.verifyV2(pdf, body.fileName ?? "document.pdf", body.password));
  });
  return app;
}
