import { BlockList, isIP } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/**
 * Which proxies in front of the API may be believed about the client address (`TRUST_PROXY`):
 * none (the default: the socket address is the client), the nearest `hops` proxies, or the
 * proxies whose addresses are in `list` (CIDRs or addresses).
 */
export type TrustProxy =
  | { readonly kind: "none" }
  | { readonly kind: "hops"; readonly hops: number }
  | { readonly kind: "list"; readonly list: BlockList; readonly text: string };

/** Trust nothing: the default. */
export const trustNothing: TrustProxy = { kind: "none" };

const unmap = (a: string) => (a.startsWith("::ffff:") && isIP(a.slice(7)) === 4 ? a.slice(7) : a);

/**
 * Parses `TRUST_PROXY`: empty/`false`/`0` = none; a number = hops; else a comma list of
 * addresses, CIDRs and `loopback` / `private`. Undefined when a part is not understood.
 */
export function parseTrustProxy(text: string | undefined): TrustProxy | undefined {
  const t = (text ?? "").trim();
  if (t === "" || t === "false" || t === "0") return trustNothing;
  if (/^\d+$/.test(t)) return { kind: "hops", hops: Math.min(Number(t), 32) };
  const list = new BlockList();
  for (const raw of t
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    if (raw === "loopback") {
      list.addSubnet("127.0.0.0", 8, "ipv4");
      list.addAddress("::1", "ipv6");
      continue;
    }
    if (raw === "private") {
      for (const [net, prefix] of [
        ["10.0.0.0", 8],
        ["172.16.0.0", 12],
        ["192.168.0.0", 16],
      ] as const)
        list.addSubnet(net, prefix, "ipv4");
      list.addSubnet("fc00::", 7, "ipv6");
      continue;
    }
    const [addr = "", prefixText] = raw.split("/");
    const family = isIP(addr);
    if (family === 0) return undefined;
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefixText === undefined) list.addAddress(addr, type);
    else {
      const prefix = Number(prefixText);
      if (!/^\d+$/.test(prefixText) || prefix > (family === 4 ? 32 : 128)) return undefined;
      list.addSubnet(addr, prefix, type);
    }
  }
  return { kind: "list", list, text: t };
}

/**
 * The client address from the socket address and `X-Forwarded-For`, believing only trusted
 * proxies: with none, the socket; with `hops`, the address that many entries from the right of
 * socket-appended `X-Forwarded-For`; with a list, the rightmost address not in the list.
 */
export function resolveClientAddress(
  socket: string | undefined,
  forwardedFor: string | undefined,
  trust: TrustProxy,
): string {
  const peer = socket ? unmap(socket) : "unknown";
  if (trust.kind === "none" || !forwardedFor) return peer;
  const chain = [
    ...forwardedFor
      .split(",")
      .map((p) => unmap(p.trim()))
      .filter((p) => isIP(p) !== 0),
    peer,
  ];
  if (trust.kind === "hops") return chain[Math.max(chain.length - 1 - trust.hops, 0)] ?? peer;
  for (let i = chain.length - 1; i >= 0; i--) {
    const a = chain[i] ?? "";
    const family = isIP(a);
    if (family === 0 || !trust.list.check(a, family === 4 ? "ipv4" : "ipv6")) return a;
  }
  return chain[0] ?? peer;
}

/** The socket's remote address from @hono/node-server, or undefined (e.g. `app.request()` in tests). */
export function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/** The client address of a request for throttling, under `trust`. */
export function clientAddress(c: Context, trust: TrustProxy = trustNothing): string {
  return resolveClientAddress(socketAddress(c), c.req.header("x-forwarded-for"), trust);
}
