import { Hono } from "hono";
import { fromB64, toB64 } from "../bytes";
import type { SimulatorContext } from "../context";
import { fault } from "../faults";
import type { StampRequest } from "../signer-port";
import { type SignJob, checkPdf, signJobs } from "../signing";
import { assertCanSign, unlockKey } from "../unlock";
import { findUser } from "../users";

/** Reads a multipart body; malformed multipart answers 400. */
export async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data"))
    throw fault.badRequest("Permintaan harus multipart/form-data");
  try {
    return await request.formData();
  } catch {
    throw fault.badRequest("Format multipart tidak valid");
  }
}

/** A text field, or undefined when absent or empty. */
export function text(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** A file field's bytes, or undefined. */
export async function file(form: FormData, name: string): Promise<Uint8Array | undefined> {
  const value = form.get(name);
  return value instanceof Blob ? new Uint8Array(await value.arrayBuffer()) : undefined;
}

/** A numeric field; a present but non-numeric value answers 400. */
function number(form: FormData, name: string): number | undefined {
  const raw = text(form, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw fault.badRequest(`Nilai ${name} tidak valid`);
  return value;
}

/** Builds the stamp from the v1 fields: `image` true -> imageTTD, false -> QR of linkQR; `tag_koordinat` or page + rectangle. */
async function stampOf(form: FormData): Promise<StampRequest | undefined> {
  const tampilan = (text(form, "tampilan") ?? "invisible").toLowerCase();
  if (tampilan === "invisible") return undefined;
  if (tampilan !== "visible") throw fault.badRequest("tampilan harus visible atau invisible");
  const useImage = (text(form, "image") ?? "false").toLowerCase() === "true";
  const image = useImage ? await file(form, "imageTTD") : undefined;
  const link = text(form, "linkQR");
  if (useImage && !image) throw fault.badRequest("imageTTD wajib diisi bila image=true");
  if (!useImage && !link) throw fault.badRequest("linkQR wajib diisi bila image=false");
  const content: StampRequest["content"] = image
    ? { kind: "image", bytes: image }
    : { kind: "qr", text: link as string };
  const width = number(form, "width") ?? (image ? 120 : 80);
  const height = number(form, "height") ?? (image ? 60 : 80);
  const anchor = text(form, "tag_koordinat");
  const label = text(form, "text");
  if (anchor)
    return {
      content,
      placement: { kind: "anchor", text: anchor, width, height },
      ...(label ? { text: label } : {}),
    };
  const page = pageOf(form);
  const x = number(form, "xAxis");
  const y = number(form, "yAxis");
  if (x === undefined || y === undefined)
    throw fault.badRequest("xAxis dan yAxis wajib diisi tanpa tag_koordinat");
  return {
    content,
    placement: { kind: "rect", page, x, y, width, height },
    ...(label ? { text: label } : {}),
  };
}

/** `page` (1-based) or `halaman` = pertama | terakhir; default the first page. */
function pageOf(form: FormData): number | "first" | "last" {
  const halaman = text(form, "halaman")?.toLowerCase();
  if (halaman === "pertama") return "first";
  if (halaman === "terakhir") return "last";
  if (halaman !== undefined) throw fault.badRequest("halaman harus pertama atau terakhir");
  const page = number(form, "page");
  if (page !== undefined && (!Number.isInteger(page) || page < 1)) throw fault.badRequest("page tidak valid");
  return page ?? "first";
}

/** Drops signed documents nobody downloaded within the retention time. */
function pruneDocuments(ctx: SimulatorContext): void {
  const oldest = ctx.now().getTime() - ctx.settings.downloadTtlMs;
  ctx.state.documents = ctx.state.documents.filter((d) => new Date(d.createdAt).getTime() > oldest);
}

/** The v1 sign and download routes (DOMAIN.md §4 v1). */
export function signV1Routes(ctx: SimulatorContext): Hono {
  const app = new Hono();
  app.post("/sign/pdf", async (c) => {
    const form = await readForm(c.req.raw);
    const pdf = await file(form, "file");
    if (!pdf) throw fault.badRequest("file wajib diisi");
    checkPdf(ctx, pdf);
    const nik = text(form, "nik");
    const passphrase = form.get("passphrase");
    if (!nik || !/^\d{16}$/.test(nik)) throw fault.badRequest("nik wajib 16 digit");
    if (typeof passphrase !== "string" || passphrase === "") throw fault.badRequest("passphrase wajib diisi");
    const stamp = await stampOf(form);
    const user = findUser(ctx, { nik });
    assertCanSign(ctx, user);
    const key = await unlockKey(ctx, user, { passphrase }, 1);
    const reason = text(form, "reason");
    const location = text(form, "location");
    const job: SignJob = {
      pdf,
      ...(stamp ? { stamp } : {}),
      ...(reason ? { reason } : {}),
      ...(location ? { location } : {}),
    };
    const [signed] = await signJobs(ctx, user, key, [job]);
    const id = ctx.crypto.randomUUID();
    pruneDocuments(ctx);
    ctx.state.documents.push({ id, pdf: toB64(signed as Uint8Array), createdAt: ctx.now().toISOString() });
    await ctx.save();
    return c.body(signed as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/pdf",
      id_dokumen: id,
    });
  });
  app.get("/sign/download/:id", async (c) => {
    const id = c.req.param("id");
    pruneDocuments(ctx);
    const doc = ctx.state.documents.find((d) => d.id === id);
    if (!doc) throw fault.notFound();
    ctx.state.documents = ctx.state.documents.filter((d) => d !== doc);
    await ctx.save();
    return c.body(fromB64(doc.pdf) as Uint8Array<ArrayBuffer>, 200, { "content-type": "application/pdf" });
  });
  return app;
}
