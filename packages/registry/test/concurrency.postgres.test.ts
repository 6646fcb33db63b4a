import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabaseBlobStore } from "../src/blob/database-blob-store";
import { createDatabase, type Database } from "../src/db/create-database";
import { rowsOf } from "../src/db/rows";
import { documentSteps, revisions, signingRequests } from "../src/db/schema";
import { deliverOutbox, enqueueMail } from "../src/mail/outbox";
import { createDocument } from "../src/usecases/documents";
import { reconcileSigningRequests, signStep } from "../src/usecases/signing";
import { dropSchema, POSTGRES_URL, postgresWanted } from "./support/engines";
import { FakeSigner, pdf } from "./support/fakes";
import { makeWorld, signerReady, type World } from "./support/world";

const PASS = "rahasia-Passphrase-1";
const wanted = await postgresWanted();

// Real parallel connections: two pools (two "replicas") on one schema.
describe.runIf(wanted)("PostgreSQL concurrency and crash recovery", () => {
  const schema = `reg_${randomBytes(6).toString("hex")}`;
  let a: Database;
  let b: Database;
  let w: World;
  let signer: { userId: string; nik: string };
  beforeAll(async () => {
    a = await createDatabase({ url: POSTGRES_URL, schema, poolSize: 4 });
    b = await createDatabase({ url: POSTGRES_URL, schema, poolSize: 4 });
    w = await makeWorld(a);
    signer = await signerReady(w, "Pejabat Penandatangan");
  }, 180_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dropSchema(schema);
  });

  const newDoc = async (label: string) => {
    const r = await createDocument(w.deps, {
      actorId: w.adminId,
      pdf: pdf(label),
      jenis: "SK",
      perihal: label,
      paperSize: "A4",
      steps: [{ kind: "sign", userId: signer.userId }],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.value.documentId;
  };
  const signedRevisions = async (documentId: string) =>
    (
      await a.db
        .select()
        .from(revisions)
        .where(and(eq(revisions.documentId, documentId), eq(revisions.reason, "signed")))
    ).length;

  it("migrations run by four replicas at once apply each version exactly once", async () => {
    const fresh = `reg_${randomBytes(6).toString("hex")}`;
    const replicas = await Promise.all(
      [1, 2, 3, 4].map(() => createDatabase({ url: POSTGRES_URL, schema: fresh, poolSize: 1 })),
    );
    const rows = rowsOf<{ version: number }>(
      await replicas[0]!.db.execute(sql`SELECT version FROM registry_migrations ORDER BY version`),
    );
    expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
    await Promise.all(replicas.map((r) => r.close()));
    await dropSchema(fresh);
  });

  it("two pools racing to sign the same step (different keys) give exactly one signature", async () => {
    const fake = new FakeSigner();
    fake.afterSign = () => new Promise((r) => setTimeout(r, 30));
    const depsA = { ...w.deps, signer: fake };
    const depsB = { ...w.deps, db: b.db, blobs: createDatabaseBlobStore(b.db), signer: fake };
    for (let i = 0; i < 8; i++) {
      const documentId = await newDoc(`race-${i}`);
      const results = await Promise.all([
        signStep(depsA, {
          actorId: signer.userId,
          documentId,
          passphrase: PASS,
          idempotencyKey: `race-${i}-a`,
        }),
        signStep(depsB, {
          actorId: signer.userId,
          documentId,
          passphrase: PASS,
          idempotencyKey: `race-${i}-b`,
        }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const loser = results.find((r) => !r.ok);
      expect(loser && !loser.ok && loser.issues[0]!.code).toMatch(
        /^(SIGNING_IN_PROGRESS|WORKFLOW_NOT_YOUR_STEP)$/,
      );
      expect(await signedRevisions(documentId)).toBe(1);
    }
    expect(fake.calls).toBe(8);
  });

  it("the same idempotency key sent twice at once through two pools signs once", async () => {
    const fake = new FakeSigner();
    fake.afterSign = () => new Promise((r) => setTimeout(r, 30));
    const depsA = { ...w.deps, signer: fake };
    const depsB = { ...w.deps, db: b.db, blobs: createDatabaseBlobStore(b.db), signer: fake };
    for (let i = 0; i < 5; i++) {
      const documentId = await newDoc(`dup-${i}`);
      const input = { actorId: signer.userId, documentId, passphrase: PASS, idempotencyKey: `dup-${i}` };
      const results = await Promise.all([signStep(depsA, input), signStep(depsB, input)]);
      expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(1);
      for (const r of results) if (!r.ok) expect(r.issues[0]!.code).toBe("SIGNING_IN_PROGRESS");
      const replay = await signStep(depsA, input);
      expect(replay.ok && replay.value.revision).toBe(3);
      expect(await signedRevisions(documentId)).toBe(1);
    }
    expect(fake.calls).toBe(5);
  });

  it("two outbox workers on two pools never send the same mail twice", async () => {
    const now = new Date("2031-01-01T00:00:00Z");
    const sink = { send: async () => {} };
    while ((await deliverOutbox(a.db, sink, { now, batchSize: 100 })).sent > 0) {}
    for (let i = 0; i < 40; i++) {
      await a.db.transaction((tx) =>
        enqueueMail(tx, {
          id: `race-mail-${i}`,
          kind: "registration_received",
          to: `m${i}@kemenag.go.id`,
          lang: "id",
          params: { name: "X" },
          now,
        }),
      );
    }
    const seen: string[] = [];
    const slow = {
      send: async (m: { to: string }) => {
        seen.push(m.to);
        await new Promise((r) => setTimeout(r, 5));
      },
    };
    const reports = await Promise.all([
      deliverOutbox(a.db, slow, { now, batchSize: 10 }),
      deliverOutbox(b.db, slow, { now, batchSize: 10 }),
      deliverOutbox(a.db, slow, { now, batchSize: 10 }),
      deliverOutbox(b.db, slow, { now, batchSize: 10 }),
    ]);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(40);
    expect(new Set(seen).size).toBe(40);
    expect(seen).toHaveLength(40);
  });

  it("recovers a crash between 'BSrE signed' and 'stored': a restarted replica completes the step exactly once", async () => {
    const bsre = new FakeSigner();
    let signed!: () => void;
    const reachedService = new Promise<void>((r) => {
      signed = r;
    });
    bsre.afterSign = () => {
      signed();
      return new Promise<never>(() => {}); // the process dies while waiting for BSrE's answer
    };
    const doomed = await createDatabase({ url: POSTGRES_URL, schema, poolSize: 2 });
    const documentId = await newDoc("crash");
    void signStep(
      { ...w.deps, db: doomed.db, blobs: createDatabaseBlobStore(doomed.db), signer: bsre },
      {
        actorId: signer.userId,
        documentId,
        passphrase: PASS,
        idempotencyKey: "crash-1",
      },
    );
    await reachedService;
    await doomed.close(); // crash: the replica's connections are gone, nothing was stored
    const [pending] = await a.db
      .select()
      .from(signingRequests)
      .where(eq(signingRequests.documentId, documentId));
    expect(pending).toMatchObject({ status: "pending", resultBlobHash: null });
    expect(await signedRevisions(documentId)).toBe(0);

    const restarted = await createDatabase({ url: POSTGRES_URL, schema, poolSize: 2 });
    const deps = { ...w.deps, db: restarted.db, blobs: createDatabaseBlobStore(restarted.db), signer: bsre };
    const [r1, r2] = await Promise.all([
      reconcileSigningRequests(deps, { olderThanMs: 0 }),
      reconcileSigningRequests({ ...w.deps, signer: bsre }, { olderThanMs: 0 }),
    ]);
    expect(r1.completed + r2.completed).toBeGreaterThanOrEqual(1);
    expect(await signedRevisions(documentId)).toBe(1);
    const [step] = await a.db.select().from(documentSteps).where(eq(documentSteps.documentId, documentId));
    expect(step!.status).toBe("done");
    expect(await reconcileSigningRequests(deps, { olderThanMs: 0 })).toEqual({ completed: 0, abandoned: 0 });
    const replay = await signStep(deps, {
      actorId: signer.userId,
      documentId,
      passphrase: PASS,
      idempotencyKey: "crash-1",
    });
    expect(replay).toMatchObject({ ok: true, value: { revision: 3, status: "completed" } });
    expect(bsre.calls).toBe(1);
    await restarted.close();
  });
});

if (!wanted) {
  describe.skip("PostgreSQL concurrency (no DATABASE_URL and no local server)", () => {
    it("skipped", () => {});
  });
}
