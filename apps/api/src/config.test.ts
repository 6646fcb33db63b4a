import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

describe("loadConfig", () => {
  it("defaults to PGlite in ./data, the in-process simulator, .eml mail and port 3000", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      dataDir: "./data",
      databaseUrl: undefined,
      bsre: { kind: "simulator" },
      smtpUrl: undefined,
      secureCookies: true,
      publicUrl: "http://127.0.0.1:3000",
    });
  });

  it("uses PostgreSQL, a remote BSrE and SMTP when configured", () => {
    const c = loadConfig({
      DATABASE_URL: "postgres://u@db:5432/teken",
      BSRE_URL: "https://esign.internal",
      BSRE_USER: "agency",
      BSRE_PASSWORD: "s3cret",
      SMTP_URL: "smtp://mail:25",
      PORT: "8080",
      TRUST_ANCHORS: "a.pem, b.der",
    });
    expect(c.databaseUrl).toBe("postgres://u@db:5432/teken");
    expect(c.bsre).toEqual({
      kind: "remote",
      url: "https://esign.internal",
      username: "agency",
      password: "s3cret",
    });
    expect(c.port).toBe(8080);
    expect(c.trustAnchorFiles).toEqual(["a.pem", "b.der"]);
  });

  it.each([
    [{ PORT: "http" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x/y" }, "DATABASE_URL"],
    [{ DATABASE_URL: "not a url" }, "DATABASE_URL"],
    [{ BSRE_URL: "https://esign.internal" }, "BSRE_URL"],
    [{ SMTP_URL: "http://mail" }, "SMTP_URL"],
    [{ MAX_UPLOAD_BYTES: "12" }, "MAX_UPLOAD_BYTES"],
  ])("refuses %j naming %s", (env, name) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.some((p) => p.startsWith(name))).toBe(true);
  });

  it("never echoes a value in the error", () => {
    expect(() => loadConfig({ BSRE_URL: "https://user:hunter2@esign", SMTP_URL: "ftp://hunter2" })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("hunter2") }),
    );
  });
});
