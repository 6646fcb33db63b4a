import { type Issue, type Result, accountTransition, ok } from "@teken/core";
import { and, eq, or } from "drizzle-orm";
import { appendAudit } from "../audit/audit-log";
import { type RegistryDeps, type ResolvedDeps, resolveDeps } from "../context";
import { registrationHistory, registrations, units, uploads, users } from "../db/schema";
import type { Db } from "../db/types";
import { enqueueMail } from "../mail/outbox";
import { hashPassword } from "../password";
import type { UploadKind as AnyUploadKind } from "../rules/identity-rules";

type UploadKind = Exclude<AnyUploadKind, "document">;
import { Rollback, administers, loadUser, refuse, refuseWith, transact, uniqueViolation } from "./common";

/** A file given at registration. */
export interface UploadInput {
  readonly bytes: Uint8Array;
  readonly fileName: string;
}

/** The registration form (DOMAIN.md §2): the name comes from the personnel directory, not the form. */
export interface RegisterInput {
  readonly nip: string;
  readonly nik: string;
  readonly email: string;
  readonly password: string;
  readonly passwordConfirmation: string;
  readonly specimen: UploadInput;
  readonly ktp: UploadInput;
  readonly recommendation: UploadInput;
}

type StoredUpload = { kind: UploadKind; hash: string; mediaType: string; size: number; fileName: string };

/**
 * Registers an employee: validates the form with the identity rules, looks the NIP up in the
 * `EmployeeDirectory`, refuses duplicate NIP/NIK/email, hashes the password (argon2id), stores
 * the uploads (blobs first) and leaves the account "waiting_verification".
 * @example const r = await registerEmployee(deps, form); if (r.ok) r.value.userId
 */
export async function registerEmployee(
  deps: RegistryDeps,
  input: RegisterInput,
): Promise<Result<{ userId: string }>> {
  const d = resolveDeps(deps);
  const checked = checkForm(d, input);
  if (!checked.ok) return checked;
  const { nip, nik, email } = checked.value;
  const employee = await d.directory?.lookup(nip);
  if (!employee) return refuse("NIP_UNKNOWN", ["nip"]);
  const [unit] = await d.db.select().from(units).where(eq(units.code, employee.unitCode));
  if (!unit) return refuse("UNIT_UNKNOWN", ["nip"]);
  const duplicate = await findDuplicate(d.db, { nip, nik, email });
  if (duplicate) return duplicate;
  const files = await storeUploads(d, input);
  if (!files.ok) return files;
  const passwordHash = await hashPassword(input.password, d.randomBytes(16));
  const userId = d.newId();
  const now = d.now();
  try {
    return await transact(d.db, async (tx) => {
      const submitted = accountTransition("registered", "submit", { role: "pegawai" });
      if (!submitted.ok) return submitted;
      await tx.insert(users).values({
        id: userId,
        nip,
        nik,
        name: employee.name,
        email,
        role: "pegawai",
        unitId: unit.id,
        passwordHash,
        status: submitted.value.to,
        createdAt: now,
        updatedAt: now,
      });
      const ids = await insertUploads(tx, d, userId, files.value, now);
      await tx.insert(registrations).values({
        userId,
        status: submitted.value.to,
        attempt: 1,
        specimenUploadId: ids.specimen,
        ktpUploadId: ids.ktp,
        recommendationUploadId: ids.recommendation,
        submittedAt: now,
      });
      await tx
        .insert(registrationHistory)
        .values({ userId, event: "submit", attempt: 1, actorId: userId, at: now });
      await appendAudit(tx, {
        actorId: userId,
        action: "registration.submit",
        targetType: "user",
        targetId: userId,
        summary: { nip, unit: employee.unitCode },
        at: now,
      });
      await enqueueMail(tx, {
        id: d.newId(),
        kind: "registration_received",
        to: email,
        lang: d.lang,
        params: { name: employee.name },
        now,
      });
      return ok({ userId });
    });
  } catch (e) {
    return duplicateFromError(e);
  }
}

/** Changes a rejected applicant may make before resubmitting. */
export interface ResubmitInput {
  readonly actorId: string;
  readonly nik?: string;
  readonly email?: string;
  readonly specimen?: UploadInput;
  readonly ktp?: UploadInput;
  readonly recommendation?: UploadInput;
}

/**
 * Resubmits a rejected registration with corrected data (account events `correct` then
 * `resubmit`); the previous attempt, its rejection reason and the changed fields stay in history.
 */
export async function resubmitRegistration(
  deps: RegistryDeps,
  input: ResubmitInput,
): Promise<Result<{ attempt: number }>> {
  const d = resolveDeps(deps);
  const user = await loadUser(d.db, input.actorId);
  if (user?.role !== "pegawai") return refuse("FORBIDDEN");
  const issues: Issue[] = [];
  const nik = input.nik === undefined ? undefined : d.rules.nik(input.nik, user.nip ?? "");
  const email = input.email === undefined ? undefined : d.rules.email(input.email);
  if (nik) issues.push(...nik.issues);
  if (email) issues.push(...email.issues);
  const files: StoredUpload[] = [];
  for (const kind of ["specimen", "ktp", "recommendation"] as const) {
    const file = input[kind];
    if (!file) continue;
    const checked = d.rules.upload(kind, file.bytes);
    if (!checked.value) issues.push(...checked.issues);
    else
      files.push({
        kind,
        hash: "",
        mediaType: checked.value.mediaType,
        size: file.bytes.byteLength,
        fileName: file.fileName,
      });
  }
  if (issues.length > 0) return refuseWith(issues);
  for (const f of files) f.hash = await d.blobs.put(input[f.kind]!.bytes);
  const now = d.now();
  try {
    return await transact(d.db, async (tx) => {
      const locked = (await loadUser(tx, user.id, true))!;
      const corrected = accountTransition(locked.status, "correct", { role: "pegawai" });
      if (!corrected.ok) return corrected;
      const resubmitted = accountTransition(corrected.value.to, "resubmit", { role: "pegawai" });
      if (!resubmitted.ok) return resubmitted;
      const [reg] = await tx
        .select()
        .from(registrations)
        .where(eq(registrations.userId, user.id))
        .for("update");
      if (!reg) return refuse("NOT_FOUND");
      const attempt = reg.attempt + 1;
      const changed: Record<string, string> = {};
      if (nik?.value && nik.value !== locked.nik) changed.nik = "changed";
      if (email?.value && email.value !== locked.email) changed.email = `${locked.email} -> ${email.value}`;
      await tx
        .update(users)
        .set({
          nik: nik?.value ?? locked.nik,
          email: email?.value ?? locked.email,
          status: resubmitted.value.to,
          updatedAt: now,
        })
        .where(eq(users.id, user.id));
      const ids = await insertUploads(tx, d, user.id, files, now);
      for (const kind of Object.keys(ids)) changed[kind] = "replaced";
      await tx
        .update(registrations)
        .set({
          status: resubmitted.value.to,
          attempt,
          specimenUploadId: ids.specimen ?? reg.specimenUploadId,
          ktpUploadId: ids.ktp ?? reg.ktpUploadId,
          recommendationUploadId: ids.recommendation ?? reg.recommendationUploadId,
          submittedAt: now,
          decidedAt: null,
          decidedBy: null,
          reason: null,
        })
        .where(eq(registrations.userId, user.id));
      await tx.insert(registrationHistory).values([
        { userId: user.id, event: "correct", attempt, actorId: user.id, details: changed, at: now },
        { userId: user.id, event: "resubmit", attempt, actorId: user.id, at: now },
      ]);
      await appendAudit(tx, {
        actorId: user.id,
        action: "registration.resubmit",
        targetType: "user",
        targetId: user.id,
        summary: { attempt, changed: Object.keys(changed).join(",") },
        at: now,
      });
      return ok({ attempt });
    });
  } catch (e) {
    return duplicateFromError(e);
  }
}

function checkForm(
  d: ResolvedDeps,
  input: RegisterInput,
): Result<{ nip: string; nik: string; email: string }> {
  const issues: Issue[] = [];
  const nip = d.rules.nip(input.nip);
  issues.push(...nip.issues);
  const nik = nip.value ? d.rules.nik(input.nik, nip.value) : undefined;
  if (nik) issues.push(...nik.issues);
  const email = d.rules.email(input.email);
  issues.push(...email.issues);
  if (input.password !== input.passwordConfirmation)
    issues.push({ code: "PASSWORD_MISMATCH", path: ["passwordConfirmation"] });
  issues.push(...d.rules.password(input.password, { nip: input.nip, nik: input.nik, email: input.email }));
  for (const kind of ["specimen", "ktp", "recommendation"] as const)
    issues.push(...d.rules.upload(kind, input[kind].bytes).issues);
  if (issues.length > 0 || !nip.value || !nik?.value || !email.value) return refuseWith(issues);
  return ok({ nip: nip.value, nik: nik.value, email: email.value });
}

async function findDuplicate(
  db: Db,
  id: { nip: string; nik: string; email: string },
): Promise<Result<never> | undefined> {
  const rows = await db
    .select({ nip: users.nip, nik: users.nik, email: users.email })
    .from(users)
    .where(or(eq(users.nip, id.nip), eq(users.nik, id.nik), eq(users.email, id.email)));
  if (rows.some((r) => r.nip === id.nip)) return refuse("DUPLICATE_NIP", ["nip"]);
  if (rows.some((r) => r.nik === id.nik)) return refuse("DUPLICATE_NIK", ["nik"]);
  if (rows.length > 0) return refuse("DUPLICATE_EMAIL", ["email"]);
  return undefined;
}

async function storeUploads(d: ResolvedDeps, input: RegisterInput): Promise<Result<StoredUpload[]>> {
  const out: StoredUpload[] = [];
  for (const kind of ["specimen", "ktp", "recommendation"] as const) {
    const file = input[kind];
    const checked = d.rules.upload(kind, file.bytes);
    if (!checked.value) return refuseWith(checked.issues);
    const hash = await d.blobs.put(file.bytes);
    out.push({
      kind,
      hash,
      mediaType: checked.value.mediaType,
      size: file.bytes.byteLength,
      fileName: file.fileName,
    });
  }
  return ok(out);
}

async function insertUploads(
  tx: Db,
  d: ResolvedDeps,
  userId: string,
  files: readonly StoredUpload[],
  now: Date,
): Promise<Partial<Record<UploadKind, string>> & Record<UploadKind, string>> {
  const ids: Partial<Record<UploadKind, string>> = {};
  for (const f of files) {
    const id = d.newId();
    ids[f.kind] = id;
    await tx.insert(uploads).values({
      id,
      userId,
      kind: f.kind,
      blobHash: f.hash,
      mediaType: f.mediaType,
      size: f.size,
      fileName: f.fileName.slice(0, 200),
      createdAt: now,
    });
  }
  return ids as Record<UploadKind, string>;
}

function duplicateFromError(e: unknown): Result<never> {
  if (e instanceof Rollback) return e.result as Result<never>;
  const c = uniqueViolation(e);
  if (c?.includes("nip")) return refuse("DUPLICATE_NIP", ["nip"]);
  if (c?.includes("nik")) return refuse("DUPLICATE_NIK", ["nik"]);
  if (c?.includes("email")) return refuse("DUPLICATE_EMAIL", ["email"]);
  throw e;
}

/** The registration history of a user, oldest first (the user themself or an admin of their unit). */
export async function registrationHistoryOf(
  deps: RegistryDeps,
  input: { actorId: string; userId: string },
): Promise<Result<(typeof registrationHistory.$inferSelect)[]>> {
  const d = resolveDeps(deps);
  const [actor, user] = [await loadUser(d.db, input.actorId), await loadUser(d.db, input.userId)];
  if (!actor || !user) return refuse("NOT_FOUND");
  if (actor.id !== user.id && !administers(actor, user.unitId)) return refuse("FORBIDDEN");
  const rows = await d.db
    .select()
    .from(registrationHistory)
    .where(and(eq(registrationHistory.userId, user.id)))
    .orderBy(registrationHistory.id);
  return ok(rows);
}
