import type { Lang } from "./templates";
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { outbox } from "../db/schema";
import type { Db } from "../db/types";
import type { Mailer } from "../ports";
import { type MailKind, type MailParams, renderMail } from "./templates";

/** Puts a rendered notification in the outbox inside the caller's transaction. */
export async function enqueueMail(
  tx: Db,
  mail: { id: string; kind: MailKind; to: string; lang: Lang; params: MailParams; now: Date },
): Promise<void> {
  const { subject, text } = renderMail(mail.kind, mail.lang, mail.params);
  await tx.insert(outbox).values({
    id: mail.id,
    kind: mail.kind,
    recipient: mail.to,
    lang: mail.lang,
    subject,
    body: text,
    status: "pending",
    nextAttemptAt: mail.now,
    createdAt: mail.now,
  });
}

/** Options of `deliverOutbox`. */
export interface DeliveryOptions {
  readonly now?: Date;
  readonly batchSize?: number;
  /** Attempts before a mail is marked `failed` (default 8). */
  readonly maxAttempts?: number;
  /** Delay before retry n (1-based); default 1 min doubling, capped at 6 h. */
  readonly backoff?: (attempt: number) => number;
}

/** What one delivery run did. */
export interface DeliveryReport {
  readonly sent: number;
  readonly retried: number;
  readonly failed: number;
}

/** Exponential backoff: 1 min, 2 min, 4 min ... capped at 6 hours. */
export function defaultBackoff(attempt: number): number {
  return Math.min(60_000 * 2 ** (attempt - 1), 6 * 3600_000);
}

/**
 * The delivery worker: claims due mail with `FOR UPDATE SKIP LOCKED` (so several workers never
 * send the same mail), sends it through `mailer`, and records success or the next retry time.
 */
export async function deliverOutbox(
  db: Db,
  mailer: Mailer,
  options: DeliveryOptions = {},
): Promise<DeliveryReport> {
  const now = options.now ?? new Date();
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = options.backoff ?? defaultBackoff;
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)))
      .orderBy(asc(outbox.nextAttemptAt))
      .limit(options.batchSize ?? 20)
      .for("update", { skipLocked: true });
    if (due.length === 0) return due;
    // Lease the batch for 10 minutes so a crashed worker's mail becomes due again.
    await tx
      .update(outbox)
      .set({ nextAttemptAt: new Date(now.getTime() + 600_000) })
      .where(
        inArray(
          outbox.id,
          due.map((m) => m.id),
        ),
      );
    return due;
  });
  let sent = 0;
  let retried = 0;
  let failed = 0;
  for (const mail of claimed) {
    try {
      await mailer.send({ to: mail.recipient, subject: mail.subject, text: mail.body });
      await db
        .update(outbox)
        .set({ status: "sent", sentAt: now, attempts: sql`${outbox.attempts} + 1` })
        .where(eq(outbox.id, mail.id));
      sent++;
    } catch (e) {
      const attempts = mail.attempts + 1;
      const gaveUp = attempts >= maxAttempts;
      await db
        .update(outbox)
        .set({
          attempts,
          status: gaveUp ? "failed" : "pending",
          lastError: String((e as Error).message ?? e).slice(0, 300),
          nextAttemptAt: new Date(now.getTime() + backoff(attempts)),
        })
        .where(eq(outbox.id, mail.id));
      if (gaveUp) failed++;
      else retried++;
    }
  }
  return { sent, retried, failed };
}
