import { z } from "zod";

/** `POST /api/admin/tokens/{id}/webhook`: where to send the token's document events. */
export const WebhookConfigureSchema = z.object({
  url: z
    .string()
    .trim()
    .min(8)
    .max(2000)
    .describe("https:// URL (http:// only to localhost, or when WEBHOOK_ALLOW_HTTP=true)"),
});
