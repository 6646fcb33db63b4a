import { describe, expect, it } from "vitest";
import { parseTrustProxy, resolveClientAddress, trustNothing } from "./client-address";

const trust = (text: string) => {
  const t = parseTrustProxy(text);
  if (!t) throw new Error(`unparsed ${text}`);
  return t;
};

describe("client address", () => {
  it("uses the socket address and ignores X-Forwarded-For by default", () => {
    expect(resolveClientAddress("192.0.2.1", "203.0.113.9", trustNothing)).toBe("192.0.2.1");
    expect(resolveClientAddress("::ffff:192.0.2.1", undefined, trust(""))).toBe("192.0.2.1");
    expect(resolveClientAddress(undefined, "203.0.113.9", trustNothing)).toBe("unknown");
  });

  it("with hops, takes the address that many proxies from the right", () => {
    expect(resolveClientAddress("10.0.0.1", "198.51.100.1, 203.0.113.9", trust("1"))).toBe("203.0.113.9");
    expect(resolveClientAddress("10.0.0.1", "198.51.100.1, 203.0.113.9", trust("2"))).toBe("198.51.100.1");
    // A client cannot push the real address out by prepending more entries.
    expect(resolveClientAddress("10.0.0.1", "1.1.1.1, 2.2.2.2, 203.0.113.9", trust("1"))).toBe("203.0.113.9");
    expect(resolveClientAddress("10.0.0.1", "203.0.113.9", trust("5"))).toBe("203.0.113.9");
  });

  it("with a list, takes the rightmost address that is not a trusted proxy", () => {
    const t = trust("10.0.0.0/8, 2001:db8::/32, 192.0.2.5");
    expect(resolveClientAddress("10.1.2.3", "203.0.113.9, 192.0.2.5", t)).toBe("203.0.113.9");
    expect(resolveClientAddress("10.1.2.3", "1.1.1.1, 203.0.113.9", t)).toBe("203.0.113.9");
    expect(resolveClientAddress("2001:db8::1", "198.51.100.4", t)).toBe("198.51.100.4");
    // Not from a trusted proxy: the header is not believed.
    expect(resolveClientAddress("198.51.100.7", "203.0.113.9", t)).toBe("198.51.100.7");
    expect(resolveClientAddress("127.0.0.1", "203.0.113.9", trust("loopback"))).toBe("203.0.113.9");
    expect(resolveClientAddress("::1", "203.0.113.9", trust("loopback"))).toBe("203.0.113.9");
  });

  it("refuses settings it does not understand", () => {
    expect(parseTrustProxy("proxy.internal")).toBeUndefined();
    expect(parseTrustProxy("10.0.0.0/33")).toBeUndefined();
    expect(parseTrustProxy("10.0.0.0/x")).toBeUndefined();
    expect(parseTrustProxy("false")).toEqual(trustNothing);
  });
});
