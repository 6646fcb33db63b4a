import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "../src/db/create-database";
import { migrate } from "../src/db/migrate";
import { units } from "../src/db/schema";
import { createUnit } from "../src/usecases/accounts";
import { verifyAuditChain } from "../src/audit/audit-log";
import { createFileBlobStore } from "../src/blob/file-blob-store";

const dir = await mkdtemp(join(tmpdir(), "teken-pglite-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("PGlite in a data folder (the embedded default)", () => {
  it("keeps rows and the audit chain across a restart and does not migrate twice", {
    timeout: 180_000,
  }, async () => {
    const first = await createDatabase({ dataDir: join(dir, "db") });
    const deps = { db: first.db, blobs: createFileBlobStore(join(dir, "blobs")) };
    expect((await createUnit(deps, { code: "KANKEMENAG-BDG", name: "Kankemenag Kota Bandung" })).ok).toBe(
      true,
    );
    await first.close();
    const second = await createDatabase({ dataDir: join(dir, "db") });
    try {
      expect(await migrate(second.db)).toEqual({ applied: [], version: 2 });
      expect((await second.db.select().from(units)).map((u) => u.code)).toEqual(["KANKEMENAG-BDG"]);
      expect(await verifyAuditChain(second.db)).toMatchObject({ ok: true, entries: 1 });
    } finally {
      await second.close();
    }
  });
});
