import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  createAccount,
  createDatabase,
  createDatabaseBlobStore,
  createUnit,
  enrolCertificate,
  syncCertificate,
} from "@teken/registry";
import { sql } from "drizzle-orm";
import type { Hono } from "hono";
import { expect } from "vitest";
import { type InProcessBsre, createInProcessBsre } from "../../src/adapters/in-process-bsre";
import { type MemoryDirectory, createMemoryDirectory } from "../../src/adapters/memory-directory";
import { ensureApiTables } from "../../src/adapters/api-tables";
import { createApp } from "../../src/app";
import { composeDeps } from "../../src/compose";
import type { AppDeps } from "../../src/deps";
import type { ApiEnv } from "../../src/http/env";

/** The PostgreSQL URL: DATABASE_URL, else the local default server. */
export const POSTGRES_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const PASSWORD = "Rahasia-Kuat-Sekali-2026!";
export const PASSPHRASE = "Sejuk-Pagi-di-Ambon-7";
export const letter = (): Uint8Array =>
  new Uint8Array(readFileSync(new URL("../fixtures/letter.pdf", import.meta.url)));

/** A logged-in client: cookie + CSRF headers. */
export interface Agent {
  readonly userId: string;
  readonly headers: Record<string, string>;
}

/** One API over a fresh database with two units, their admins, a super admin and one signer per unit. */
export interface World {
  readonly app: Hono<ApiEnv>;
  readonly deps: AppDeps;
  readonly bsre: InProcessBsre;
  readonly directory: MemoryDirectory;
  /** Every structured log line the app wrote. */
  readonly logs: string[];
  readonly ids: {
    admin1: string;
    admin2: string;
    superAdmin: string;
    signer1: string;
    signer2: string;
  };
  readonly logins: Record<"admin1" | "admin2" | "superAdmin" | "signer1" | "signer2", string>;
  login(login: string, password?: string): Promise<Agent>;
  close(): Promise<void>;
}

let serial = 0;
/** A fresh NIP + NIK pair (male, born 1980-01-01, CPNS 2005-01), unique per process. */
export function identity(): { nip: string; nik: string } {
  serial++;
  return {
    nip: `198001012005011${String(serial).padStart(3, "0")}`,
    nik: `320101010180${String(serial).padStart(4, "0")}`,
  };
}

function ok<T>(r: { ok: true; value: T } | { ok: false; issues: readonly unknown[] }): T {
  if (!r.ok) throw new Error(`setup failed: ${JSON.stringify(r.issues)}`);
  return r.value;
}

/** Opens a world on PGlite (in memory) or PostgreSQL (a fresh schema, dropped on close). */
export async function openWorld(
  engine: "pglite" | "postgres",
  options: { maxUploadBytes?: number } = {},
): Promise<World> {
  const schema = `api_${randomBytes(6).toString("hex")}`;
  const database =
    engine === "pglite" ? await createDatabase() : await createDatabase({ url: POSTGRES_URL, schema });
  const db = database.db;
  await ensureApiTables(db);
  const bsre = await createInProcessBsre({ kdfIterations: 1000 });
  const directory = createMemoryDirectory();
  const logs: string[] = [];
  const deps = composeDeps({
    logger: (entry) => logs.push(JSON.stringify(entry)),
    db,
    blobs: createDatabaseBlobStore(db),
    directory,
    bsre: bsre.client,
    trustAnchors: bsre.trustAnchors,
    publicUrl: "http://localhost",
    secureCookies: true,
    ...(options.maxUploadBytes ? { maxUploadBytes: options.maxUploadBytes } : {}),
  });
  const app = createApp(deps);
  const r = deps.registry;
  ok(await createUnit(r, { code: "U1", name: "Kanwil Satu" }));
  ok(await createUnit(r, { code: "U2", name: "Kanwil Dua" }));
  const tag = randomBytes(3).toString("hex");
  const account = async (
    role: "admin_satker" | "super_admin" | "pegawai",
    unitCode: string,
    name: string,
    extra = {},
  ) =>
    ok(
      await createAccount(r, {
        actorId: null,
        role,
        unitCode,
        name,
        email: `${name.toLowerCase().replace(/\W/g, ".")}.${tag}@kemenag.go.id`,
        password: PASSWORD,
        ...extra,
      }),
    ).id;
  const admin1 = await account("admin_satker", "U1", "Admin Satu");
  const admin2 = await account("admin_satker", "U2", "Admin Dua");
  const superAdmin = await account("super_admin", "U1", "Super Admin");
  const id1 = identity();
  const id2 = identity();
  const signer1 = await account("pegawai", "U1", "Pejabat Satu", id1);
  const signer2 = await account("pegawai", "U2", "Pejabat Dua", id2);
  for (const userId of [signer1, signer2]) ok(await enrolCertificate(r, { userId }));
  for (const [id, name] of [
    [id1, "Pejabat Satu"],
    [id2, "Pejabat Dua"],
  ] as const) {
    await bsre.issue({
      nik: id.nik,
      email: `${name.toLowerCase().replace(/\W/g, ".")}.${tag}@kemenag.go.id`,
      passphrase: PASSPHRASE,
    });
  }
  for (const userId of [signer1, signer2])
    expect(ok(await syncCertificate(r, { userId })).status).toBe("ISSUE");
  const logins = {
    admin1: `admin.satu.${tag}@kemenag.go.id`,
    admin2: `admin.dua.${tag}@kemenag.go.id`,
    superAdmin: `super.admin.${tag}@kemenag.go.id`,
    signer1: id1.nip,
    signer2: id2.nip,
  };
  return {
    app,
    deps,
    bsre,
    directory,
    logs,
    ids: { admin1, admin2, superAdmin, signer1, signer2 },
    logins,
    async login(login, password = PASSWORD) {
      const res = await app.request("/api/session", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ login, password }),
      });
      if (res.status !== 200) throw new Error(`login ${login}: HTTP ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { userId: string; csrfToken: string };
      const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      return { userId: body.userId, headers: { cookie, "x-csrf-token": body.csrfToken } };
    },
    async close() {
      if (engine === "postgres") await db.execute(sql.raw(`drop schema if exists ${schema} cascade`));
      await database.close();
    },
  };
}

/** A minimal PNG (signature + IHDR 300x100) padded to `size` bytes. */
export function png(size = 200): Uint8Array {
  const b = new Uint8Array(Math.max(size, 33));
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(b.buffer);
  view.setUint32(16, 300);
  view.setUint32(20, 100);
  b.set([8, 6, 0, 0, 0], 24);
  return b;
}
