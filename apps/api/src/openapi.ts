import { z } from "zod";
import * as s from "./schemas";
import * as totp from "./totp/totp-schemas";
import * as webhook from "./webhooks/webhook-schemas";

type Body = { readonly json: z.ZodType } | { readonly multipart: z.ZodType } | undefined;

/** One documented operation. */
export interface Operation {
  readonly method: "get" | "post" | "delete";
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly auth: "none" | "session";
  readonly body?: Body;
  readonly produces?: "application/json" | "application/pdf" | "application/jsonl" | "text/plain";
  readonly idempotencyKey?: boolean;
}

/** Every operation of the API (a test checks it against the app's registered routes). */
export const operations: readonly Operation[] = [
  { method: "get", path: "/healthz", summary: "Liveness", tag: "operations", auth: "none" },
  { method: "get", path: "/readyz", summary: "Readiness (database, BSrE)", tag: "operations", auth: "none" },
  {
    method: "get",
    path: "/metrics",
    summary: "Prometheus metrics",
    tag: "operations",
    auth: "none",
    produces: "text/plain",
  },
  { method: "get", path: "/openapi.json", summary: "This document", tag: "operations", auth: "none" },
  {
    method: "get",
    path: "/docs",
    summary: "API documentation page",
    tag: "operations",
    auth: "none",
    produces: "text/plain",
  },
  {
    method: "post",
    path: "/api/session",
    summary: "Log in (NIP or admin email)",
    tag: "sessions",
    auth: "none",
    body: { json: s.LoginSchema },
  },
  {
    method: "post",
    path: "/api/session/totp",
    summary: "Second login step when TOTP is enabled: challenge + TOTP or recovery code",
    tag: "sessions",
    auth: "none",
    body: { json: totp.LoginTotpSchema },
  },
  { method: "get", path: "/api/session", summary: "Current session", tag: "sessions", auth: "session" },
  { method: "delete", path: "/api/session", summary: "Log out", tag: "sessions", auth: "session" },
  {
    method: "post",
    path: "/api/registrations",
    summary: "Register (fields + KTP, recommendation, specimen)",
    tag: "registration",
    auth: "none",
    body: { multipart: s.RegistrationForm },
  },
  {
    method: "post",
    path: "/api/registrations/resubmit",
    summary: "Resubmit after a rejection",
    tag: "registration",
    auth: "session",
    body: { multipart: s.ResubmitForm },
  },
  {
    method: "get",
    path: "/api/registrations/me",
    summary: "My registration history",
    tag: "registration",
    auth: "session",
  },
  {
    method: "post",
    path: "/api/admin/tokens",
    summary: "Create an API token (shown once)",
    tag: "tokens",
    auth: "session",
    body: { json: s.TokenCreateSchema },
  },
  {
    method: "get",
    path: "/api/admin/tokens",
    summary: "My API tokens (no values)",
    tag: "tokens",
    auth: "session",
  },
  {
    method: "delete",
    path: "/api/admin/tokens/{id}",
    summary: "Revoke an API token",
    tag: "tokens",
    auth: "session",
  },
  {
    method: "post",
    path: "/api/admin/tokens/{id}/webhook",
    summary: "Set the token's webhook URL (signing secret shown once)",
    tag: "tokens",
    auth: "session",
    body: { json: webhook.WebhookConfigureSchema },
  },
  {
    method: "get",
    path: "/api/admin/tokens/{id}/webhook",
    summary: "The token's webhook URL",
    tag: "tokens",
    auth: "session",
  },
  {
    method: "delete",
    path: "/api/admin/tokens/{id}/webhook",
    summary: "Remove the token's webhook",
    tag: "tokens",
    auth: "session",
  },
  {
    method: "get",
    path: "/api/admin/tokens/{id}/deliveries",
    summary: "Webhook deliveries of the token (newest first)",
    tag: "tokens",
    auth: "session",
  },
  {
    method: "post",
    path: "/api/admin/tokens/{id}/deliveries/{deliveryId}/redeliver",
    summary: "Send a webhook delivery again",
    tag: "tokens",
    auth: "session",
  },
  {
    method: "get",
    path: "/api/webhooks/deliveries",
    summary: "My webhook deliveries (API token with upload scope)",
    tag: "tokens",
    auth: "session",
  },
  {
    method: "post",
    path: "/api/webhooks/deliveries/{id}/redeliver",
    summary: "Send one of my webhook deliveries again (API token with upload scope)",
    tag: "tokens",
    auth: "session",
  },
  {
    method: "get",
    path: "/api/profile/totp",
    summary: "My TOTP status (enabled, pending, recovery codes left)",
    tag: "profile",
    auth: "session",
  },
  {
    method: "post",
    path: "/api/profile/totp",
    summary: "Start TOTP enrolment: secret + otpauth:// provisioning URI + its QR code (SVG)",
    tag: "profile",
    auth: "session",
  },
  {
    method: "post",
    path: "/api/profile/totp/confirm",
    summary: "Confirm enrolment with a first code -> recovery codes (shown once)",
    tag: "profile",
    auth: "session",
    body: { json: totp.TotpConfirmSchema },
  },
  {
    method: "post",
    path: "/api/profile/totp/disable",
    summary: "Turn TOTP off (password + code)",
    tag: "profile",
    auth: "session",
    body: { json: totp.TotpDisableSchema },
  },
  {
    method: "post",
    path: "/api/profile/totp/recovery-codes",
    summary: "New recovery codes (code required; old ones stop working)",
    tag: "profile",
    auth: "session",
    body: { json: totp.TotpRegenerateSchema },
  },
  {
    method: "get",
    path: "/api/profile",
    summary: "My profile, unit and certificate status",
    tag: "profile",
    auth: "session",
  },
  {
    method: "post",
    path: "/api/profile/password",
    summary: "Change my password (ends my other sessions)",
    tag: "profile",
    auth: "session",
    body: { json: s.PasswordChangeSchema },
  },
  {
    method: "get",
    path: "/api/admin/registrations",
    summary: "Verification queue of the unit",
    tag: "admin",
    auth: "session",
  },
  {
    method: "get",
    path: "/api/admin/registrations/{userId}/uploads",
    summary: "A registration's uploads",
    tag: "admin",
    auth: "session",
  },
  {
    method: "get",
    path: "/api/admin/uploads/{uploadId}",
    summary: "Download an upload (audited)",
    tag: "admin",
    auth: "session",
    produces: "application/pdf",
  },
  {
    method: "post",
    path: "/api/admin/registrations/{userId}/approve",
    summary: "Approve a registration",
    tag: "admin",
    auth: "session",
  },
  {
    method: "post",
    path: "/api/admin/registrations/{userId}/reject",
    summary: "Reject with a reason",
    tag: "admin",
    auth: "session",
    body: { json: s.ReasonSchema },
  },
  {
    method: "post",
    path: "/api/admin/registrations/{userId}/email",
    summary: "Correct the email (audited)",
    tag: "admin",
    auth: "session",
    body: { json: s.CorrectEmailSchema },
  },
  { method: "get", path: "/api/admin/users", summary: "Users of the unit", tag: "admin", auth: "session" },
  {
    method: "post",
    path: "/api/admin/users/{userId}/totp/reset",
    summary: "Turn off a user's TOTP (lost phone and recovery codes; audited)",
    tag: "admin",
    auth: "session",
  },
  { method: "get", path: "/api/admin/statistics", summary: "Unit statistics", tag: "admin", auth: "session" },
  {
    method: "get",
    path: "/api/audit/export",
    summary: "Audit log as JSON lines (super admin)",
    tag: "audit",
    auth: "session",
    produces: "application/jsonl",
  },
  {
    method: "get",
    path: "/api/audit/check",
    summary: "Check the audit hash chain (super admin)",
    tag: "audit",
    auth: "session",
  },
  {
    method: "post",
    path: "/api/documents",
    summary: "Upload a document with ordered steps",
    tag: "documents",
    auth: "session",
    body: { multipart: s.DocumentForm },
  },
  { method: "get", path: "/api/inbox", summary: "Steps waiting for me", tag: "documents", auth: "session" },
  {
    method: "get",
    path: "/api/documents/signed",
    summary: "Signed documents (Dokumen DS)",
    tag: "documents",
    auth: "session",
  },
  {
    method: "post",
    path: "/api/documents/{id}/sign",
    summary: "Sign my step (passphrase [+ TOTP])",
    tag: "documents",
    auth: "session",
    body: { json: s.SignSchema },
    idempotencyKey: true,
  },
  {
    method: "post",
    path: "/api/documents/{id}/paraf",
    summary: "Initial my step",
    tag: "documents",
    auth: "session",
  },
  {
    method: "post",
    path: "/api/documents/{id}/return",
    summary: "Return with a note",
    tag: "documents",
    auth: "session",
    body: { json: s.NoteSchema },
  },
  {
    method: "post",
    path: "/api/documents/{id}/cancel",
    summary: "Cancel",
    tag: "documents",
    auth: "session",
    body: { json: s.CancelSchema },
  },
  {
    method: "get",
    path: "/api/documents/{id}/revisions",
    summary: "List revisions",
    tag: "documents",
    auth: "session",
  },
  {
    method: "get",
    path: "/api/documents/{id}/revisions/{number}",
    summary: "Download a revision (number or latest)",
    tag: "documents",
    auth: "session",
    produces: "application/pdf",
  },
  {
    method: "post",
    path: "/verify",
    summary: "Verify an uploaded PDF",
    tag: "verification",
    auth: "none",
    body: { multipart: s.VerifyForm },
  },
  {
    method: "get",
    path: "/v/{token}",
    summary: "Public lookup by token or short code, with the report",
    tag: "verification",
    auth: "none",
  },
  {
    method: "get",
    path: "/v/{token}/pdf",
    summary: "The signed document",
    tag: "verification",
    auth: "none",
    produces: "application/pdf",
  },
  {
    method: "post",
    path: "/api/sign/verify",
    summary: "BSrE v1 verify shape",
    tag: "verification",
    auth: "none",
    body: { multipart: s.V1VerifyForm },
  },
  {
    method: "post",
    path: "/api/v2/verify/pdf",
    summary: "BSrE v2 verify shape",
    tag: "verification",
    auth: "none",
    body: { json: s.V2VerifySchema },
  },
];

const Problem = {
  type: "object",
  required: ["type", "title", "status", "code"],
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    code: { type: "string" },
    instance: { type: "string" },
    requestId: { type: "string" },
    errors: { type: "array", items: { type: "object" } },
  },
} as const;

function requestBody(body: Body): Record<string, unknown> | undefined {
  if (!body) return undefined;
  if ("json" in body)
    return {
      required: true,
      content: { "application/json": { schema: z.toJSONSchema(body.json, { io: "input" }) } },
    };
  return {
    required: true,
    content: { "multipart/form-data": { schema: z.toJSONSchema(body.multipart, { io: "input" }) } },
  };
}

/** The OpenAPI 3.1 document, request bodies generated from the zod schemas the routes validate with. */
export function openApiDocument(serverUrl = "/"): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    if (op.idempotencyKey)
      params.push({ name: "Idempotency-Key", in: "header", required: true, schema: { type: "string" } });
    if (op.auth === "session" && op.method !== "get")
      params.push({ name: "X-CSRF-Token", in: "header", required: true, schema: { type: "string" } });
    const body = requestBody(op.body);
    paths[op.path] = {
      ...paths[op.path],
      [op.method]: {
        summary: op.summary,
        tags: [op.tag],
        ...(op.auth === "session" ? { security: [{ session: [] }, { token: [] }] } : {}),
        ...(params.length > 0 ? { parameters: params } : {}),
        ...(body ? { requestBody: body } : {}),
        responses: {
          "200": { description: "OK", content: { [op.produces ?? "application/json"]: {} } },
          default: {
            description: "RFC 9457 problem",
            content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
          },
        },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Teken API",
      version: "0.1.0",
      description: "Electronic signatures (TTE) for Indonesian government agencies.",
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Problem },
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "teken_session" },
        token: { type: "http", scheme: "bearer", description: "API token with scopes upload, read, verify" },
      },
    },
  };
}

/** A small documentation page listing the operations (no external scripts: the CSP stays strict). */
export function docsPage(): string {
  const rows = operations
    .map(
      (o) =>
        `<tr><td>${o.method.toUpperCase()}</td><td><code>${o.path}</code></td><td>${o.summary}</td><td>${o.auth}</td></tr>`,
    )
    .join("\n");
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Teken API</title></head><body>
<h1>Teken API</h1><p>OpenAPI 3.1: <a href="/openapi.json">/openapi.json</a></p>
<table><thead><tr><th>method</th><th>path</th><th>summary</th><th>auth</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}
