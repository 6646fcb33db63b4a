// Measures what the registry's correctness tests only check: start-up, signing latency, the
// two-replica signing race and crash recovery. Run: pnpm --filter @teken/registry bench
// (PostgreSQL from DATABASE_URL or the local default; the PostgreSQL parts are skipped without one).
import { randomBytes } from "node:crypto";
import { createDatabaseBlobStore } from "../src/blob/database-blob-store";
import { createDatabase, type Database } from "../src/db/create-database";
import { hashPassword } from "../src/password";
import { createDocument } from "../src/usecases/documents";
import { reconcileSigningRequests, signStep } from "../src/usecases/signing";
import { dropSchema, POSTGRES_URL, postgresWanted } from "../test/support/engines";
import { FakeSigner, pdf } from "../test/support/fakes";
import { makeWorld, signerReady, type World } from "../test/support/world";

const PASS = "rahasia-Passphrase-1";
const rows: [string, string][] = [];
const ms = (t0: number) => performance.now() - t0;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1);
  return `median ${q(0.5)} ms, p95 ${q(0.95)} ms (n=${s.length})`;
};
const report = (name: string, value: string) => {
  rows.push([name, value]);
  console.log(`${name}: ${value}`);
};

async function newDoc(w: World, signer: string, label: string): Promise<string> {
  const r = await createDocument(w.deps, {
    actorId: w.adminId,
    pdf: pdf(label),
    jenis: "SK",
    perihal: label,
    paperSize: "A4",
    steps: [{ kind: "sign", userId: signer }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value.documentId;
}

async function signLatency(engine: string, db: Database, n: number): Promise<void> {
  const w = await makeWorld(db);
  const s = await signerReady(w, "Pejabat Bench");
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const documentId = await newDoc(w, s.userId, `lat-${i}`);
    const t0 = performance.now();
    const r = await signStep(w.deps, {
      actorId: s.userId,
      documentId,
      passphrase: PASS,
      idempotencyKey: `lat-${i}`,
    });
    times.push(ms(t0));
    if (!r.ok) throw new Error("sign failed");
  }
  report(`${engine}: signStep (fake signer, 1 step)`, stats(times));
}

async function main(): Promise<void> {
  let t0 = performance.now();
  await hashPassword("Sandi-Yang-Kuat-2026", randomBytes(16));
  report("argon2id hash (19 MiB, t=2, p=1)", `${ms(t0).toFixed(0)} ms`);

  t0 = performance.now();
  const lite = await createDatabase();
  report("PGlite in-memory open + migrate", `${ms(t0).toFixed(0)} ms`);
  await signLatency("PGlite", lite, 20);
  await lite.close();

  if (!(await postgresWanted())) {
    console.log("PostgreSQL not reachable: skipping the PostgreSQL measurements");
    return;
  }
  const schema = `bench_${randomBytes(5).toString("hex")}`;
  t0 = performance.now();
  const a = await createDatabase({ url: POSTGRES_URL, schema, poolSize: 4 });
  report("PostgreSQL open + migrate (new schema)", `${ms(t0).toFixed(0)} ms`);
  const b = await createDatabase({ url: POSTGRES_URL, schema, poolSize: 4 });
  try {
    await signLatency("PostgreSQL", a, 30);
    const w = await makeWorld(a);
    const s = await signerReady(w, "Pejabat Race");

    const fake = new FakeSigner();
    fake.afterSign = () => new Promise((r) => setTimeout(r, 20));
    const depsA = { ...w.deps, signer: fake };
    const depsB = { ...w.deps, db: b.db, blobs: createDatabaseBlobStore(b.db), signer: fake };
    const race: number[] = [];
    let winners = 0;
    const n = 30;
    for (let i = 0; i < n; i++) {
      const documentId = await newDoc(w, s.userId, `race-${i}`);
      t0 = performance.now();
      const rs = await Promise.all([
        signStep(depsA, { actorId: s.userId, documentId, passphrase: PASS, idempotencyKey: `r${i}a` }),
        signStep(depsB, { actorId: s.userId, documentId, passphrase: PASS, idempotencyKey: `r${i}b` }),
      ]);
      race.push(ms(t0));
      winners += rs.filter((r) => r.ok).length;
    }
    report(
      "PostgreSQL: two pools racing on one step (signer +20 ms)",
      `${stats(race)}; signatures ${winners}/${n}, signer calls ${fake.calls}`,
    );

    const recover: number[] = [];
    const restartTimes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const bsre = new FakeSigner();
      let reached!: () => void;
      const atService = new Promise<void>((r) => {
        reached = r;
      });
      bsre.afterSign = () => {
        reached();
        return new Promise<never>(() => {});
      };
      const doomed = await createDatabase({ url: POSTGRES_URL, schema, poolSize: 1, migrate: false });
      const documentId = await newDoc(w, s.userId, `crash-${i}`);
      void signStep(
        { ...w.deps, db: doomed.db, blobs: createDatabaseBlobStore(doomed.db), signer: bsre },
        { actorId: s.userId, documentId, passphrase: PASS, idempotencyKey: `c${i}` },
      );
      await atService;
      await doomed.close();
      t0 = performance.now();
      const restarted = await createDatabase({ url: POSTGRES_URL, schema, poolSize: 2 });
      restartTimes.push(ms(t0));
      const t1 = performance.now();
      const rep = await reconcileSigningRequests(
        { ...w.deps, db: restarted.db, blobs: createDatabaseBlobStore(restarted.db), signer: bsre },
        { olderThanMs: 0 },
      );
      recover.push(ms(t1));
      if (rep.completed !== 1) throw new Error(`reconcile completed ${rep.completed}`);
      await restarted.close();
    }
    report("PostgreSQL: restart (open + migrate check) after a crash", stats(restartTimes));
    report("PostgreSQL: reconcile one interrupted signature", stats(recover));
  } finally {
    await a.close();
    await b.close();
    await dropSchema(schema);
  }
  console.log(`\n| measurement | result |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join("\n")}`);
}

await main();
