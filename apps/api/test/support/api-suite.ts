import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Agent, PASSPHRASE, type World, letter, openWorld, png } from "./world";

type Json = Record<string, unknown>;

/** The API's end-to-end and authorisation tests against one engine. */
export function describeApi(engine: "pglite" | "postgres"): void {
  describe(`api on ${engine}`, () => {
    let w: World;
    let a1: Agent;
    let a2: Agent;
    let s1: Agent;
    let s2: Agent;
    let sa: Agent;
    beforeAll(async () => {
      w = await openWorld(engine, { maxUploadBytes: 1024 * 1024 });
      a1 = await w.login(w.logins.admin1);
      a2 = await w.login(w.logins.admin2);
      s1 = await w.login(w.logins.signer1);
      s2 = await w.login(w.logins.signer2);
      sa = await w.login(w.logins.superAdmin);
    }, 120_000);
    afterAll(async () => {
      await w?.close();
    });

    const req = (path: string, agent?: Agent, init: RequestInit & { json?: unknown } = {}) => {
      const headers: Record<string, string> = {
        ...(agent?.headers ?? {}),
        ...((init.headers as Record<string, string>) ?? {}),
      };
      let body = init.body;
      if (init.json !== undefined) {
        headers["content-type"] = "application/json";
        body = JSON.stringify(init.json);
      }
      return w.app.request(path, { ...init, headers, ...(body !== undefined ? { body } : {}) });
    };

    const upload = async (agent: Agent, steps: { kind: string; userId: string }[]) => {
      const form = new FormData();
      form.set(
        "file",
        new Blob([letter() as Uint8Array<ArrayBuffer>], { type: "application/pdf" }),
        "surat.pdf",
      );
      form.set("jenis", "Surat Undangan");
      form.set("perihal", "Rapat koordinasi");
      form.set("paperSize", "A4");
      form.set("steps", JSON.stringify(steps));
      return req("/api/documents", agent, { method: "POST", body: form });
    };

    it("answers health, readiness and secure headers", async () => {
      const health = await req("/healthz");
      expect(health.status).toBe(200);
      expect(health.headers.get("x-content-type-options")).toBe("nosniff");
      expect(health.headers.get("x-frame-options")).toBe("SAMEORIGIN");
      expect(health.headers.get("x-request-id")).toMatch(/[\w-]{8,}/);
      const ready = await req("/readyz");
      expect(await ready.json()).toEqual({ status: "ready", checks: { database: true, bsre: true } });
    });

    it("answers problem+json in Indonesian or English", async () => {
      const id = await req("/nope");
      expect(id.status).toBe(404);
      expect(id.headers.get("content-type")).toContain("application/problem+json");
      expect(((await id.json()) as Json).title).toBe("Data tidak ditemukan");
      const en = await req("/nope", undefined, { headers: { "accept-language": "en-US,en;q=0.9,id;q=0.5" } });
      expect(await en.json()).toMatchObject({
        code: "NOT_FOUND",
        title: "Not found",
        status: 404,
        type: "urn:teken:error:NOT_FOUND",
      });
    });

    it("sets an HttpOnly, Secure, SameSite=Strict session cookie and ends it on logout", async () => {
      const res = await req("/api/session", undefined, {
        method: "POST",
        json: { login: w.logins.admin1, password: "Rahasia-Kuat-Sekali-2026!" },
      });
      const cookie = res.headers.get("set-cookie") ?? "";
      expect(cookie).toMatch(/^teken_session=[\w-]{40,};/);
      expect(cookie).toContain("HttpOnly");
      expect(cookie).toContain("Secure");
      expect(cookie).toContain("SameSite=Strict");
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      const headers = { cookie: cookie.split(";")[0] ?? "", "x-csrf-token": csrfToken };
      expect((await req("/api/session", { userId: "", headers })).status).toBe(200);
      expect((await req("/api/session", { userId: "", headers }, { method: "DELETE" })).status).toBe(204);
      expect((await req("/api/session", { userId: "", headers })).status).toBe(401);
    });

    it("refuses unsafe requests without the CSRF token or from another origin", async () => {
      const noToken = await req(
        "/api/documents/x/cancel",
        { userId: "", headers: { cookie: a1.headers.cookie ?? "" } },
        { method: "POST", json: {} },
      );
      expect(noToken.status).toBe(403);
      expect(((await noToken.json()) as Json).code).toBe("CSRF_REJECTED");
      const foreign = await req("/api/session", undefined, {
        method: "POST",
        headers: { origin: "https://evil.example" },
        json: { login: w.logins.admin1, password: "x" },
      });
      expect(((await foreign.json()) as Json).code).toBe("CSRF_REJECTED");
    });

    it("throttles logins per account after five failures", async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await req("/api/session", undefined, {
          method: "POST",
          headers: { "x-forwarded-for": `10.0.0.${i}` },
          json: { login: w.logins.admin2, password: "salah-sekali-123" },
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    });

    it("registers with three files, and only the unit's admin may approve or reject", async () => {
      const nip = "198505052010012001";
      const nik = "3201014505850001";
      w.directory.add({ nip, name: "Siti Aminah", unitCode: "U1" });
      const form = new FormData();
      for (const [k, v] of Object.entries({
        nip,
        nik,
        email: `siti.${engine}@kemenag.go.id`,
        password: "Rahasia-Kuat-Sekali-2026!",
        passwordConfirmation: "Rahasia-Kuat-Sekali-2026!",
      }))
        form.set(k, v);
      form.set("ktp", new Blob([png(2000) as Uint8Array<ArrayBuffer>], { type: "image/png" }), "ktp.png");
      form.set(
        "recommendation",
        new Blob([letter() as Uint8Array<ArrayBuffer>], { type: "application/pdf" }),
        "rekomendasi.pdf",
      );
      form.set("specimen", new Blob([png(500) as Uint8Array<ArrayBuffer>], { type: "image/png" }), "ttd.png");
      const res = await req("/api/registrations", undefined, { method: "POST", body: form });
      expect(res.status).toBe(201);
      const { userId } = (await res.json()) as { userId: string };
      const queue = (await (await req("/api/admin/registrations", a1)).json()) as {
        items: { userId: string }[];
      };
      expect(queue.items.map((i) => i.userId)).toContain(userId);
      const other = await req("/api/admin/registrations", a2);
      expect(
        ((await other.json()) as { items: { userId: string }[] }).items.map((i) => i.userId),
      ).not.toContain(userId);
      expect((await req(`/api/admin/registrations/${userId}/approve`, a2, { method: "POST" })).status).toBe(
        403,
      );
      expect((await req(`/api/admin/registrations/${userId}/approve`, s1, { method: "POST" })).status).toBe(
        403,
      );
      expect(
        (await req(`/api/admin/registrations/${userId}/reject`, a1, { method: "POST", json: { reason: "" } }))
          .status,
      ).toBe(400);
      const approved = await req(`/api/admin/registrations/${userId}/approve`, a1, { method: "POST" });
      expect(approved.status).toBe(200);
      expect(await approved.json()).toEqual({ status: "verified" });
      const stats = (await (await req("/api/admin/statistics", a1)).json()) as {
        usersByStatus: Record<string, number>;
      };
      expect(stats.usersByStatus.verified).toBeGreaterThanOrEqual(4);
      expect((await req("/api/admin/statistics", s1)).status).toBe(403);
    });

    it("refuses a registration with invalid identifiers as 422 with codes", async () => {
      const form = new FormData();
      for (const [k, v] of Object.entries({
        nip: "123",
        nik: "12",
        email: "x@gmail.com",
        password: "a",
        passwordConfirmation: "b",
      }))
        form.set(k, v);
      for (const f of ["ktp", "recommendation", "specimen"])
        form.set(f, new Blob([png(100) as Uint8Array<ArrayBuffer>]), `${f}.png`);
      const res = await req("/api/registrations", undefined, {
        method: "POST",
        body: form,
        headers: { "accept-language": "en" },
      });
      expect(res.status).toBe(422);
      const body = (await res.json()) as { errors: { code: string; path: string[] }[] };
      expect(body.errors.map((e) => e.path[0])).toContain("nip");
    });

    it("cuts an oversized streamed upload off at the limit", async () => {
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 8 * 1024 * 1024) return controller.close();
          sent += 64 * 1024;
          controller.enqueue(new Uint8Array(64 * 1024));
        },
      });
      const res = await w.app.request("/verify", {
        method: "POST",
        body: stream,
        headers: { "content-type": "multipart/form-data; boundary=x" },
        duplex: "half",
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(((await res.json()) as Json).code).toBe("PAYLOAD_TOO_LARGE");
      expect(sent).toBeLessThan(4 * 1024 * 1024);
    });

    it("signs a letter end to end; other units cannot see, sign, cancel or download it", async () => {
      const created = await upload(a1, [{ kind: "sign", userId: w.ids.signer1 }]);
      expect(created.status).toBe(201);
      const { documentId, token } = (await created.json()) as { documentId: string; token: string };
      expect((await upload(a2, [{ kind: "sign", userId: w.ids.signer1 }])).status).toBe(403);

      const inbox1 = (await (await req("/api/inbox", s1)).json()) as { documentId: string }[];
      expect(inbox1.map((i) => i.documentId)).toContain(documentId);
      const inbox2 = (await (await req("/api/inbox", s2)).json()) as { documentId: string }[];
      expect(inbox2.map((i) => i.documentId)).not.toContain(documentId);

      const sign = (agent: Agent, key: string, passphrase = PASSPHRASE) =>
        req(`/api/documents/${documentId}/sign`, agent, {
          method: "POST",
          headers: { "idempotency-key": key },
          json: { passphrase },
        });
      expect((await req(`/api/documents/${documentId}/revisions/1`, s2)).status).toBe(403);
      expect((await req(`/api/documents/${documentId}/revisions`, a2)).status).toBe(403);
      expect(
        (await req(`/api/documents/${documentId}/cancel`, a2, { method: "POST", json: {} })).status,
      ).toBe(403);
      expect([403, 409]).toContain((await sign(s2, "key-s2-0001")).status);
      expect(
        (
          await req(`/api/documents/${documentId}/sign`, s1, {
            method: "POST",
            json: { passphrase: PASSPHRASE },
          })
        ).status,
      ).toBe(400);

      const wrong = await sign(s1, "key-wrong-01", "Salah-Passphrase-99");
      // The signer's own mistake: a client error that says what was wrong, never the passphrase.
      expect(wrong.status).toBe(422);
      const wrongBody = (await wrong.json()) as Json;
      expect(wrongBody.code).toBe("SIGNING_FAILED");
      expect(wrongBody.title).toBe("Penandatanganan gagal: passphrase salah");
      expect(wrongBody.errors).toEqual([
        {
          code: "SIGNING_FAILED",
          path: [],
          reason: "WRONG_PASSPHRASE",
          message: "Penandatanganan gagal: passphrase salah",
        },
      ]);
      expect(JSON.stringify(wrongBody)).not.toContain("Salah-Passphrase");
      expect(JSON.stringify(await (await req("/metrics")).text())).not.toContain("Salah-Passphrase");

      const signed = await sign(s1, "key-right-01");
      expect(signed.status).toBe(200);
      const result = (await signed.json()) as { revision: number; status: string; sha256: string };
      expect(result.status).toBe("completed");
      const replay = await sign(s1, "key-right-01");
      expect(await replay.json()).toEqual(result);

      const pdf = await req(`/api/documents/${documentId}/revisions/latest`, s1);
      expect(pdf.headers.get("content-type")).toBe("application/pdf");
      const bytes = new Uint8Array(await pdf.arrayBuffer());
      expect(new TextDecoder("latin1").decode(bytes)).toContain("/ByteRange");
      expect((await req(`/api/documents/${documentId}/revisions/1`, a1)).status).toBe(200);
      const signedList = (await (await req("/api/documents/signed", s1)).json()) as { id: string }[];
      expect(signedList.map((d) => d.id)).toContain(documentId);
      expect(
        ((await (await req("/api/documents/signed", s2)).json()) as { id: string }[]).map((d) => d.id),
      ).not.toContain(documentId);

      const publicView = await req(`/v/${token}`);
      const view = (await publicView.json()) as {
        document: Json;
        report: { verdict: string; signatures: unknown[] };
      };
      expect(view.document.status).toBe("completed");
      expect(view.report.signatures).toHaveLength(1);
      expect(view.report.verdict).toBe("TOTAL_PASSED");
      expect(JSON.stringify(view.document)).not.toContain(w.logins.signer1);

      const form = new FormData();
      form.set("file", new Blob([bytes as Uint8Array<ArrayBuffer>]), "signed.pdf");
      const verified = (await (await req("/verify", undefined, { method: "POST", body: form })).json()) as {
        report: { verdict: string };
      };
      expect(verified.report.verdict).toBe("TOTAL_PASSED");
      const v1form = new FormData();
      v1form.set("signed_file", new Blob([bytes as Uint8Array<ArrayBuffer>]), "signed.pdf");
      const v1 = (await (
        await req("/api/sign/verify", undefined, { method: "POST", body: v1form })
      ).json()) as Json;
      expect(v1).toMatchObject({ nama_dokumen: "signed.pdf", jumlah_signature: 1, summary: "VALID" });
      const v2 = (await (
        await req("/api/v2/verify/pdf", undefined, {
          method: "POST",
          json: { file: Buffer.from(bytes).toString("base64") },
        })
      ).json()) as Json;
      expect(v2).toMatchObject({ conclusion: "VALID", signatureCount: 1 });

      const metrics = await (await req("/metrics")).text();
      expect(metrics).toMatch(/teken_signatures_total [1-9]/);
      expect(metrics).toContain('teken_failures_total{code="SIGNING_FAILED"}');
      expect(metrics).toContain("teken_http_request_duration_seconds_bucket");
    });

    it("returns and cancels only within the unit", async () => {
      const created = await upload(a1, [{ kind: "sign", userId: w.ids.signer1 }]);
      const { documentId } = (await created.json()) as { documentId: string };
      expect(
        (await req(`/api/documents/${documentId}/return`, s2, { method: "POST", json: { note: "salah" } }))
          .status,
      ).toBe(403);
      const returned = await req(`/api/documents/${documentId}/return`, s1, {
        method: "POST",
        json: { note: "Perbaiki tanggal" },
      });
      expect(await returned.json()).toEqual({ status: "returned" });
      const cancelled = await req(`/api/documents/${documentId}/cancel`, a1, {
        method: "POST",
        json: { reason: "batal" },
      });
      expect(await cancelled.json()).toEqual({ status: "cancelled" });
    });

    it("exports the audit log as JSON lines with a verifiable chain, for super admins only", async () => {
      expect((await req("/api/audit/export", a1)).status).toBe(403);
      expect((await req("/api/audit/export")).status).toBe(401);
      const res = await req("/api/audit/export", sa);
      expect(res.headers.get("content-type")).toContain("application/jsonl");
      const lines = (await res.text())
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { seq: number; action: string });
      expect(lines.length).toBeGreaterThan(5);
      expect(lines.map((l) => l.seq)).toEqual([...lines.map((l) => l.seq)].sort((a, b) => a - b));
      const check = (await (await req("/api/audit/check", sa)).json()) as { ok: boolean; entries: number };
      expect(check).toMatchObject({ ok: true, entries: lines.length });
    });

    it("lets admins create scoped API tokens that cannot exceed their scope or unit", async () => {
      const create = async (agent: Agent, scopes: string[]) =>
        req("/api/admin/tokens", agent, {
          method: "POST",
          json: { name: `app-${scopes.join("-")}`, scopes },
        });
      expect((await create(s1, ["upload"])).status).toBe(403);
      const uploadRes = await create(a1, ["upload"]);
      expect(uploadRes.status).toBe(201);
      const uploadToken = (await uploadRes.json()) as { id: string; token: string };
      expect(uploadToken.token).toMatch(/^teken_[\w-]{40,}$/);
      const readToken = (await (await create(a1, ["read"])).json()) as { token: string };
      const listed = JSON.stringify(await (await req("/api/admin/tokens", a1)).json());
      expect(listed).toContain(uploadToken.id);
      expect(listed).not.toContain(uploadToken.token);
      const bearer = (t: string): Agent => ({ userId: "", headers: { authorization: `Bearer ${t}` } });

      const created = await upload(bearer(uploadToken.token), [{ kind: "sign", userId: w.ids.signer1 }]);
      expect(created.status).toBe(201);
      const { documentId } = (await created.json()) as { documentId: string };
      expect(
        (await upload(bearer(uploadToken.token), [{ kind: "sign", userId: w.ids.signer2 }])).status,
      ).toBe(403);
      expect((await req(`/api/documents/${documentId}/revisions`, bearer(uploadToken.token))).status).toBe(
        403,
      );
      expect((await req(`/api/documents/${documentId}/revisions`, bearer(readToken.token))).status).toBe(200);
      expect((await upload(bearer(readToken.token), [{ kind: "sign", userId: w.ids.signer1 }])).status).toBe(
        403,
      );
      expect(
        (
          await req(`/api/documents/${documentId}/cancel`, bearer(readToken.token), {
            method: "POST",
            json: {},
          })
        ).status,
      ).toBe(403);
      expect((await req("/api/admin/tokens", bearer(readToken.token))).status).toBe(403);
      const a2Read = (await (await create(a2, ["read"])).json()) as { token: string };
      expect((await req(`/api/documents/${documentId}/revisions`, bearer(a2Read.token))).status).toBe(403);

      expect((await req(`/api/admin/tokens/${uploadToken.id}`, a2, { method: "DELETE" })).status).toBe(404);
      expect((await req(`/api/admin/tokens/${uploadToken.id}`, a1, { method: "DELETE" })).status).toBe(204);
      expect(
        (await upload(bearer(uploadToken.token), [{ kind: "sign", userId: w.ids.signer1 }])).status,
      ).toBe(401);
      expect((await req("/api/inbox", bearer("teken_not-a-token"))).status).toBe(401);
    });

    it("logs one JSON line per request with its id, and never a password, passphrase or NIK", async () => {
      const res = await req("/healthz", undefined, { headers: { "x-request-id": "trace-123" } });
      expect(res.headers.get("x-request-id")).toBe("trace-123");
      expect(
        w.logs.some((l) => l.includes('"requestId":"trace-123"') && l.includes('"route":"/healthz"')),
      ).toBe(true);
      const all = w.logs.join("\n");
      expect(w.logs.length).toBeGreaterThan(20);
      for (const secret of [
        PASSPHRASE,
        "Salah-Passphrase-99",
        "Rahasia-Kuat-Sekali-2026!",
        "3201014505850001",
      ]) {
        expect(all).not.toContain(secret);
      }
      const problem = await req("/api/inbox");
      expect(problem.headers.get("x-content-type-options")).toBe("nosniff");
    });

    it("shows the profile with unit and certificate, and changes the password ending other sessions", async () => {
      const profile = (await (await req("/api/profile", s1)).json()) as Json;
      expect(profile).toMatchObject({
        userId: w.ids.signer1,
        unit: { code: "U1" },
        certificate: { status: "ISSUE" },
      });
      expect(JSON.stringify(profile)).not.toMatch(/passwordHash|nik/);
      expect((await req("/api/profile")).status).toBe(401);
      const current = "Rahasia-Kuat-Sekali-2026!";
      const next = "Sandi-Baru-Yang-Panjang-77";
      const me = await w.login(w.logins.signer2);
      const change = (body: Json) => req("/api/profile/password", me, { method: "POST", json: body });
      expect((await change({ current: "salah-sandi-1", next, confirmation: next })).status).toBe(403);
      expect((await change({ current, next, confirmation: `${next}x` })).status).toBe(422);
      expect((await change({ current, next, confirmation: next })).status).toBe(200);
      expect((await req("/api/session", me)).status).toBe(200);
      expect((await req("/api/session", s2)).status).toBe(401);
      expect(
        (
          await req("/api/session", undefined, {
            method: "POST",
            json: { login: w.logins.signer2, password: current },
          })
        ).status,
      ).toBe(401);
      expect((await w.login(w.logins.signer2, next)).userId).toBe(w.ids.signer2);
    });
  });
}
