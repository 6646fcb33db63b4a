import {
  type Result,
  certificateMachine,
  certificateTransition,
  eventsBetween,
  isState,
  ok,
} from "@teken/core";
import { and, eq, isNotNull, lte } from "drizzle-orm";
import { appendAudit } from "../audit/audit-log";
import { type RegistryDeps, type ResolvedDeps, resolveDeps } from "../context";
import { certificates, users } from "../db/schema";
import { enqueueMail } from "../mail/outbox";
import type { CertificateState } from "../ports";
import { administers, loadUser, refuse, transact } from "./common";

/** Days before expiry at which holders are reminded (DOMAIN.md §2: certificates last 2 years). */
export const REMINDER_DAYS = [60, 30, 7] as const;
const DAY = 86_400_000;

/** A stored certificate status. */
export type CertificateRow = typeof certificates.$inferSelect;

/** Enrols a verified user at the CA (BSrE registration, sends the activation email) and stores the answer. */
export async function enrolCertificate(
  deps: RegistryDeps,
  input: { userId: string },
): Promise<Result<CertificateRow>> {
  const d = resolveDeps(deps);
  if (!d.ca) return refuse("INVALID_INPUT", ["ca"]);
  const user = await loadUser(d.db, input.userId);
  if (!user?.nik || !user.nip) return refuse("NOT_FOUND");
  if (user.status !== "verified") return refuse("INVALID_TRANSITION", ["status"]);
  const [cert] = await d.db.select().from(certificates).where(eq(certificates.userId, user.id));
  if (cert && cert.status !== "NOT_REGISTERED") return refuse("INVALID_TRANSITION", ["certificate"]);
  const state = await d.ca.register({ nik: user.nik, nip: user.nip, name: user.name, email: user.email });
  return record(d, user.id, user.email, state, "register");
}

/** Polls the CA for a user's status and stores it (audited when it changed). */
export async function syncCertificate(
  deps: RegistryDeps,
  input: { userId: string },
): Promise<Result<CertificateRow>> {
  const d = resolveDeps(deps);
  if (!d.ca) return refuse("INVALID_INPUT", ["ca"]);
  const user = await loadUser(d.db, input.userId);
  if (!user?.nik) return refuse("NOT_FOUND");
  return record(d, user.id, user.email, await d.ca.status({ nik: user.nik }), "poll");
}

/** The holder asks for renewal (ISSUE or EXPIRED -> RENEW); the CA then asks for a new passphrase. */
export async function requestCertificateRenewal(
  deps: RegistryDeps,
  input: { actorId: string },
): Promise<Result<CertificateRow>> {
  const d = resolveDeps(deps);
  if (!d.ca) return refuse("INVALID_INPUT", ["ca"]);
  const user = await loadUser(d.db, input.actorId);
  const [cert] = await d.db.select().from(certificates).where(eq(certificates.userId, input.actorId));
  if (!user?.nik || !cert) return refuse("NOT_FOUND");
  if (user.role !== "pegawai" || user.status !== "verified") return refuse("FORBIDDEN");
  const allowed = certificateTransition(cert.status, "request_renewal", { role: "pegawai" });
  if (!allowed.ok) return allowed;
  const state = await d.ca.requestRenewal({ nik: user.nik, email: user.email });
  const now = d.now();
  await d.db.update(certificates).set({ renewalRequestedAt: now }).where(eq(certificates.userId, user.id));
  return record(d, user.id, user.email, state, "request_renewal", user.id);
}

/** A user's stored certificate status (the holder, or an admin of their unit). */
export async function getCertificate(
  deps: RegistryDeps,
  input: { actorId: string; userId: string },
): Promise<Result<CertificateRow>> {
  const d = resolveDeps(deps);
  const [actor, user] = [await loadUser(d.db, input.actorId), await loadUser(d.db, input.userId)];
  const [cert] = await d.db.select().from(certificates).where(eq(certificates.userId, input.userId));
  if (!actor || !user || !cert) return refuse("NOT_FOUND");
  if (actor.id !== user.id && !administers(actor, user.unitId)) return refuse("FORBIDDEN");
  return ok(cert);
}

async function record(
  d: ResolvedDeps,
  userId: string,
  email: string,
  state: CertificateState,
  cause: string,
  actorId: string | null = null,
): Promise<Result<CertificateRow>> {
  const now = d.now();
  return transact(d.db, async (tx) => {
    const [cert] = await tx.select().from(certificates).where(eq(certificates.userId, userId)).for("update");
    const from = cert?.status ?? "NOT_REGISTERED";
    const changed = from !== state.status;
    const values = {
      status: state.status,
      notBefore: state.notBefore ?? cert?.notBefore ?? null,
      notAfter: state.notAfter ?? cert?.notAfter ?? null,
      checkedAt: now,
      updatedAt: changed ? now : (cert?.updatedAt ?? now),
      ...(changed && state.status === "ISSUE" ? { remindersSent: [] } : {}),
    };
    const [row] = cert
      ? await tx.update(certificates).set(values).where(eq(certificates.userId, userId)).returning()
      : await tx
          .insert(certificates)
          .values({ userId, enrolledEmail: email, ...values })
          .returning();
    if (changed) {
      const events = isState(certificateMachine, from)
        ? eventsBetween(certificateMachine, from, state.status)
        : [];
      await appendAudit(tx, {
        actorId,
        action: "certificate.status",
        targetType: "user",
        targetId: userId,
        summary: { from, to: state.status, event: events[0] ?? "unexpected_jump", cause },
        at: now,
      });
    }
    return ok(row!);
  });
}

/**
 * Queues the 60/30/7-day expiry reminders that are due (each threshold once per validity
 * period; a late run sends only the most urgent one). Returns how many were queued.
 */
export async function sendExpiryReminders(deps: RegistryDeps): Promise<number> {
  const d = resolveDeps(deps);
  const now = d.now();
  const horizon = new Date(now.getTime() + REMINDER_DAYS[0] * DAY);
  const due = await d.db
    .select({ userId: certificates.userId })
    .from(certificates)
    .where(
      and(
        eq(certificates.status, "ISSUE"),
        isNotNull(certificates.notAfter),
        lte(certificates.notAfter, horizon),
      ),
    );
  let queued = 0;
  for (const { userId } of due) {
    const sent = await transact(d.db, async (tx) => {
      const [cert] = await tx
        .select()
        .from(certificates)
        .where(eq(certificates.userId, userId))
        .for("update");
      const user = await loadUser(tx, userId);
      if (!cert?.notAfter || !user || cert.status !== "ISSUE") return ok(false);
      const daysLeft = Math.ceil((cert.notAfter.getTime() - now.getTime()) / DAY);
      if (daysLeft <= 0) return ok(false);
      const threshold = [...REMINDER_DAYS].reverse().find((t) => daysLeft <= t);
      if (threshold === undefined || cert.remindersSent.includes(threshold)) return ok(false);
      const passed = REMINDER_DAYS.filter((t) => t >= threshold);
      await tx
        .update(certificates)
        .set({ remindersSent: [...new Set([...cert.remindersSent, ...passed])] })
        .where(eq(certificates.userId, userId));
      const until = cert.notAfter.toISOString().slice(0, 10);
      await enqueueMail(tx, {
        id: d.newId(),
        kind: "certificate_expiring",
        to: user.email,
        lang: d.lang,
        params: { name: user.name, days: daysLeft, until },
        now,
      });
      await appendAudit(tx, {
        actorId: null,
        action: "certificate.reminder",
        targetType: "user",
        targetId: userId,
        summary: { threshold, daysLeft },
        at: now,
      });
      return ok(true);
    });
    if (sent.ok && sent.value) queued++;
  }
  return queued;
}

/** One pass of the certificate worker: enrols approved users not yet at the CA, polls the rest. */
export async function runCertificateWorker(
  deps: RegistryDeps,
): Promise<{ enrolled: number; polled: number }> {
  const d = resolveDeps(deps);
  const rows = await d.db
    .select({ userId: certificates.userId, status: certificates.status })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(eq(users.status, "verified"));
  let enrolled = 0;
  let polled = 0;
  for (const row of rows) {
    if (row.status === "NOT_REGISTERED") enrolled += (await enrolCertificate(d, row)).ok ? 1 : 0;
    else if (row.status !== "REVOKE") polled += (await syncCertificate(d, row)).ok ? 1 : 0;
  }
  return { enrolled, polled };
}
