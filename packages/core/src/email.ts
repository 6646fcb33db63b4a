import type { EmailCode } from "./codes";
import { isLookalikeDomain } from "./email-lookalike";
import { type Result, fail, issue, ok } from "./result";

/** Which addresses the agency accepts. */
export interface EmailPolicy {
  /** Accepted domains, compared case-insensitively; default `["kemenag.go.id"]`. */
  readonly allowedDomains?: readonly string[];
  /** Accept sub-domains of the allowed domains (`x.kemenag.go.id`); default false. */
  readonly allowSubdomains?: boolean;
}

/** A normalised agency email address (lower case). */
export interface Email {
  readonly address: string;
  readonly local: string;
  readonly domain: string;
}

/** The agency's mail domain (DOMAIN.md §1). */
export const defaultEmailDomains: readonly string[] = ["kemenag.go.id"];

// RFC 5322 §3.2.3 dot-atom (no quoted local parts: agency mailboxes never need them).
const localPart = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// RFC 1035 §2.3.1 labels (letters, digits, inner hyphens), at least two of them.
const domainPart = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** The first character outside printable ASCII, as `U+XXXX`, or undefined. */
function firstNonAscii(text: string): string | undefined {
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0x7e) return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return undefined;
}

/** Decides the domain: allowed, a refused sub-domain, a look-alike, or simply not allowed. */
function domainCode(domain: string, policy: EmailPolicy): { code?: EmailCode; allowed: string } {
  const allowed = (policy.allowedDomains ?? defaultEmailDomains).map((d) => d.toLowerCase());
  const list = allowed.join(", ");
  if (allowed.includes(domain)) return { allowed: list };
  const parent = allowed.find((a) => domain.endsWith(`.${a}`));
  if (parent !== undefined) {
    return policy.allowSubdomains === true
      ? { allowed: list }
      : { code: "EMAIL_SUBDOMAIN_NOT_ALLOWED", allowed: parent };
  }
  const imitated = allowed.find((a) => isLookalikeDomain(domain, a));
  if (imitated !== undefined) return { code: "EMAIL_LOOKALIKE_DOMAIN", allowed: imitated };
  return { code: "EMAIL_DOMAIN_NOT_ALLOWED", allowed: list };
}

/**
 * Checks an address against the agency email policy: plain ASCII, well formed, at most 254
 * characters (RFC 5321 §4.5.3.1), no punycode, and a domain in the allow-list.
 * @example checkEmail("Budi.Santoso@KEMENAG.go.id") // ok: "budi.santoso@kemenag.go.id"
 */
export function checkEmail(input: string, policy: EmailPolicy = {}): Result<Email, EmailCode> {
  const text = input.trim();
  const char = firstNonAscii(text);
  if (char !== undefined) return fail(issue("EMAIL_NON_ASCII", [], { char }));
  const address = text.toLowerCase();
  if (address.length > 254) return fail(issue("EMAIL_TOO_LONG", [], { max: 254 }));
  const at = address.lastIndexOf("@");
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (at < 0 || !localPart.test(local) || !domainPart.test(domain)) return fail(issue("EMAIL_FORMAT"));
  if (local.length > 64) return fail(issue("EMAIL_TOO_LONG", [], { max: 64 }));
  const puny = domain.split(".").find((label) => label.startsWith("xn--"));
  if (puny !== undefined) return fail(issue("EMAIL_PUNYCODE", [], { label: puny }));
  const decision = domainCode(domain, policy);
  if (decision.code !== undefined)
    return fail(issue(decision.code, [], { domain, allowed: decision.allowed }));
  return ok({ address, local, domain });
}
