import { type Result, accountAwaitingVerification, accountTransition, ok } from "@teken/core";
import { and, count, desc, eq, ilike, inArray, or } from "drizzle-orm";
import { appendAudit } from "../audit/audit-log";
import { type RegistryDeps, resolveDeps } from "../context";
import { certificates, outbox, registrationHistory, registrations, uploads, users } from "../db/schema";
import { enqueueMail } from "../mail/outbox";
import { administers, loadUser, refuse, refuseWith, transact, uniqueViolation } from "./common";

/** One row of the verification queue. */
export interface QueueItem {
  readonly userId: string;
  readonly nip: string | null;
  readonly name: string;
  readonly email: string;
  readonly status: string;
  readonly attempt: number;
  readonly submittedAt: Date;
}

/** Filters of the verification queue. */
export interface QueueQuery {
  readonly actorId: string;
  /** Account statuses to list (default: the ones awaiting verification). */
  readonly statuses?: readonly string[];
  /** Case-insensitive match on name, NIP or email. */
  readonly search?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/** Lists the registrations of the admin's unit, oldest submission first, with the total for paging. */
export async function listVerificationQueue(
  deps: RegistryDeps,
  query: QueueQuery,
): Promise<Result<{ items: QueueItem[]; total: number }>> {
  const d = resolveDeps(deps);
  const actor = await loadUser(d.db, query.actorId);
  if (
    !actor ||
    (actor.role !== "admin_satker" && actor.role !== "super_admin") ||
    actor.status !== "verified"
  )
    return refuse("FORBIDDEN");
  const statuses = query.statuses ?? accountAwaitingVerification;
  const term = query.search?.trim()
    ? `%${query.search.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`
    : undefined;
  const where = and(
    inArray(users.status, [...statuses]),
    actor.role === "super_admin" ? undefined : eq(users.unitId, actor.unitId),
    term ? or(ilike(users.name, term), ilike(users.nip, term), ilike(users.email, term)) : undefined,
  );
  const items = await d.db
    .select({
      userId: users.id,
      nip: users.nip,
      name: users.name,
      email: users.email,
      status: users.status,
      attempt: registrations.attempt,
      submittedAt: registrations.submittedAt,
    })
    .from(users)
    .innerJoin(registrations, eq(registrations.userId, users.id))
    .where(where)
    .orderBy(registrations.submittedAt, users.id)
    .limit(Math.min(query.limit ?? 20, 100))
    .offset(query.offset ?? 0);
  const [total] = await d.db
    .select({ n: count() })
    .from(users)
    .innerJoin(registrations, eq(registrations.userId, users.id))
    .where(where);
  return ok({ items, total: total?.n ?? 0 });
}

/** The uploads of a registration (metadata) for the admin's review. */
export async function listRegistrationUploads(
  deps: RegistryDeps,
  input: { actorId: string; userId: string },
): Promise<Result<(typeof uploads.$inferSelect)[]>> {
  const d = resolveDeps(deps);
  const [actor, user] = [await loadUser(d.db, input.actorId), await loadUser(d.db, input.userId)];
  if (!actor || !user) return refuse("NOT_FOUND");
  if (actor.id !== user.id && !administers(actor, user.unitId)) return refuse("FORBIDDEN");
  return ok(
    await d.db.select().from(uploads).where(eq(uploads.userId, user.id)).orderBy(desc(uploads.createdAt)),
  );
}

/** The bytes of one upload (the owner, or an admin of their unit); each admin view is audited. */
export async function downloadUpload(
  deps: RegistryDeps,
  input: { actorId: string; uploadId: string },
): Promise<Result<{ bytes: Uint8Array; mediaType: string; fileName: string }>> {
  const d = resolveDeps(deps);
  const [upload] = await d.db.select().from(uploads).where(eq(uploads.id, input.uploadId));
  const actor = await loadUser(d.db, input.actorId);
  if (!upload || !actor) return refuse("NOT_FOUND");
  const owner = (await loadUser(d.db, upload.userId))!;
  if (actor.id !== owner.id && !administers(actor, owner.unitId)) return refuse("FORBIDDEN");
  const bytes = await d.blobs.get(upload.blobHash);
  if (!bytes) return refuse("NOT_FOUND");
  await d.db.transaction((tx) =>
    appendAudit(tx, {
      actorId: actor.id,
      action: "upload.view",
      targetType: "upload",
      targetId: upload.id,
      summary: { kind: upload.kind, owner: owner.id },
      at: d.now(),
    }),
  );
  return ok({ bytes, mediaType: upload.mediaType, fileName: upload.fileName });
}

/** Approves ("Lolos Verifikasi") a registration; the certificate enrolment becomes due. */
export async function approveRegistration(
  deps: RegistryDeps,
  input: { actorId: string; userId: string },
): Promise<Result<{ status: string }>> {
  return decide(deps, { ...input, event: "approve" });
}

/** Rejects a registration with a reason the applicant sees. */
export async function rejectRegistration(
  deps: RegistryDeps,
  input: { actorId: string; userId: string; reason: string },
): Promise<Result<{ status: string }>> {
  return decide(deps, { ...input, event: "reject" });
}

async function decide(
  deps: RegistryDeps,
  input: { actorId: string; userId: string; event: "approve" | "reject"; reason?: string },
): Promise<Result<{ status: string }>> {
  const d = resolveDeps(deps);
  const now = d.now();
  return transact(d.db, async (tx) => {
    const actor = await loadUser(tx, input.actorId);
    const user = await loadUser(tx, input.userId, true);
    if (!actor || !user) return refuse("NOT_FOUND");
    if (!administers(actor, user.unitId) || actor.id === user.id) return refuse("FORBIDDEN");
    const role = actor.role as "admin_satker" | "super_admin";
    const moved = accountTransition(user.status, input.event, { role, note: input.reason ?? "" });
    if (!moved.ok) return moved;
    const [reg] = await tx
      .select()
      .from(registrations)
      .where(eq(registrations.userId, user.id))
      .for("update");
    if (!reg) return refuse("NOT_FOUND");
    const reason = input.event === "reject" ? input.reason!.trim() : null;
    await tx.update(users).set({ status: moved.value.to, updatedAt: now }).where(eq(users.id, user.id));
    await tx
      .update(registrations)
      .set({ status: moved.value.to, decidedAt: now, decidedBy: actor.id, reason })
      .where(eq(registrations.userId, user.id));
    await tx.insert(registrationHistory).values({
      userId: user.id,
      event: input.event,
      attempt: reg.attempt,
      actorId: actor.id,
      reason,
      at: now,
    });
    if (input.event === "approve") {
      await tx
        .insert(certificates)
        .values({
          userId: user.id,
          status: "NOT_REGISTERED",
          enrolledEmail: user.email,
          checkedAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing();
    }
    await appendAudit(tx, {
      actorId: actor.id,
      action: `registration.${input.event}`,
      targetType: "user",
      targetId: user.id,
      summary: reason ? { attempt: reg.attempt, reason } : { attempt: reg.attempt },
      at: now,
    });
    const kind = input.event === "approve" ? "registration_verified" : "registration_rejected";
    await enqueueMail(tx, {
      id: d.newId(),
      kind,
      to: user.email,
      lang: d.lang,
      params: { name: user.name, reason: reason ?? "" },
      now,
    });
    return ok({ status: moved.value.to });
  });
}

/**
 * The audited correction path for a verified account's email (the known "wrong email after
 * verification" case): updates the email, re-addresses pending mail, resets the BSrE
 * enrolment to the new address when no certificate was issued yet, and notifies the user.
 * Call `enrolCertificate` afterwards (or let the certificate worker do it) to re-enrol.
 */
export async function correctEmail(
  deps: RegistryDeps,
  input: { actorId: string; userId: string; email: string; reason: string },
): Promise<Result<{ reenrol: boolean }>> {
  const d = resolveDeps(deps);
  const email = d.rules.email(input.email);
  if (!email.value) return refuseWith(email.issues);
  const now = d.now();
  try {
    return await transact(d.db, async (tx) => {
      const actor = await loadUser(tx, input.actorId);
      const user = await loadUser(tx, input.userId, true);
      if (!actor || !user) return refuse("NOT_FOUND");
      if (!administers(actor, user.unitId) || actor.id === user.id) return refuse("FORBIDDEN");
      const moved = accountTransition(user.status, "admin_correct", {
        role: actor.role as "admin_satker",
        note: input.reason,
      });
      if (!moved.ok) return moved;
      const old = user.email;
      await tx.update(users).set({ email: email.value!, updatedAt: now }).where(eq(users.id, user.id));
      await tx
        .update(outbox)
        .set({ recipient: email.value! })
        .where(and(eq(outbox.recipient, old), eq(outbox.status, "pending")));
      const [cert] = await tx
        .select()
        .from(certificates)
        .where(eq(certificates.userId, user.id))
        .for("update");
      const reenrol = cert !== undefined && cert.status !== "ISSUE";
      if (reenrol) {
        await tx
          .update(certificates)
          .set({ status: "NOT_REGISTERED", enrolledEmail: email.value!, updatedAt: now })
          .where(eq(certificates.userId, user.id));
      }
      const [reg] = await tx.select().from(registrations).where(eq(registrations.userId, user.id));
      await tx.insert(registrationHistory).values({
        userId: user.id,
        event: "admin_correct",
        attempt: reg?.attempt ?? 0,
        actorId: actor.id,
        reason: input.reason.trim(),
        details: { field: "email", from: old, to: email.value! },
        at: now,
      });
      await appendAudit(tx, {
        actorId: actor.id,
        action: "account.correct",
        targetType: "user",
        targetId: user.id,
        summary: { field: "email", from: old, to: email.value!, reason: input.reason.trim(), reenrol },
        at: now,
      });
      await enqueueMail(tx, {
        id: d.newId(),
        kind: "email_corrected",
        to: email.value!,
        lang: d.lang,
        params: { name: user.name, email: email.value! },
        now,
      });
      return ok({ reenrol });
    });
  } catch (e) {
    if (uniqueViolation(e)) return refuse("DUPLICATE_EMAIL", ["email"]);
    throw e;
  }
}
