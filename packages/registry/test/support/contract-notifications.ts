import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { beforeAll, expect, it } from "vitest";
import { outbox } from "../../src/db/schema";
import { createEmlFileMailer } from "../../src/mail/eml-file-mailer";
import { deliverOutbox, enqueueMail } from "../../src/mail/outbox";
import { createSmtpMailer } from "../../src/mail/smtp-mailer";
import type { Mail, Mailer } from "../../src/ports";
import type { ContractContext } from "./registry-contract";

const sink: Mailer = { send: async () => {} };
const T0 = new Date("2030-01-01T00:00:00.000Z");

/** The outbox worker: retries with backoff, gives up after the limit, and the SMTP / .eml adapters. */
export function notificationsContract(ctx: ContractContext): void {
  beforeAll(async () => {
    // Earlier suites queued mail in this database: deliver it so these tests see only their own.
    while ((await deliverOutbox(ctx.database.db, sink, { now: T0, batchSize: 100 })).sent > 0) {}
  });

  const enqueue = (id: string, to: string, lang: "id" | "en" = "id") =>
    ctx.database.db.transaction((tx) =>
      enqueueMail(tx, {
        id,
        kind: "registration_rejected",
        to,
        lang,
        params: { name: "Budi", reason: "KTP buram" },
        now: T0,
      }),
    );

  it("retries a failing mailer with exponential backoff, then delivers once", async () => {
    await enqueue("mail-retry", "retry@kemenag.go.id");
    let failures = 2;
    const sent: Mail[] = [];
    const flaky: Mailer = {
      send: async (m) => {
        if (failures-- > 0) throw new Error("421 try again later");
        sent.push(m);
      },
    };
    const at = (ms: number) => new Date(T0.getTime() + ms);
    expect(await deliverOutbox(ctx.database.db, flaky, { now: at(0) })).toEqual({
      sent: 0,
      retried: 1,
      failed: 0,
    });
    const [row1] = await ctx.database.db.select().from(outbox).where(eq(outbox.id, "mail-retry"));
    expect(row1).toMatchObject({ attempts: 1, status: "pending", lastError: "421 try again later" });
    expect(row1!.nextAttemptAt.getTime()).toBe(at(60_000).getTime());
    expect(await deliverOutbox(ctx.database.db, flaky, { now: at(30_000) })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    expect(await deliverOutbox(ctx.database.db, flaky, { now: at(60_000) })).toEqual({
      sent: 0,
      retried: 1,
      failed: 0,
    });
    const [row2] = await ctx.database.db.select().from(outbox).where(eq(outbox.id, "mail-retry"));
    expect(row2!.nextAttemptAt.getTime()).toBe(at(60_000 + 120_000).getTime());
    expect(await deliverOutbox(ctx.database.db, flaky, { now: at(180_000) })).toEqual({
      sent: 1,
      retried: 0,
      failed: 0,
    });
    expect(await deliverOutbox(ctx.database.db, flaky, { now: at(999_999) })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: "retry@kemenag.go.id", subject: "Verifikasi akun TTE ditolak" });
    expect(sent[0]!.text).toContain("alasan: KTP buram");
  });

  it("marks mail failed after the attempt limit", async () => {
    await enqueue("mail-dead", "dead@kemenag.go.id");
    const down: Mailer = { send: async () => Promise.reject(new Error("550 no such user")) };
    const opts = { maxAttempts: 2, backoff: () => 0 };
    expect(await deliverOutbox(ctx.database.db, down, { ...opts, now: T0 })).toMatchObject({ retried: 1 });
    expect(await deliverOutbox(ctx.database.db, down, { ...opts, now: T0 })).toMatchObject({ failed: 1 });
    const [row] = await ctx.database.db.select().from(outbox).where(eq(outbox.id, "mail-dead"));
    expect(row).toMatchObject({ status: "failed", attempts: 2 });
  });

  it("delivers through SMTP to a server started in the test, in English when asked", async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _session, done) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          received.push(Buffer.concat(chunks).toString("utf8"));
          done();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.server.address() as { port: number }).port;
    const mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: "TTE <noreply@kemenag.go.id>" });
    try {
      await enqueue("mail-smtp", "smtp@kemenag.go.id", "en");
      expect(await deliverOutbox(ctx.database.db, mailer, { now: T0 })).toMatchObject({ sent: 1 });
    } finally {
      mailer.close();
      await new Promise<void>((r) => server.close(() => r()));
    }
    expect(received).toHaveLength(1);
    expect(received[0]).toContain("To: smtp@kemenag.go.id");
    expect(received[0]).toContain("Subject: TTE account verification rejected");
    expect(received[0]).toContain("KTP buram");
  });

  it("writes .eml files to a folder", async () => {
    const dir = await mkdtemp(join(tmpdir(), "teken-eml-"));
    try {
      await enqueue("mail-eml", "eml@kemenag.go.id");
      const mailer = createEmlFileMailer({ dir, from: "noreply@kemenag.go.id" });
      expect(await deliverOutbox(ctx.database.db, mailer, { now: T0 })).toMatchObject({ sent: 1 });
      const files = await readdir(dir);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.eml$/);
      const eml = await readFile(join(dir, files[0]!), "utf8");
      expect(eml).toContain("To: eml@kemenag.go.id");
      expect(eml).toContain("Subject: Verifikasi akun TTE ditolak");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
