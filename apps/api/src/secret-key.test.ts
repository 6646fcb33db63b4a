import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";
import { SECRET_KEY_FILE, dataDirSecretKey, parseSecretKey } from "./secret-key";

const dir = mkdtempSync(join(tmpdir(), "teken-key-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("server key", () => {
  it("is generated once into the data folder, readable by the owner only", async () => {
    const first = await dataDirSecretKey(dir);
    expect(first).toHaveLength(32);
    expect(statSync(join(dir, SECRET_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(await dataDirSecretKey(dir)).toEqual(first);
  });

  it("parses 32 bytes of hex or base64, nothing else", () => {
    const key = randomBytes(32);
    expect(parseSecretKey(key.toString("hex"))).toEqual(new Uint8Array(key));
    expect(parseSecretKey(key.toString("base64"))).toEqual(new Uint8Array(key));
    expect(parseSecretKey(key.toString("base64url"))).toEqual(new Uint8Array(key));
    expect(parseSecretKey("short")).toBeUndefined();
    expect(parseSecretKey(randomBytes(16).toString("hex"))).toBeUndefined();
  });
});

describe("security configuration", () => {
  it("reads TEKEN_SECRET_KEY, TRUST_PROXY and the webhook settings", () => {
    const key = randomBytes(32);
    const c = loadConfig({
      TEKEN_SECRET_KEY: key.toString("base64"),
      TRUST_PROXY: "10.0.0.0/8,loopback",
      WEBHOOK_RETRY_SCHEDULE: "30s,10m",
      NODE_ENV: "production",
    });
    expect(c.secretKey).toEqual(new Uint8Array(key));
    expect(c.trustProxy.kind).toBe("list");
    expect(c.webhookRetryScheduleMs).toEqual([30_000, 600_000]);
    expect(c.webhookAllowHttp).toBe(false);
    const d = loadConfig({});
    expect(d.secretKey).toBeUndefined();
    expect(d.trustProxy).toEqual({ kind: "none" });
    expect(d.webhookAllowHttp).toBe(true);
    expect(loadConfig({ NODE_ENV: "production", WEBHOOK_ALLOW_HTTP: "true" }).webhookAllowHttp).toBe(true);
    expect(loadConfig({ TRUST_PROXY: "2" }).trustProxy).toEqual({ kind: "hops", hops: 2 });
  });

  it("names each bad variable and never its value", () => {
    try {
      loadConfig({
        TEKEN_SECRET_KEY: "not-a-key-but-secret",
        TRUST_PROXY: "proxy.lan",
        WEBHOOK_RETRY_SCHEDULE: "soon",
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const message = (e as ConfigError).message;
      for (const name of ["TEKEN_SECRET_KEY", "TRUST_PROXY", "WEBHOOK_RETRY_SCHEDULE"])
        expect(message).toContain(name);
      expect(message).not.toContain("not-a-key-but-secret");
    }
  });
});
