import { describe, expect, it } from "vitest";
import { createApp } from "./app";
import type { AppDeps } from "./deps";
import { operations } from "./openapi";

// Building the app does no I/O, so listing its routes needs no real dependencies.
const app = createApp({ registry: {}, sessions: {}, verifyPdf: async () => ({}) } as unknown as AppDeps);

describe("OpenAPI document", () => {
  it("documents exactly the routes the app registers", () => {
    const registered = new Set(
      app.routes
        .filter((r) => r.method !== "ALL")
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
    );
    const documented = new Set(operations.map((o) => `${o.method} ${o.path}`));
    expect([...registered].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((d) => !registered.has(d))).toEqual([]);
  });

  it("serves OpenAPI 3.1 with request bodies from the zod schemas", async () => {
    const res = await app.request("/openapi.json");
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content: Record<string, { schema: { required?: string[] } }> };
            parameters?: { name: string }[];
          }
        >
      >;
    };
    expect(doc.openapi).toBe("3.1.0");
    const sign = doc.paths["/api/documents/{id}/sign"]?.post;
    expect(sign?.requestBody?.content["application/json"]?.schema.required).toEqual(["passphrase"]);
    expect(sign?.parameters?.map((p) => p.name)).toEqual(["id", "Idempotency-Key", "X-CSRF-Token"]);
    const register =
      doc.paths["/api/registrations"]?.post?.requestBody?.content["multipart/form-data"]?.schema.required;
    expect(register).toEqual(expect.arrayContaining(["nip", "nik", "ktp", "recommendation", "specimen"]));
    const page = await (await app.request("/docs")).text();
    expect(page).toContain("/api/documents/{id}/sign");
  });
});
