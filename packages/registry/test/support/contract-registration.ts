import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/audit/audit-log";
import { auditLog, outbox, users } from "../../src/db/schema";
import { authenticate, createAccount } from "../../src/usecases/accounts";
import { enrolCertificate, getCertificate } from "../../src/usecases/certificates";
import {
  registerEmployee,
  registrationHistoryOf,
  resubmitRegistration,
} from "../../src/usecases/registration";
import {
  approveRegistration,
  correctEmail,
  downloadUpload,
  listRegistrationUploads,
  listVerificationQueue,
  rejectRegistration,
} from "../../src/usecases/verification";
import { png } from "./fakes";
import type { ContractContext } from "./registry-contract";
import { type World, form, makeWorld } from "./world";

const codes = (r: { ok: boolean; issues?: readonly { code: string }[] }) =>
  r.ok ? [] : r.issues!.map((i) => i.code);

/** Registration, verification queue and the correction path. */
export function registrationContract(ctx: ContractContext): void {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(ctx.database);
  });

  it("registers an employee waiting for verification, name from the directory, argon2id hash", async () => {
    const f = form(w, "Siti Aminah");
    const r = await registerEmployee(w.deps, { ...f });
    expect(r.ok).toBe(true);
    const [u] = await ctx.database.db.select().from(users).where(eq(users.nip, f.nip));
    expect(u).toMatchObject({
      name: "Siti Aminah",
      status: "waiting_verification",
      role: "pegawai",
      email: f.email,
    });
    expect(u!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(u!.passwordHash).not.toContain(f.password);
    expect((await authenticate(w.deps, { login: f.nip, password: f.password })).ok).toBe(true);
    expect(codes(await authenticate(w.deps, { login: f.nip, password: "wrong-password!" }))).toEqual([
      "FORBIDDEN",
    ]);
    const mail = await ctx.database.db.select().from(outbox).where(eq(outbox.recipient, f.email));
    expect(mail.map((m) => m.kind)).toEqual(["registration_received"]);
    expect(mail[0]!.subject).toBe("Pendaftaran TTE diterima");
  });

  it("refuses bad input with every issue, unknown NIPs and duplicates", async () => {
    const f = form(w);
    const bad = await registerEmployee(w.deps, {
      ...f,
      nik: "12",
      email: "budi@gmail.com",
      passwordConfirmation: "other",
      ktp: { bytes: png(300 * 1024), fileName: "ktp.png" },
      specimen: { bytes: new Uint8Array([1, 2, 3]), fileName: "x.bin" },
    });
    expect(codes(bad)).toEqual(
      expect.arrayContaining([
        "NIK_LENGTH",
        "EMAIL_DOMAIN_NOT_ALLOWED",
        "PASSWORD_MISMATCH",
        "UPLOAD_TOO_LARGE",
        "UPLOAD_TYPE_UNKNOWN",
      ]),
    );
    expect(codes(await registerEmployee(w.deps, { ...f, nip: "198001012005011998" }))).toEqual([
      "NIP_UNKNOWN",
    ]);
    expect((await registerEmployee(w.deps, f)).ok).toBe(true);
    expect(codes(await registerEmployee(w.deps, f))).toEqual(["DUPLICATE_NIP"]);
    const other = form(w);
    expect(
      codes(await registerEmployee(w.deps, { ...other, nik: f.nik.slice(0, 12) + other.nik.slice(12) })),
    ).toEqual([]);
    const third = form(w);
    expect(codes(await registerEmployee(w.deps, { ...third, email: f.email }))).toEqual(["DUPLICATE_EMAIL"]);
  });

  it("lists, filters and paginates the queue for admins of the same unit only", async () => {
    const v = await makeWorld(ctx.database);
    for (const name of ["Ani Lestari", "Bayu Putra", "Citra Dewi"])
      expect((await registerEmployee(v.deps, form(v, name))).ok).toBe(true);
    const page1 = await listVerificationQueue(v.deps, { actorId: v.adminId, limit: 2 });
    const page2 = await listVerificationQueue(v.deps, { actorId: v.adminId, limit: 2, offset: 2 });
    expect(page1.ok && page1.value.total).toBe(3);
    expect(page1.ok && page1.value.items.map((i) => i.name)).toHaveLength(2);
    expect(page2.ok && page2.value.items).toHaveLength(1);
    const search = await listVerificationQueue(v.deps, { actorId: v.adminId, search: "bayu" });
    expect(search.ok && search.value.items.map((i) => i.name)).toEqual(["Bayu Putra"]);
    const otherAdmin = await listVerificationQueue(w.deps, { actorId: w.adminId, search: "bayu" });
    expect(otherAdmin.ok && otherAdmin.value.total).toBe(0);
    const employee = page1.ok ? page1.value.items[0]!.userId : "";
    expect(codes(await listVerificationQueue(v.deps, { actorId: employee }))).toEqual(["FORBIDDEN"]);
    expect(codes(await approveRegistration(w.deps, { actorId: w.adminId, userId: employee }))).toEqual([
      "FORBIDDEN",
    ]);
    const files = await listRegistrationUploads(v.deps, { actorId: v.adminId, userId: employee });
    expect(files.ok && files.value.map((f) => f.kind).sort()).toEqual(["ktp", "recommendation", "specimen"]);
    const ktp = files.ok ? files.value.find((f) => f.kind === "ktp")! : undefined;
    const download = await downloadUpload(v.deps, { actorId: v.adminId, uploadId: ktp!.id });
    expect(download.ok && download.value.mediaType).toBe("image/png");
    expect(codes(await downloadUpload(w.deps, { actorId: w.adminId, uploadId: ktp!.id }))).toEqual([
      "FORBIDDEN",
    ]);
  });

  it("refuses unknown units and enrolment before verification", async () => {
    const unknownUnit = await createAccount(w.deps, {
      actorId: null,
      role: "admin_satker",
      unitCode: "TIDAK-ADA",
      name: "X",
      email: "x.unknown@kemenag.go.id",
      password: "Teh-Manis-Hangat-Pagi-42",
    });
    expect(codes(unknownUnit)).toEqual(["UNIT_UNKNOWN"]);
    const f = form(w, "Fajar Nugroho");
    const r = await registerEmployee(w.deps, f);
    const userId = r.ok ? r.value.userId : "";
    expect(codes(await enrolCertificate(w.deps, { userId }))).toEqual(["INVALID_TRANSITION"]);
    expect(
      codes(
        await createAccount(w.deps, {
          actorId: userId,
          role: "admin_satker",
          unitCode: w.unitCode,
          name: "Y",
          email: "y.x@kemenag.go.id",
          password: "Teh-Manis-Hangat-Pagi-42",
        }),
      ),
    ).toEqual(["FORBIDDEN"]);
  });

  it("rejects with a reason, keeps history through resubmission, then approves", async () => {
    const f = form(w, "Dedi Kurniawan");
    const r = await registerEmployee(w.deps, f);
    const userId = r.ok ? r.value.userId : "";
    expect(codes(await rejectRegistration(w.deps, { actorId: w.adminId, userId, reason: "  " }))).toEqual([
      "STATE_NOTE_REQUIRED",
    ]);
    expect(
      (await rejectRegistration(w.deps, { actorId: w.adminId, userId, reason: "Scan KTP buram" })).ok,
    ).toBe(true);
    expect(codes(await approveRegistration(w.deps, { actorId: w.adminId, userId }))).toEqual([
      "STATE_EVENT_NOT_ALLOWED",
    ]);
    const again = await resubmitRegistration(w.deps, {
      actorId: userId,
      ktp: { bytes: png(2000), fileName: "ktp-jelas.png" },
    });
    expect(again).toEqual({ ok: true, value: { attempt: 2 } });
    const queue = await listVerificationQueue(w.deps, { actorId: w.adminId, search: "Dedi" });
    expect(queue.ok && queue.value.items[0]).toMatchObject({ status: "resubmitted", attempt: 2 });
    expect((await approveRegistration(w.deps, { actorId: w.adminId, userId })).ok).toBe(true);
    const history = await registrationHistoryOf(w.deps, { actorId: userId, userId });
    expect(history.ok && history.value.map((h) => [h.event, h.attempt, h.reason])).toEqual([
      ["submit", 1, null],
      ["reject", 1, "Scan KTP buram"],
      ["correct", 2, null],
      ["resubmit", 2, null],
      ["approve", 2, null],
    ]);
    expect(history.ok && history.value[2]!.details).toEqual({ ktp: "replaced" });
    const mails = await ctx.database.db.select().from(outbox).where(eq(outbox.recipient, f.email));
    expect(mails.map((m) => m.kind).sort()).toEqual([
      "registration_received",
      "registration_rejected",
      "registration_verified",
    ]);
    expect(mails.find((m) => m.kind === "registration_rejected")!.body).toContain("Scan KTP buram");
  });

  it("corrects a wrong email after verification: audited, re-enrols at the CA, re-addresses mail", async () => {
    const f = form(w, "Eka Saputra");
    const r = await registerEmployee(w.deps, { ...f, email: "eka.salah@kemenag.go.id" });
    const userId = r.ok ? r.value.userId : "";
    await approveRegistration(w.deps, { actorId: w.adminId, userId });
    await enrolCertificate(w.deps, { userId });
    expect(w.ca.registered.at(-1)).toEqual({ nik: f.nik, email: "eka.salah@kemenag.go.id" });
    expect(
      codes(
        await correctEmail(w.deps, {
          actorId: w.adminId,
          userId,
          email: "eka.benar@kemenag.go.id",
          reason: "",
        }),
      ),
    ).toEqual(["STATE_NOTE_REQUIRED"]);
    expect(
      codes(
        await correctEmail(w.deps, {
          actorId: userId,
          userId,
          email: "eka.benar@kemenag.go.id",
          reason: "x",
        }),
      ),
    ).toEqual(["FORBIDDEN"]);
    const fixed = await correctEmail(w.deps, {
      actorId: w.adminId,
      userId,
      email: "eka.benar@kemenag.go.id",
      reason: "Salah ketik email saat pendaftaran",
    });
    expect(fixed).toEqual({ ok: true, value: { reenrol: true } });
    const cert = await getCertificate(w.deps, { actorId: userId, userId });
    expect(cert.ok && cert.value).toMatchObject({
      status: "NOT_REGISTERED",
      enrolledEmail: "eka.benar@kemenag.go.id",
    });
    expect((await enrolCertificate(w.deps, { userId })).ok).toBe(true);
    expect(w.ca.registered.at(-1)).toEqual({ nik: f.nik, email: "eka.benar@kemenag.go.id" });
    const oldMail = await ctx.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.recipient, "eka.salah@kemenag.go.id"));
    expect(oldMail).toEqual([]);
    const newMail = await ctx.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.recipient, "eka.benar@kemenag.go.id"));
    expect(newMail.map((m) => m.kind)).toContain("email_corrected");
    const audit = await ctx.database.db.select().from(auditLog).where(eq(auditLog.action, "account.correct"));
    expect(audit.at(-1)!.summary).toMatchObject({
      from: "eka.salah@kemenag.go.id",
      to: "eka.benar@kemenag.go.id",
    });
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });
}
