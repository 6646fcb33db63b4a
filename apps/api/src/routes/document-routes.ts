import {
  cancelDocument,
  createDocument,
  downloadRevision,
  listInbox,
  listRevisions,
  listSignedDocuments,
  parafStep,
  returnDocument,
  signStep,
} from "@teken/registry";
import { Hono } from "hono";
import type { z } from "zod";
import type { AppDeps } from "../deps";
import { apiError } from "../errors";
import type { ApiEnv } from "../http/env";
import { CancelSchema, NoteSchema, SignSchema, StepsSchema } from "../schemas";
import { checkSigningTotp } from "../totp/signing-totp";
import {
  formBody,
  jsonBody,
  paging,
  pdfResponse,
  requireUser,
  requiredFile,
  textField,
  unwrapResult,
} from "../http/helpers";

const IDEMPOTENCY_KEY = /^[\w-]{8,128}$/;

function parseSteps(raw: string): z.output<typeof StepsSchema> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw apiError("INVALID_INPUT", ["steps"]);
  }
  const parsed = StepsSchema.safeParse(json);
  if (!parsed.success) throw apiError("INVALID_INPUT", ["steps"]);
  return parsed.data;
}

/**
 * Documents (DOMAIN.md §3): upload with ordered steps, inbox, paraf, sign (passphrase [+ TOTP],
 * `Idempotency-Key` header required), return, cancel, signed list, revisions and downloads.
 */
export function documentRoutes(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.post("/documents", async (c) => {
    const user = requireUser(c);
    const form = await formBody(c);
    const file = await requiredFile(form, "file");
    const anchor = form.get("anchor");
    const steps = parseSteps(textField(form, "steps"));
    const result = await createDocument(deps.registry, {
      actorId: user.id,
      pdf: file.bytes,
      jenis: textField(form, "jenis"),
      perihal: textField(form, "perihal"),
      paperSize: typeof form.get("paperSize") === "string" ? String(form.get("paperSize")) : "A4",
      ...(typeof anchor === "string" && anchor !== "" ? { anchor } : {}),
      steps,
    });
    return c.json(unwrapResult(result), 201);
  });
  app.get("/inbox", async (c) => {
    const user = requireUser(c);
    return c.json(unwrapResult(await listInbox(deps.registry, { actorId: user.id, ...paging(c) })));
  });
  app.get("/documents/signed", async (c) => {
    const user = requireUser(c);
    return c.json(unwrapResult(await listSignedDocuments(deps.registry, { actorId: user.id, ...paging(c) })));
  });
  app.post("/documents/:id/sign", async (c) => {
    const user = requireUser(c);
    const key = c.req.header("idempotency-key");
    if (!key || !IDEMPOTENCY_KEY.test(key)) throw apiError("INVALID_INPUT", ["Idempotency-Key"]);
    const body = await jsonBody(c, SignSchema);
    // TOTP-enabled signers: the code is checked here against the enrolled secret (TOTP_INVALID).
    await checkSigningTotp(deps, user.id, body.totp, key);
    const result = await signStep(deps.registry, {
      actorId: user.id,
      documentId: c.req.param("id"),
      passphrase: body.passphrase,
      ...(body.totp ? { totp: body.totp } : {}),
      idempotencyKey: key,
    });
    const value = unwrapResult(result);
    deps.metrics?.signature();
    return c.json(value);
  });
  app.post("/documents/:id/paraf", async (c) => {
    const user = requireUser(c);
    return c.json(
      unwrapResult(await parafStep(deps.registry, { actorId: user.id, documentId: c.req.param("id") })),
    );
  });
  app.post("/documents/:id/return", async (c) => {
    const user = requireUser(c);
    const { note } = await jsonBody(c, NoteSchema);
    return c.json(
      unwrapResult(
        await returnDocument(deps.registry, { actorId: user.id, documentId: c.req.param("id"), note }),
      ),
    );
  });
  app.post("/documents/:id/cancel", async (c) => {
    const user = requireUser(c);
    const { reason } = await jsonBody(c, CancelSchema);
    const result = await cancelDocument(deps.registry, {
      actorId: user.id,
      documentId: c.req.param("id"),
      ...(reason ? { reason } : {}),
    });
    return c.json(unwrapResult(result));
  });
  app.get("/documents/:id/revisions", async (c) => {
    const user = requireUser(c);
    const rows = unwrapResult(
      await listRevisions(deps.registry, { actorId: user.id, documentId: c.req.param("id") }),
    );
    return c.json(
      rows.map((r) => ({
        number: r.number,
        sha256: r.blobHash,
        size: r.size,
        reason: r.reason,
        createdAt: r.createdAt,
      })),
    );
  });
  app.get("/documents/:id/revisions/:number", async (c) => {
    const user = requireUser(c);
    const raw = c.req.param("number");
    const number = raw === "latest" ? undefined : Number(raw);
    if (number !== undefined && !(Number.isInteger(number) && number > 0))
      throw apiError("INVALID_INPUT", ["number"]);
    const rev = unwrapResult(
      await downloadRevision(deps.registry, {
        actorId: user.id,
        documentId: c.req.param("id"),
        ...(number !== undefined ? { number } : {}),
      }),
    );
    return pdfResponse(rev.bytes, `${c.req.param("id")}-r${rev.number}.pdf`, {
      "x-revision": String(rev.number),
      etag: `"${rev.sha256}"`,
    });
  });
  return app;
}
