import type { z } from "zod";
import { fault } from "../faults";

/** Parses a JSON body against `schema`; malformed JSON or a schema miss answers 400 naming the field. */
export async function jsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  let value: unknown;
  try {
    value = await request.json();
  } catch {
    throw fault.badRequest("Body JSON tidak valid");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw fault.badRequest(`Parameter tidak valid: ${first?.path.join(".") || "body"}`);
  }
  return parsed.data;
}
