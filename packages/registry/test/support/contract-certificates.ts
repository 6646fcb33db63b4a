import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditLog, certificates, outbox } from "../../src/db/schema";
import {
  getCertificate,
  requestCertificateRenewal,
  runCertificateWorker,
  sendExpiryReminders,
  syncCertificate,
} from "../../src/usecases/certificates";
import { registerEmployee } from "../../src/usecases/registration";
import { approveRegistration } from "../../src/usecases/verification";
import type { ContractContext } from "./registry-contract";
import { form, makeWorld, signerReady, type World } from "./world";

const codes = (r: { ok: boolean; issues?: readonly { code: string }[] }) =>
  r.ok ? [] : r.issues!.map((i) => i.code);

/** Certificate enrolment worker, expiry reminders (60/30/7 days) and renewal. */
export function certificatesContract(ctx: ContractContext): void {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(ctx.database);
  });
  const expiring = async (email: string) =>
    (
      await ctx.database.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.kind, "certificate_expiring"), eq(outbox.recipient, email)))
    ).map((m) => m.subject);

  it("the worker enrols approved users at the CA and polls the others", async () => {
    const f = form(w, "Gita Permata");
    const r = await registerEmployee(w.deps, f);
    const userId = r.ok ? r.value.userId : "";
    await approveRegistration(w.deps, { actorId: w.adminId, userId });
    const run = await runCertificateWorker(w.deps);
    expect(run.enrolled).toBeGreaterThanOrEqual(1);
    expect(w.ca.registered.map((x) => x.nik)).toContain(f.nik);
    const cert = await getCertificate(w.deps, { actorId: w.adminId, userId });
    expect(cert.ok && cert.value.status).toBe("NEW");
  });

  it("reminds at 60, 30 and 7 days before expiry, once each", async () => {
    const s = await signerReady(w, "Hadi Wijaya");
    const at = (iso: string) => {
      w.now.value = new Date(iso);
    };
    at("2027-10-01T00:00:00Z");
    expect(await sendExpiryReminders(w.deps)).toBe(0);
    at("2027-11-05T00:00:00Z");
    expect(await sendExpiryReminders(w.deps)).toBe(1);
    expect(await sendExpiryReminders(w.deps)).toBe(0);
    at("2027-12-05T00:00:00Z");
    expect(await sendExpiryReminders(w.deps)).toBe(1);
    at("2027-12-28T00:00:00Z");
    expect(await sendExpiryReminders(w.deps)).toBe(1);
    at("2027-12-30T00:00:00Z");
    expect(await sendExpiryReminders(w.deps)).toBe(0);
    expect(await expiring(s.email)).toEqual([
      "Sertifikat elektronik Anda berakhir dalam 57 hari",
      "Sertifikat elektronik Anda berakhir dalam 27 hari",
      "Sertifikat elektronik Anda berakhir dalam 4 hari",
    ]);
  });

  it("a late run sends only the most urgent reminder", async () => {
    w.now.value = new Date("2026-03-01T00:00:00Z");
    const s = await signerReady(w, "Indah Sari");
    w.now.value = new Date("2027-12-29T00:00:00Z");
    await sendExpiryReminders(w.deps);
    expect(await expiring(s.email)).toEqual(["Sertifikat elektronik Anda berakhir dalam 3 hari"]);
    const [row] = await ctx.database.db.select().from(certificates).where(eq(certificates.userId, s.userId));
    expect([...row!.remindersSent].sort((a, b) => a - b)).toEqual([7, 30, 60]);
  });

  it("renews: ISSUE -> RENEW at the holder's request, back to ISSUE when the CA approves", async () => {
    w.now.value = new Date("2027-12-01T00:00:00Z");
    const s = await signerReady(w, "Joko Susilo");
    await sendExpiryReminders(w.deps);
    expect(codes(await requestCertificateRenewal(w.deps, { actorId: w.adminId }))).toEqual(["NOT_FOUND"]);
    const renew = await requestCertificateRenewal(w.deps, { actorId: s.userId });
    expect(renew.ok && renew.value.status).toBe("RENEW");
    expect(w.ca.renewals).toContain(s.nik);
    expect(codes(await requestCertificateRenewal(w.deps, { actorId: s.userId }))).toEqual([
      "STATE_EVENT_NOT_ALLOWED",
    ]);
    w.ca.set(s.nik, {
      status: "ISSUE",
      notBefore: new Date("2027-12-02T00:00:00Z"),
      notAfter: new Date("2029-12-02T00:00:00Z"),
    });
    const back = await syncCertificate(w.deps, { userId: s.userId });
    expect(back.ok && back.value).toMatchObject({ status: "ISSUE", remindersSent: [] });
    expect(back.ok && back.value.notAfter?.toISOString()).toBe("2029-12-02T00:00:00.000Z");
    const events = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "certificate.status"), eq(auditLog.targetId, s.userId)));
    expect(events.map((e) => e.summary.event)).toEqual([
      "register",
      "unexpected_jump",
      "request_renewal",
      "approve_renewal",
    ]);
    w.now.value = new Date("2026-03-01T08:00:00.000Z");
  });
}
