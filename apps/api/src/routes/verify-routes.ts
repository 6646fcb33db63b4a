import { fromBase64 } from "@teken/bsre-client";
import { toBsreV1, toBsreV2 } from "@teken/pades";
import { downloadPublicDocument, lookupByToken } from "@teken/registry";
import { Hono } from "hono";
import { V2VerifySchema } from "../schemas";
import type { AppDeps } from "../deps";
import { apiError } from "../errors";
import type { ApiEnv } from "../http/env";
import { formBody, jsonBody, pdfResponse, requiredFile, unwrapResult } from "../http/helpers";
import { langOf } from "../http/problem";

/**
 * Public verification: `POST /verify` (multipart `file` -> @teken/pades report), `GET /v/{token}`
 * (metadata + report of the current revision), `GET /v/{token}/pdf` (the signed file), and the
 * BSrE-compatible `POST /api/sign/verify` (v1, multipart `signed_file`) and `POST /api/v2/verify/pdf`.
 */
export function verifyRoutes(deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.post("/verify", async (c) => {
    const file = await requiredFile(await formBody(c), "file");
    return c.json({ fileName: file.fileName, report: await deps.verifyPdf(file.bytes) });
  });
  app.get("/v/:token", async (c) => {
    const doc = unwrapResult(await lookupByToken(deps.registry, { token: c.req.param("token") }));
    if (doc.status !== "completed") return c.json({ document: doc, report: null });
    const pdf = unwrapResult(await downloadPublicDocument(deps.registry, { token: c.req.param("token") }));
    return c.json({
      document: doc,
      download: `/v/${encodeURIComponent(c.req.param("token"))}/pdf`,
      report: await deps.verifyPdf(pdf),
    });
  });
  app.get("/v/:token/pdf", async (c) => {
    const pdf = unwrapResult(await downloadPublicDocument(deps.registry, { token: c.req.param("token") }));
    return pdfResponse(pdf, "dokumen.pdf");
  });
  app.post("/api/sign/verify", async (c) => {
    const file = await requiredFile(await formBody(c), "signed_file");
    return c.json(toBsreV1(await deps.verifyPdf(file.bytes), file.fileName, langOf(c)));
  });
  app.post("/api/v2/verify/pdf", async (c) => {
    const body = await jsonBody(c, V2VerifySchema);
    let bytes: Uint8Array;
    try {
      bytes = fromBase64(body.file);
    } catch {
      throw apiError("INVALID_INPUT", ["file"]);
    }
    return c.json(toBsreV2(await deps.verifyPdf(bytes), "document.pdf", langOf(c)));
  });
  return app;
}
