import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit, verifyAuditChain } from "../../src/audit/audit-log";
import { createDatabaseBlobStore } from "../../src/blob/database-blob-store";
import type { Database } from "../../src/db/create-database";
import { migrate } from "../../src/db/migrate";
import { migrations } from "../../src/db/migrations/index";
import { rowsOf } from "../../src/db/rows";
import { blobStoreContract } from "./blob-store-contract";
import { certificatesContract } from "./contract-certificates";
import { documentsContract } from "./contract-documents";
import { notificationsContract } from "./contract-notifications";
import { registrationContract } from "./contract-registration";

/** Shared state of one contract run: the database opened once per test file. */
export interface ContractContext {
  database: Database;
}

/** The registry contract: every behaviour that must hold on PGlite and on PostgreSQL alike. */
export function describeRegistryContract(name: string, makeDb: () => Promise<Database>): void {
  describe(`registry contract on ${name}`, () => {
    const ctx = {} as ContractContext;
    beforeAll(async () => {
      ctx.database = await makeDb();
    }, 180_000);
    afterAll(async () => {
      await ctx.database?.close();
    });

    describe("migrations", () => {
      it("are applied once and are idempotent on a second run", async () => {
        const again = await migrate(ctx.database.db);
        expect(again).toEqual({ applied: [], version: 2 });
        const rows = await ctx.database.db.execute(
          sql`SELECT version, name FROM registry_migrations ORDER BY version`,
        );
        expect(rowsOf(rows)).toEqual([
          { version: 1, name: "initial" },
          { version: 2, name: "service-reference" },
        ]);
      });

      it("refuse a migration that was edited after it was applied", async () => {
        const edited = { ...migrations[0]!, sql: `${migrations[0]!.sql}\n-- edited` };
        await expect(migrate(ctx.database.db, [edited])).rejects.toMatchObject({ code: "MIGRATION_CHANGED" });
      });
    });

    describe("database blob store", () => {
      blobStoreContract(() => createDatabaseBlobStore(ctx.database.db));
    });

    describe("registration and verification", () => registrationContract(ctx));
    describe("documents and signing", () => documentsContract(ctx));
    describe("certificates", () => certificatesContract(ctx));
    describe("notifications", () => notificationsContract(ctx));

    describe("audit log", () => {
      it("chains entries and verifies, and detects a tampered entry", async () => {
        const { db } = ctx.database;
        const at = new Date("2026-01-02T03:04:05.678Z");
        const seqs: number[] = [];
        for (let i = 0; i < 3; i++) {
          const entry = await db.transaction((tx) =>
            appendAudit(tx, {
              actorId: `u${i}`,
              action: "test.event",
              targetType: "thing",
              targetId: `t${i}`,
              summary: { n: i, note: "ok" },
              at,
            }),
          );
          seqs.push(entry.seq);
        }
        expect(seqs[1]).toBe(seqs[0]! + 1);
        const good = await verifyAuditChain(db);
        expect(good.ok).toBe(true);
        expect(good.entries).toBeGreaterThanOrEqual(3);
        await expect(
          db.execute(sql`UPDATE audit_log SET action = 'x' WHERE seq = ${seqs[1]}`),
        ).rejects.toThrow();
        await expect(db.execute(sql`DELETE FROM audit_log WHERE seq = ${seqs[1]}`)).rejects.toThrow();
        const setSummary = (json: string) =>
          db.transaction(async (tx) => {
            await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
            await tx.execute(sql`UPDATE audit_log SET summary = ${json}::jsonb WHERE seq = ${seqs[1]}`);
            await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
          });
        await setSummary('{"n": 99, "note": "ok"}');
        expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: seqs[1] });
        await setSummary('{"note": "ok", "n": 1}');
        expect((await verifyAuditChain(db)).ok).toBe(true);
      });

      it("refuses secret-looking summary keys", async () => {
        await expect(
          ctx.database.db.transaction((tx) =>
            appendAudit(tx, {
              actorId: null,
              action: "x",
              targetType: "y",
              targetId: "z",
              summary: { passphrase: "never" },
              at: new Date(),
            }),
          ),
        ).rejects.toThrow(/secret/);
      });
    });
  });
}
