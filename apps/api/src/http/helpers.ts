import type { Result } from "@teken/core";
import type { Context } from "hono";
import type { z } from "zod";
import { ApiError, apiError } from "../errors";
import type { ApiEnv, SessionUser } from "./env";

/** The logged-in user, or a 401 problem. */
export function requireUser(c: Context<ApiEnv>): SessionUser {
  const user = c.get("user");
  if (!user) throw apiError("UNAUTHENTICATED");
  return user;
}

/** The value of a registry/core result, or an `ApiError` carrying its issues. */
export function unwrapResult<T>(result: Result<T>): T {
  if (!result.ok) throw new ApiError(result.issues);
  return result.value;
}

/** Parses a JSON body against a schema; malformed JSON or a mismatch is INVALID_INPUT with paths. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw apiError("INVALID_INPUT");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ApiError(
      parsed.error.issues.map((i) => ({ code: "INVALID_INPUT", path: i.path.map((p) => String(p)) })),
    );
  }
  return parsed.data;
}

/** Parses a multipart body (the size limit is enforced upstream while streaming). */
export async function formBody(c: Context): Promise<FormData> {
  try {
    return await c.req.raw.formData();
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw apiError("INVALID_INPUT");
  }
}

/** A required text field of a form. */
export function textField(form: FormData, name: string): string {
  const v = form.get(name);
  if (typeof v !== "string") throw apiError("INVALID_INPUT", [name]);
  return v;
}

/** An optional text field of a form. */
export function optionalText(form: FormData, name: string): string | undefined {
  const v = form.get(name);
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** A file field of a form as bytes plus its name. */
export async function fileField(
  form: FormData,
  name: string,
): Promise<{ bytes: Uint8Array; fileName: string } | undefined> {
  const v = form.get(name);
  if (v === null || typeof v === "string") return undefined;
  return { bytes: new Uint8Array(await v.arrayBuffer()), fileName: v.name || name };
}

/** A required file field. */
export async function requiredFile(
  form: FormData,
  name: string,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const f = await fileField(form, name);
  if (!f) throw apiError("INVALID_INPUT", [name]);
  return f;
}

/** Reads `limit`/`offset` query parameters within bounds. */
export function paging(c: Context): { limit: number; offset: number } {
  const limit = Math.min(Math.max(Number(c.req.query("limit") ?? 50) || 50, 1), 200);
  const offset = Math.max(Number(c.req.query("offset") ?? 0) || 0, 0);
  return { limit, offset };
}

/** A PDF response. */
export function pdfResponse(
  bytes: Uint8Array,
  fileName: string,
  extra: Record<string, string> = {},
): Response {
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`,
      ...extra,
    },
  });
}
