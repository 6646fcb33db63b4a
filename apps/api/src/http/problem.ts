import type { Issue } from "@teken/core";
import type { Context } from "hono";
import { type Lang, httpStatusOfIssue, messageOf } from "../errors";

/** The response language from `Accept-Language` (RFC 9110 §12.5.4): English when it comes first, else Indonesian. */
export function langOf(c: Context): Lang {
  const header = c.req.header("accept-language") ?? "";
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag, q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((r) => r.tag !== "" && r.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const r of ranked) {
    if (r.tag.startsWith("en")) return "en";
    if (r.tag.startsWith("id") || r.tag.startsWith("in")) return "id";
  }
  return "id";
}

/**
 * Answers RFC 9457 problem details: `type` is a stable URN of the code, `title` the message
 * in the request's language, `errors` every issue with its path.
 */
export function problem(c: Context, issues: readonly Issue[], status?: number): Response {
  const lang = langOf(c);
  const first = issues[0] ?? { code: "INTERNAL", path: [] };
  const code = first.code;
  const httpStatus = status ?? httpStatusOfIssue(first);
  const body = {
    type: `urn:teken:error:${code}`,
    title: messageOf(first, lang),
    status: httpStatus,
    code,
    instance: c.req.path,
    requestId: c.get("requestId"),
    errors: issues.map((i) => ({
      code: i.code,
      path: i.path,
      // Why a signature failed (WRONG_PASSPHRASE, TOTP_INVALID, NOT_ISSUED, UNAVAILABLE): a code, never a secret.
      ...(i.code === "SIGNING_FAILED" && typeof i.params?.reason === "string"
        ? { reason: i.params.reason }
        : {}),
      message: messageOf(i, lang),
    })),
  };
  return new Response(JSON.stringify(body), {
    status: httpStatus,
    headers: { "content-type": "application/problem+json; charset=utf-8", "content-language": lang },
  });
}
