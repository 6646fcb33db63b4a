import { randomBytes } from "node:crypto";
import { tables } from "@teken/registry";
import { eq, sql } from "drizzle-orm";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { parseTrustProxy } from "../../src/http/client-address";
import type { ApiEnv } from "../../src/http/env";
import { base32Decode, hotp } from "../../src/totp/totp";
import { createTotpService } from "../../src/totp/totp-service";
import { PASSPHRASE, PASSWORD, type World, letter, openWorld } from "./world";
import { qrSvg } from "@teken/pades";

type Json = Record<string, unknown>;
const STEP_MS = 30_000;

/** TOTP enrolment, two-step login, signing with TOTP, and the client address of the throttle, on one engine. */
export function describeSecurity(engine: "pglite" | "postgres"): void {
  describe(`TOTP and client address on ${engine}`, () => {
    let w: World;
    let app: Hono<ApiEnv>;
    // The TOTP clock is ours: codes of chosen time steps, no waiting for real ones.
    let clock = Date.parse("2026-11-25T10:00:00Z");
    const step = () => Math.floor(clock / STEP_MS);
    beforeAll(async () => {
      w = await openWorld(engine);
      const totp = createTotpService(
        w.deps.registry.db,
        new Uint8Array(randomBytes(32)),
        () => new Date(clock),
      );
      app = createApp({ ...w.deps, totp });
    }, 120_000);
    afterAll(async () => {
      await w?.close();
    });

    /** A request from socket address `from` (what @hono/node-server's getConnInfo reads). */
    const call = (
      path: string,
      init: {
        method?: string;
        headers?: Record<string, string>;
        json?: unknown;
        from?: string;
        via?: Hono<ApiEnv>;
      } = {},
    ) =>
      (init.via ?? app).request(
        path,
        {
          method: init.method ?? (init.json === undefined ? "GET" : "POST"),
          headers: {
            ...(init.json !== undefined ? { "content-type": "application/json" } : {}),
            ...init.headers,
          },
          ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
        },
        { incoming: { socket: { remoteAddress: init.from ?? "192.0.2.10" } } },
      );
    const session = (res: Response, body: Json) => ({
      cookie: (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "",
      "x-csrf-token": String(body.csrfToken),
    });
    const passwordStep = async (login: string, password = PASSWORD) => {
      const res = await call("/api/session", { json: { login, password } });
      return { res, body: (await res.json()) as Json };
    };
    const enabledInRegistry = async (userId: string) =>
      (await w.deps.registry.db.select().from(tables.users).where(eq(tables.users.id, userId)))[0]
        ?.totpEnabled;

    it("enrols with a provisioning URI, confirms with a first code, and then logs in in two steps", async () => {
      const first = await passwordStep(w.logins.signer1);
      const me = session(first.res, first.body);
      const started = await call("/api/profile/totp", { method: "POST", headers: me });
      expect(started.status).toBe(201);
      const {
        secret,
        uri,
        qrSvg: qr,
      } = (await started.json()) as { secret: string; uri: string; qrSvg: string };
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(qr).toBe(qrSvg(uri));
      expect(uri).toBe(
        `otpauth://totp/Teken:${w.logins.signer1}?secret=${secret}&issuer=Teken&algorithm=SHA1&digits=6&period=30`,
      );
      const seed = base32Decode(secret) as Uint8Array;
      const code = (s: number) => hotp(seed, s);
      const stored = JSON.stringify(await w.deps.registry.db.execute(sql`select * from api_totp`));
      expect(stored).not.toContain(secret);
      expect(await enabledInRegistry(w.ids.signer1)).toBe(false);

      const wrong = await call("/api/profile/totp/confirm", {
        headers: me,
        json: { code: code(step() + 5) },
      });
      expect(wrong.status).toBe(401);
      expect(((await wrong.json()) as Json).code).toBe("TOTP_INVALID");
      const confirmed = await call("/api/profile/totp/confirm", {
        headers: me,
        json: { code: code(step()) },
      });
      expect(confirmed.status).toBe(200);
      const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: string[] };
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      for (const r of recoveryCodes) expect(r).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
      expect(await enabledInRegistry(w.ids.signer1)).toBe(true);
      expect(await (await call("/api/profile/totp", { headers: me })).json()).toEqual({
        enabled: true,
        pending: false,
        recoveryCodesLeft: 10,
      });
      expect((await call("/api/profile/totp", { method: "POST", headers: me })).status).toBe(409);

      // Password step: no cookie, a challenge.
      const pending = await passwordStep(w.logins.signer1);
      expect(pending.res.headers.get("set-cookie")).toBeNull();
      expect(pending.body).toEqual({ totpRequired: true, challenge: expect.any(String) });
      const challenge = String(pending.body.challenge);
      const second = (c: string, ch = challenge) =>
        call("/api/session/totp", { json: { challenge: ch, code: c } });
      // The code accepted at confirmation is not accepted again in its time step.
      const replay = await second(code(step()));
      expect(((await replay.json()) as Json).code).toBe("TOTP_INVALID");
      expect((await second(code(step()), "x".repeat(43))).status).toBe(401);
      // One step of drift is accepted (the next step's code, before the clock gets there).
      const ok = await second(code(step() + 1));
      expect(ok.status).toBe(200);
      const okBody = (await ok.json()) as Json;
      expect(okBody.userId).toBe(w.ids.signer1);
      expect(ok.headers.get("set-cookie")).toMatch(/^teken_session=/);
      // The challenge is spent.
      clock += 2 * STEP_MS;
      expect((await second(code(step()))).status).toBe(401);

      // A recovery code logs in once.
      const again = await passwordStep(w.logins.signer1);
      const viaRecovery = await call("/api/session/totp", {
        json: { challenge: again.body.challenge, code: (recoveryCodes[0] ?? "").toUpperCase() },
      });
      expect(viaRecovery.status).toBe(200);
      const third = await passwordStep(w.logins.signer1);
      const reused = await call("/api/session/totp", {
        json: { challenge: third.body.challenge, code: recoveryCodes[0] },
      });
      expect(reused.status).toBe(401);
      const signer = session(viaRecovery, (await viaRecovery.json()) as Json);
      expect(
        ((await (await call("/api/profile/totp", { headers: signer })).json()) as Json).recoveryCodesLeft,
      ).toBe(9);

      // Signing needs a fresh code of the enrolled secret.
      const form = new FormData();
      form.set(
        "file",
        new Blob([letter() as Uint8Array<ArrayBuffer>], { type: "application/pdf" }),
        "surat.pdf",
      );
      form.set("jenis", "Nota Dinas");
      form.set("perihal", "Uji TOTP");
      form.set("steps", JSON.stringify([{ kind: "sign", userId: w.ids.signer1 }]));
      const admin = await w.login(w.logins.admin1);
      const created = await app.request("/api/documents", {
        method: "POST",
        headers: admin.headers,
        body: form,
      });
      const { documentId } = (await created.json()) as { documentId: string };
      const sign = (key: string, totp?: string) =>
        call(`/api/documents/${documentId}/sign`, {
          headers: { ...signer, "idempotency-key": key },
          json: { passphrase: PASSPHRASE, ...(totp ? { totp } : {}) },
        });
      expect(((await (await sign("totp-key-0001")).json()) as Json).code).toBe("TOTP_REQUIRED");
      const bad = await sign("totp-key-0002", code(step() - 3));
      expect(bad.status).toBe(401);
      expect(((await bad.json()) as Json).code).toBe("TOTP_INVALID");
      clock += STEP_MS;
      const good = code(step());
      const signed = await sign("totp-key-0003", good);
      expect(signed.status).toBe(200);
      const result = await signed.json();
      expect(result).toMatchObject({ status: "completed" });
      // A retry of the same request (same key, now-used code) answers the stored result.
      expect(await (await sign("totp-key-0003", good)).json()).toEqual(result);
      expect(w.logs.join("\n")).not.toContain(good);

      // New recovery codes replace the old ones.
      clock += STEP_MS;
      const regenerated = await call("/api/profile/totp/recovery-codes", {
        headers: signer,
        json: { code: code(step()) },
      });
      const fresh = ((await regenerated.json()) as { recoveryCodes: string[] }).recoveryCodes;
      expect(fresh).toHaveLength(10);
      expect(fresh).not.toContain(recoveryCodes[1]);
      const fourth = await passwordStep(w.logins.signer1);
      expect(
        (
          await call("/api/session/totp", {
            json: { challenge: fourth.body.challenge, code: recoveryCodes[1] },
          })
        ).status,
      ).toBe(401);

      // Disabling needs the password and a code; then login is one step again.
      clock += STEP_MS;
      expect(
        (
          await call("/api/profile/totp/disable", {
            headers: signer,
            json: { password: "Salah-Sandi-99", code: code(step()) },
          })
        ).status,
      ).toBe(403);
      const off = await call("/api/profile/totp/disable", {
        headers: signer,
        json: { password: PASSWORD, code: code(step()) },
      });
      expect(await off.json()).toEqual({ enabled: false });
      expect(await enabledInRegistry(w.ids.signer1)).toBe(false);
      const plain = await passwordStep(w.logins.signer1);
      expect(plain.body.userId).toBe(w.ids.signer1);
    });

    it("counts wrong codes in the login throttle", async () => {
      const first = await passwordStep(w.logins.signer2);
      const me = session(first.res, first.body);
      const { secret } = (await (
        await call("/api/profile/totp", { method: "POST", headers: me })
      ).json()) as {
        secret: string;
      };
      const seed = base32Decode(secret) as Uint8Array;
      clock += STEP_MS;
      await call("/api/profile/totp/confirm", { headers: me, json: { code: hotp(seed, step()) } });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const pending = await passwordStep(w.logins.signer2);
        if (pending.res.status !== 200) {
          statuses.push(pending.res.status);
          continue;
        }
        const res = await call("/api/session/totp", {
          json: { challenge: pending.body.challenge, code: hotp(seed, step() + 7) },
          from: `198.51.100.${i}`,
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      clock += STEP_MS;
      // Locked: even the right code waits.
      const locked = await passwordStep(w.logins.signer2);
      expect(locked.res.status).toBe(429);

      // Lost phone and codes: only an admin of the user's unit (or a super admin) resets it.
      const reset = (agentLogin: string) =>
        w
          .login(agentLogin)
          .then((a) =>
            call(`/api/admin/users/${w.ids.signer2}/totp/reset`, { method: "POST", headers: a.headers }),
          );
      expect((await reset(w.logins.admin1)).status).toBe(403);
      expect((await reset(w.logins.signer1)).status).toBe(403);
      expect(await enabledInRegistry(w.ids.signer2)).toBe(true);
      const done = await reset(w.logins.admin2);
      expect(await done.json()).toEqual({ enabled: false });
      expect(await enabledInRegistry(w.ids.signer2)).toBe(false);
      const audit = await w.deps.registry.db.execute(
        sql`select actor_id from audit_log where action = 'account.totp_reset' and target_id = ${w.ids.signer2}`,
      );
      expect(JSON.stringify(audit)).toContain(w.ids.admin2);
    });

    it("does not let a spoofed X-Forwarded-For escape the per-address throttle by default", async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) {
        const res = await call("/api/session", {
          json: { login: `nobody.${i}@example.go.id`, password: "salah-sekali-123" },
          headers: { "x-forwarded-for": `203.0.113.${i}` },
          from: "192.0.2.77",
        });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(statuses[20]).toBe(429);
      // Another socket address is not locked.
      const other = await call("/api/session", {
        json: { login: "nobody.x@example.go.id", password: "salah-sekali-123" },
        from: "192.0.2.78",
      });
      expect(other.status).toBe(401);
    });

    it("believes X-Forwarded-For only from a trusted proxy (TRUST_PROXY)", async () => {
      const trust = parseTrustProxy("loopback");
      if (!trust) throw new Error("loopback must parse");
      const proxied = createApp({ ...w.deps, trustProxy: trust });
      const attempt = (xff: string, from = "127.0.0.1") =>
        call("/api/session", {
          via: proxied,
          json: {
            login: `proxied.${randomBytes(3).toString("hex")}@example.go.id`,
            password: "salah-sekali-123",
          },
          headers: { "x-forwarded-for": xff },
          from,
        });
      for (let i = 0; i < 20; i++) expect((await attempt("198.51.100.200")).status).toBe(401);
      expect((await attempt("198.51.100.200")).status).toBe(429);
      // Another client behind the same proxy is its own key.
      expect((await attempt("198.51.100.201")).status).toBe(401);
      // A client that is not the proxy cannot choose its key by the header.
      expect((await attempt("198.51.100.201", "192.0.2.99")).status).toBe(401);
      for (let i = 0; i < 19; i++) await attempt(`10.9.9.${i}`, "192.0.2.99");
      expect((await attempt("10.9.9.250", "192.0.2.99")).status).toBe(429);
    });
  });
}
