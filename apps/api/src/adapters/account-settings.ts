import { randomBytes } from "node:crypto";
import { type Result, fail, issue, ok } from "@teken/core";
import {
  type RegistryDeps,
  appendAudit,
  getCertificate,
  hashPassword,
  resolveDeps,
  tables,
  verifyPassword,
} from "@teken/registry";
import { eq } from "drizzle-orm";

/** What a user sees of their own account. */
export interface Profile {
  readonly userId: string;
  readonly name: string;
  readonly nip: string | null;
  readonly email: string;
  readonly role: string;
  readonly status: string;
  readonly unit: { readonly code: string; readonly name: string };
  readonly certificate: { readonly status: string; readonly notAfter: Date | null } | null;
}

/** The user's own profile with the unit and certificate status (never the NIK or password hash). */
export async function profileOf(deps: RegistryDeps, userId: string): Promise<Result<Profile>> {
  const { users, units } = tables;
  const [row] = await deps.db
    .select({ user: users, unit: units })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, userId));
  if (!row) return fail(issue("NOT_FOUND"));
  const cert = await getCertificate(deps, { actorId: userId, userId });
  return ok({
    userId,
    name: row.user.name,
    nip: row.user.nip,
    email: row.user.email,
    role: row.user.role,
    status: row.user.status,
    unit: { code: row.unit.code, name: row.unit.name },
    certificate: cert.ok ? { status: cert.value.status, notAfter: cert.value.notAfter ?? null } : null,
  });
}

/**
 * Changes the user's password: the current one must match, the new one passes the identity
 * rules (not derived from name/NIP/NIK/email) and its confirmation; argon2id; audited without values.
 */
export async function changePassword(
  deps: RegistryDeps,
  input: { userId: string; current: string; next: string; confirmation: string },
): Promise<Result<{ changed: true }>> {
  const d = resolveDeps(deps);
  const { users } = tables;
  const [user] = await d.db.select().from(users).where(eq(users.id, input.userId));
  if (!user) return fail(issue("NOT_FOUND"));
  if (!(await verifyPassword(input.current, user.passwordHash))) return fail(issue("FORBIDDEN", ["current"]));
  if (input.next !== input.confirmation) return fail(issue("PASSWORD_MISMATCH", ["confirmation"]));
  const issues = d.rules.password(input.next, {
    name: user.name,
    email: user.email,
    ...(user.nip ? { nip: user.nip } : {}),
    ...(user.nik ? { nik: user.nik } : {}),
  });
  if (issues.length > 0) return fail(...issues.map((i) => ({ ...i, path: ["next", ...i.path] })));
  const passwordHash = await hashPassword(input.next, new Uint8Array(randomBytes(16)));
  const now = d.now();
  await d.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, user.id));
    await appendAudit(tx, {
      actorId: user.id,
      action: "account.password_change",
      targetType: "user",
      targetId: user.id,
      at: now,
    });
  });
  return ok({ changed: true });
}
