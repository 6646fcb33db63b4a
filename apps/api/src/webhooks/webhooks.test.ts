import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhookSignature } from "./signature";
import { parseRetrySchedule, webhookUrlAllowed } from "./url-policy";

describe("webhook signature", () => {
  const body = '{"type":"document.signed"}';
  it("is HMAC-SHA256 of `t.body`, hex, Stripe-style", () => {
    const expected = createHmac("sha256", "whsec_x").update(`1700000000.${body}`).digest("hex");
    expect(signWebhook("whsec_x", body, 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
  });
  it("verifies within the tolerance only, for the same body and secret", () => {
    const header = signWebhook("whsec_x", body, 1_700_000_000);
    const check = (over: Partial<Parameters<typeof verifyWebhookSignature>[0]>) =>
      verifyWebhookSignature({ body, header, secret: "whsec_x", nowSeconds: 1_700_000_100, ...over });
    expect(check({})).toBe(true);
    expect(check({ body: `${body} ` })).toBe(false);
    expect(check({ secret: "whsec_y" })).toBe(false);
    expect(check({ nowSeconds: 1_700_000_301 })).toBe(false);
    expect(check({ header: header.replace("t=1700000000", "t=1700000001") })).toBe(false);
    expect(check({ header: `${header},v1=${"0".repeat(64)}` })).toBe(true);
    expect(check({ header: undefined })).toBe(false);
    expect(check({ header: "v1=abc" })).toBe(false);
  });
});

describe("webhook URL policy and retry schedule", () => {
  it("allows https, and http only to loopback unless allowed", () => {
    expect(webhookUrlAllowed("https://app.kemenag.go.id/hook", false)).toBe(true);
    expect(webhookUrlAllowed("http://localhost:8080/hook", false)).toBe(true);
    expect(webhookUrlAllowed("http://127.0.0.1:8080/hook", false)).toBe(true);
    expect(webhookUrlAllowed("http://[::1]:8080/hook", false)).toBe(true);
    expect(webhookUrlAllowed("http://app.internal/hook", false)).toBe(false);
    expect(webhookUrlAllowed("http://app.internal/hook", true)).toBe(true);
    expect(webhookUrlAllowed("ftp://app.internal/hook", true)).toBe(false);
    expect(webhookUrlAllowed("javascript:alert(1)", true)).toBe(false);
    expect(webhookUrlAllowed("https://u:p@app.internal/hook", true)).toBe(false);
  });
  it("parses durations", () => {
    expect(parseRetrySchedule("1m, 5m,30m,2h,1d,10s,250ms")).toEqual([
      60_000, 300_000, 1_800_000, 7_200_000, 86_400_000, 10_000, 250,
    ]);
    expect(parseRetrySchedule("1x")).toBeUndefined();
    expect(parseRetrySchedule("")).toBeUndefined();
  });
});
