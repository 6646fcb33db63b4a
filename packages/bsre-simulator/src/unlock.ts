import { constantTimeEqual, randomDigits, sha256Hex } from "./bytes";
import { type SimulatorContext, sendMail } from "./context";
import { fault } from "./faults";
import { openKey, sealKey, unwrapWithMaster } from "./key-vault";
import type { UserRecord } from "./state";
import { checkPolicy, effectiveStatus } from "./users";

/** How a sign request is authorised. */
export type Authorisation = { readonly passphrase: string } | { readonly totp: string };

/** Refuses users that may not sign, with the answer BSrE gives for each status. */
export function assertCanSign(
  ctx: SimulatorContext,
  user: UserRecord | undefined,
): asserts user is UserRecord {
  if (!user) throw fault.notRegistered();
  const now = ctx.now();
  if (user.lockedUntil && new Date(user.lockedUntil) > now) throw fault.locked(user.lockedUntil);
  const status = effectiveStatus(ctx, user);
  if (status === "ISSUE") return;
  if (status === "EXPIRED" || status === "NOT_REGISTERED") throw fault.notRegistered();
  if (status === "REVOKE") throw fault.revoked();
  if (status === "SUSPEND") throw fault.suspended();
  throw fault.certificateNotIssued();
}

/** Counts a wrong attempt in the sliding window and locks the user at the limit. */
async function recordFailure(ctx: SimulatorContext, user: UserRecord): Promise<void> {
  const now = ctx.now();
  const since = now.getTime() - ctx.settings.windowMs;
  user.failures = [...user.failures.filter((t) => new Date(t).getTime() > since), now.toISOString()];
  if (user.failures.length >= ctx.settings.maxAttempts) {
    user.lockedUntil = new Date(now.getTime() + ctx.settings.lockMs).toISOString();
    user.failures = [];
  }
  await ctx.save();
}

/** Clears the failure count after a success. */
async function recordSuccess(ctx: SimulatorContext, user: UserRecord): Promise<void> {
  if (user.failures.length === 0 && !user.lockedUntil) return;
  user.failures = [];
  delete user.lockedUntil;
  await ctx.save();
}

/** Opens the user's key with the passphrase; a wrong one answers 2031 and counts toward the lockout. */
export async function unlockWithPassphrase(
  ctx: SimulatorContext,
  user: UserRecord,
  passphrase: string,
): Promise<CryptoKey> {
  if (!user.encryptedKey) throw fault.certificateNotIssued();
  const key = await openKey(user.encryptedKey, passphrase, { crypto: ctx.crypto });
  if (!key) {
    await recordFailure(ctx, user);
    throw fault.wrongPassphrase();
  }
  await recordSuccess(ctx, user);
  return key;
}

/** Consumes a sign TOTP valid for `files` files; a wrong one answers 2032 and counts toward the lockout. */
export async function unlockWithTotp(
  ctx: SimulatorContext,
  user: UserRecord,
  totp: string,
  files: number,
): Promise<CryptoKey> {
  if (!user.serviceWrappedKey || !ctx.state.masterKey) throw fault.certificateNotIssued();
  const now = ctx.now().getTime();
  ctx.state.totps = ctx.state.totps.filter((t) => new Date(t.expiresAt).getTime() > now);
  const hash = await sha256Hex(totp, ctx.crypto);
  const match = ctx.state.totps.find((t) => t.userId === user.id && constantTimeEqual(t.codeHash, hash));
  if (!match || files > match.files) {
    await recordFailure(ctx, user);
    throw fault.wrongTotp();
  }
  ctx.state.totps = ctx.state.totps.filter((t) => t !== match);
  await recordSuccess(ctx, user);
  return unwrapWithMaster(user.serviceWrappedKey, ctx.state.masterKey, ctx.crypto);
}

/** Unlocks the signing key with either authorisation. */
export function unlockKey(
  ctx: SimulatorContext,
  user: UserRecord,
  auth: Authorisation,
  files: number,
): Promise<CryptoKey> {
  return "passphrase" in auth
    ? unlockWithPassphrase(ctx, user, auth.passphrase)
    : unlockWithTotp(ctx, user, auth.totp, files);
}

/** Issues a 6-digit sign TOTP for `files` files and "emails" it to the user. */
export async function issueSignTotp(ctx: SimulatorContext, user: UserRecord, files: number): Promise<void> {
  assertCanSign(ctx, user);
  const code = randomDigits(6, ctx.crypto);
  const expiresAt = new Date(ctx.now().getTime() + ctx.settings.totpTtlMs).toISOString();
  ctx.state.totps.push({ userId: user.id, codeHash: await sha256Hex(code, ctx.crypto), expiresAt, files });
  sendMail(
    ctx,
    user.email,
    "Kode TOTP Tanda Tangan",
    `Kode TOTP untuk menandatangani ${files} dokumen: ${code} (berlaku hingga ${expiresAt})`,
  );
  await ctx.save();
}

/** Changes the passphrase: decrypts with the old one (counted like a sign attempt), re-encrypts with the new. */
export async function changePassphrase(
  ctx: SimulatorContext,
  user: UserRecord,
  oldPassphrase: string,
  newPassphrase: string,
): Promise<void> {
  assertCanSign(ctx, user);
  const key = await unlockWithPassphrase(ctx, user, oldPassphrase);
  checkPolicy(ctx, user, newPassphrase, false, oldPassphrase);
  user.encryptedKey = await sealKey(key, newPassphrase, {
    crypto: ctx.crypto,
    iterations: ctx.settings.kdfIterations,
  });
  user.updatedAt = ctx.now().toISOString();
  await ctx.save();
}
