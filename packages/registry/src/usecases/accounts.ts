import { type Result, ok } from "@teken/core";
import { eq } from "drizzle-orm";
import { appendAudit } from "../audit/audit-log";
import { type RegistryDeps, resolveDeps } from "../context";
import { units, users } from "../db/schema";
import { hashPassword, verifyPassword } from "../password";
import { type AccountRole, refuse, refuseWith, transact, uniqueViolation } from "./common";

/**
 * Creates a work unit (satker); done by the operator at setup, audited with a null actor.
 * @example await createUnit(deps, { code: "KANWIL-JABAR", name: "Kanwil Kemenag Jawa Barat" })
 */
export async function createUnit(
  deps: RegistryDeps,
  input: { code: string; name: string },
): Promise<Result<{ id: string }>> {
  const d = resolveDeps(deps);
  const id = d.newId();
  return transact(d.db, async (tx) => {
    await tx.insert(units).values({ id, code: input.code, name: input.name });
    await appendAudit(tx, {
      actorId: null,
      action: "unit.create",
      targetType: "unit",
      targetId: id,
      summary: { code: input.code },
      at: d.now(),
    });
    return ok({ id });
  });
}

/** Input of `createAccount`. */
export interface CreateAccountInput {
  readonly actorId: string | null;
  readonly role: AccountRole;
  readonly unitCode: string;
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly nip?: string;
  readonly nik?: string;
  readonly totpEnabled?: boolean;
}

/**
 * Creates an already verified account (admins are appointed, not self-registered): only a
 * super admin may, or the operator (`actorId: null`) when bootstrapping.
 */
export async function createAccount(
  deps: RegistryDeps,
  input: CreateAccountInput,
): Promise<Result<{ id: string }>> {
  const d = resolveDeps(deps);
  const email = d.rules.email(input.email);
  if (!email.value) return refuseWith(email.issues);
  const issues = d.rules.password(input.password, {
    name: input.name,
    email: input.email,
    ...(input.nip ? { nip: input.nip } : {}),
    ...(input.nik ? { nik: input.nik } : {}),
  });
  if (issues.length > 0) return refuseWith(issues);
  const passwordHash = await hashPassword(input.password, d.randomBytes(16));
  const id = d.newId();
  const now = d.now();
  try {
    return await transact(d.db, async (tx) => {
      if (input.actorId !== null) {
        const [actor] = await tx.select().from(users).where(eq(users.id, input.actorId));
        if (actor?.role !== "super_admin" || actor.status !== "verified") return refuse("FORBIDDEN");
      }
      const [unit] = await tx.select().from(units).where(eq(units.code, input.unitCode));
      if (!unit) return refuse("UNIT_UNKNOWN", ["unitCode"]);
      await tx.insert(users).values({
        id,
        nip: input.nip ?? null,
        nik: input.nik ?? null,
        name: input.name,
        email: email.value!,
        role: input.role,
        unitId: unit.id,
        passwordHash,
        status: "verified",
        totpEnabled: input.totpEnabled ?? false,
        createdAt: now,
        updatedAt: now,
      });
      await appendAudit(tx, {
        actorId: input.actorId,
        action: "account.create",
        targetType: "user",
        targetId: id,
        summary: { role: input.role, unit: input.unitCode },
        at: now,
      });
      return ok({ id });
    });
  } catch (e) {
    const c = uniqueViolation(e);
    if (c?.includes("email")) return refuse("DUPLICATE_EMAIL", ["email"]);
    if (c?.includes("nip")) return refuse("DUPLICATE_NIP", ["nip"]);
    if (c?.includes("nik")) return refuse("DUPLICATE_NIK", ["nik"]);
    throw e;
  }
}

/** Checks a login (NIP or email + password); answers the user id, or refuses without saying which part was wrong. */
export async function authenticate(
  deps: RegistryDeps,
  input: { login: string; password: string },
): Promise<Result<{ userId: string; status: string; role: string }>> {
  const d = resolveDeps(deps);
  const login = input.login.trim().toLowerCase();
  const column = login.includes("@") ? users.email : users.nip;
  const [user] = await d.db
    .select()
    .from(users)
    .where(eq(column, login.replace(/\s/g, "")));
  if (!user || !(await verifyPassword(input.password, user.passwordHash))) return refuse("FORBIDDEN");
  return ok({ userId: user.id, status: user.status, role: user.role });
}
