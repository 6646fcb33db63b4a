import { constantTimeEqual, randomDigits, sha256Hex, toB64 } from "./bytes";
import { type SimulatorContext, sendMail } from "./context";
import { BsreFault, fault } from "./faults";
import { unwrapWithMaster, wrapWithMaster } from "./key-vault";
import type { SealSubscriber } from "./state";
import { masterKey } from "./users";

/**
 * Organisation seals. The public material names the calls (`/seal/get/activation`,
 * `/seal/get/totp`, `/seal/pdf`, `/seal/revoke/activation`) but not their semantics; the
 * simulator's choice: an activation code is mailed to the subscriber; exchanging it activates
 * the subscriber and mails a seal TOTP valid for `totpTtlMs`, reusable for several seal calls
 * until it expires or the activation is revoked with it.
 */
function seals(ctx: SimulatorContext): SealSubscriber[] {
  ctx.state.seals ??= [];
  return ctx.state.seals;
}

/** The subscriber, or 2011 as for unknown users. */
export function findSeal(ctx: SimulatorContext, idSubscriber: string): SealSubscriber {
  const seal = seals(ctx).find((s) => s.idSubscriber === idSubscriber);
  if (!seal) throw new BsreFault(400, "Subscriber seal tidak terdaftar", 2011);
  return seal;
}

/** Operator: creates a subscriber with a fresh key and a seal certificate in the organisation's name. */
export async function createSeal(
  ctx: SimulatorContext,
  input: { idSubscriber: string; name: string; email: string },
): Promise<SealSubscriber> {
  if (seals(ctx).some((s) => s.idSubscriber === input.idSubscriber)) throw fault.alreadyRegistered();
  const keys = await ctx.ca.generateKey();
  const notBefore = ctx.now();
  const notAfter = new Date(notBefore.getTime() + ctx.settings.validityDays * 86_400_000);
  const issued = await ctx.ca.issue({
    publicKey: keys.publicKey,
    name: input.name,
    email: input.email,
    nik: "",
    notBefore,
    notAfter,
  });
  const seal: SealSubscriber = {
    ...input,
    certificate: toB64(issued.certificate),
    serialNumber: issued.serialNumber,
    notAfter: notAfter.toISOString(),
    serviceWrappedKey: await wrapWithMaster(keys.privateKey, await masterKey(ctx), ctx.crypto),
    activated: false,
  };
  seals(ctx).push(seal);
  await ctx.save();
  return seal;
}

/** True when `code` matches an unexpired hash. */
async function matches(
  ctx: SimulatorContext,
  code: string,
  hash: string | undefined,
  expiresAt: string | undefined,
): Promise<boolean> {
  if (!hash || !expiresAt || new Date(expiresAt) <= ctx.now()) return false;
  return constantTimeEqual(await sha256Hex(code, ctx.crypto), hash);
}

/** Mails a fresh activation code. */
export async function requestActivation(ctx: SimulatorContext, seal: SealSubscriber): Promise<void> {
  const code = randomDigits(6, ctx.crypto);
  seal.activationHash = await sha256Hex(code, ctx.crypto);
  seal.activationExpiresAt = new Date(ctx.now().getTime() + ctx.settings.totpTtlMs).toISOString();
  sendMail(ctx, seal.email, "Kode Aktivasi Seal", `Kode aktivasi seal ${seal.idSubscriber}: ${code}`);
  await ctx.save();
}

/** Exchanges the activation code for a seal TOTP (mailed); a wrong code answers 2032. */
export async function issueSealTotp(
  ctx: SimulatorContext,
  seal: SealSubscriber,
  activationCode: string,
): Promise<void> {
  if (!(await matches(ctx, activationCode, seal.activationHash, seal.activationExpiresAt)))
    throw fault.wrongTotp();
  const code = randomDigits(6, ctx.crypto);
  seal.activated = true;
  delete seal.activationHash;
  delete seal.activationExpiresAt;
  seal.totpHash = await sha256Hex(code, ctx.crypto);
  seal.totpExpiresAt = new Date(ctx.now().getTime() + ctx.settings.totpTtlMs).toISOString();
  sendMail(ctx, seal.email, "TOTP Seal", `TOTP seal ${seal.idSubscriber}: ${code}`);
  await ctx.save();
}

/** Checks the seal TOTP of an activated subscriber and returns its key. */
export async function unlockSeal(
  ctx: SimulatorContext,
  seal: SealSubscriber,
  totp: string,
): Promise<CryptoKey> {
  if (!seal.activated) throw fault.certificateNotIssued();
  if (!(await matches(ctx, totp, seal.totpHash, seal.totpExpiresAt)) || !ctx.state.masterKey)
    throw fault.wrongTotp();
  return unwrapWithMaster(seal.serviceWrappedKey, ctx.state.masterKey, ctx.crypto);
}

/** Revokes the activation (needs the current seal TOTP). */
export async function revokeActivation(
  ctx: SimulatorContext,
  seal: SealSubscriber,
  totp: string,
): Promise<void> {
  await unlockSeal(ctx, seal, totp);
  seal.activated = false;
  delete seal.totpHash;
  delete seal.totpExpiresAt;
  await ctx.save();
}

/** The certificate view used by the signing port. */
export function sealSigner(seal: SealSubscriber): { certificate: string; nama: string } {
  return { certificate: seal.certificate, nama: seal.name };
}
