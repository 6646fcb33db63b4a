import { tables } from "@teken/registry";
import { and, eq } from "drizzle-orm";
import type { AppDeps } from "../deps";
import { apiError } from "../errors";

/**
 * Checks the second factor of a signing request before the registry signs: when the signer has
 * TOTP enabled, `code` must be a fresh code of their enrolled secret (or an unused recovery
 * code). A retry carrying an `Idempotency-Key` the signer already used skips the check, so the
 * registry can answer the stored result instead of refusing the now-used code. Wrong codes count
 * against the account throttle; the code itself is never logged or echoed.
 */
export async function checkSigningTotp(
  deps: AppDeps,
  userId: string,
  code: string | undefined,
  idempotencyKey: string,
): Promise<void> {
  const [user] = await deps.registry.db
    .select({ totpEnabled: tables.users.totpEnabled })
    .from(tables.users)
    .where(eq(tables.users.id, userId));
  if (!user?.totpEnabled) return;
  if (!code) throw apiError("TOTP_REQUIRED", ["totp"]);
  const [seen] = await deps.registry.db
    .select({ id: tables.signingRequests.id })
    .from(tables.signingRequests)
    .where(
      and(
        eq(tables.signingRequests.actorId, userId),
        eq(tables.signingRequests.idempotencyKey, idempotencyKey),
      ),
    )
    .limit(1);
  if (seen) return;
  const throttle = deps.throttles?.account;
  const key = `totp-sign:${userId}`;
  if (throttle && (await throttle.locked(key))) throw apiError("TOO_MANY_ATTEMPTS");
  if (!deps.totp || !(await deps.totp.check(userId, code))) {
    await throttle?.fail(key);
    throw apiError("TOTP_INVALID", ["totp"]);
  }
  await throttle?.reset(key);
}
