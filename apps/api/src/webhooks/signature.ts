import { createHmac, timingSafeEqual } from "node:crypto";

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export const SIGNATURE_HEADER = "Teken-Signature";
/** Header naming the event type (`document.signed`, `document.returned`, `document.cancelled`). */
export const EVENT_HEADER = "Teken-Event";
/** Header with the delivery id: the same on every retry of one event (deduplicate on it). */
export const DELIVERY_HEADER = "Teken-Delivery";

const hmacHex = (secret: string, timestamp: number, body: string) =>
  createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");

/** The `Teken-Signature` value of `body` sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

/**
 * Checks a `Teken-Signature` header against the raw request body (as received, before any JSON
 * parsing) and the endpoint's secret: one `v1` must equal HMAC-SHA256(secret, `${t}.${body}`)
 * and `t` must be within `toleranceSeconds` of now (default 300) to refuse replays.
 * @example verifyWebhookSignature({ body: raw, header: req.headers["teken-signature"], secret })
 */
export function verifyWebhookSignature(input: {
  readonly body: string;
  readonly header: string | null | undefined;
  readonly secret: string;
  readonly toleranceSeconds?: number;
  readonly nowSeconds?: number;
}): boolean {
  if (!input.header) return false;
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of input.header.split(",")) {
    const [k, v = ""] = part.trim().split("=", 2);
    if (k === "t" && /^\d{1,12}$/.test(v)) timestamp = Number(v);
    else if (k === "v1" && /^[0-9a-f]{64}$/.test(v)) candidates.push(v);
  }
  if (timestamp === undefined || candidates.length === 0) return false;
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(hmacHex(input.secret, timestamp, input.body), "hex");
  return candidates.some((c) => timingSafeEqual(Buffer.from(c, "hex"), expected));
}
