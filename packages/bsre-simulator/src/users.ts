import { type CertificateEvent, certificateTransition } from "@teken/core";
import { constantTimeEqual, randomDigits, sha256Hex, toB64 } from "./bytes";
import { type SimulatorContext, newId, sendMail } from "./context";
import { fault } from "./faults";
import { sealKey, unwrapWithMaster, wrapWithMaster } from "./key-vault";
import type { UserRecord } from "./state";

/** Who a request names: a NIK or an email. */
export type Identity = { readonly nik?: string; readonly email?: string };

/** Registration data (DOMAIN.md §2). */
export interface Registration {
  readonly nik: string;
  readonly email: string;
  readonly nama: string;
  readonly nip?: string;
  readonly jabatan?: string;
  readonly unitKerja?: string;
}

/** Finds a user by NIK or email. */
export function findUser(ctx: SimulatorContext, identity: Identity): UserRecord | undefined {
  if (identity.nik) return ctx.state.users.find((u) => u.nik === identity.nik);
  if (identity.email)
    return ctx.state.users.find((u) => u.email.toLowerCase() === identity.email?.toLowerCase());
  return undefined;
}

/** Finds a user by id or fails with 404. */
export function userById(ctx: SimulatorContext, id: string): UserRecord {
  const user = ctx.state.users.find((u) => u.id === id || u.nik === id);
  if (!user) throw fault.notFound("User tidak ditemukan");
  return user;
}

/** Applies a lifecycle event through @teken/core's certificate state machine. */
export function applyEvent(
  ctx: SimulatorContext,
  user: UserRecord,
  event: CertificateEvent,
  role: "bsre" | "pegawai",
  note?: string,
): void {
  const result = certificateTransition(user.status, event, note === undefined ? { role } : { role, note });
  if (!result.ok) throw fault.badRequest(`Status ${user.status} tidak mengizinkan ${event}`);
  user.status = result.value.to;
  user.updatedAt = ctx.now().toISOString();
  if (note !== undefined) user.note = note;
}

/** The status BSrE would report now: certificates past notAfter are EXPIRED; locked users show SUSPEND. */
export function effectiveStatus(ctx: SimulatorContext, user: UserRecord): UserRecord["status"] {
  const now = ctx.now();
  if (user.status === "ISSUE" && user.notAfter && new Date(user.notAfter) <= now) {
    applyEvent(ctx, user, "expire", "bsre");
  }
  if (user.status === "ISSUE" && user.lockedUntil && new Date(user.lockedUntil) > now) return "SUSPEND";
  return user.status;
}

/** Registers a user: NOT_REGISTERED -> NEW -> WAITING_FOR_VERIFICATION (identity documents come with the form). */
export async function registerUser(ctx: SimulatorContext, input: Registration): Promise<UserRecord> {
  if (findUser(ctx, { nik: input.nik }) || findUser(ctx, { email: input.email }))
    throw fault.alreadyRegistered();
  const at = ctx.now().toISOString();
  const user: UserRecord = {
    id: newId(ctx),
    nik: input.nik,
    email: input.email,
    nama: input.nama,
    ...(input.nip ? { nip: input.nip } : {}),
    ...(input.jabatan ? { jabatan: input.jabatan } : {}),
    ...(input.unitKerja ? { unitKerja: input.unitKerja } : {}),
    status: "NOT_REGISTERED",
    approved: false,
    failures: [],
    createdAt: at,
    updatedAt: at,
  };
  applyEvent(ctx, user, "register", "pegawai");
  applyEvent(ctx, user, "submit_identity", "pegawai");
  ctx.state.users.push(user);
  await ctx.save();
  return user;
}

/**
 * Operator approval. A waiting registration gets a one-time activation code by email (the
 * "Set Passphrase" mail); a renewal is issued its new certificate at once.
 */
export async function approveUser(ctx: SimulatorContext, user: UserRecord): Promise<void> {
  if (user.status === "RENEW") {
    await issueRenewal(ctx, user);
    await ctx.save();
    return;
  }
  if (user.status !== "WAITING_FOR_VERIFICATION")
    throw fault.badRequest(`Status ${user.status} tidak menunggu verifikasi`);
  const code = randomDigits(8, ctx.crypto);
  user.approved = true;
  user.activationCodeHash = await sha256Hex(code, ctx.crypto);
  user.updatedAt = ctx.now().toISOString();
  sendMail(ctx, user.email, "Set Passphrase", `Kode aktivasi untuk mengatur passphrase: ${code}`);
  await ctx.save();
}

/** Checks a new passphrase against the policy (with the user's identifiers); fails with the policy's codes. */
export function checkPolicy(
  ctx: SimulatorContext,
  user: UserRecord,
  passphrase: string,
  renewal: boolean,
  previous?: string,
): void {
  const issues = ctx.policy(passphrase, {
    renewal,
    nik: user.nik,
    email: user.email,
    name: user.nama,
    ...(user.nip ? { nip: user.nip } : {}),
    ...(previous === undefined ? {} : { previous }),
  });
  if (issues.length > 0) throw fault.badRequest(`Passphrase tidak memenuhi kebijakan: ${issues.join(", ")}`);
}

/** The master key wrapping TOTP-usable key copies, created on first use. */
export async function masterKey(ctx: SimulatorContext): Promise<string> {
  if (!ctx.state.masterKey) ctx.state.masterKey = toB64(ctx.crypto.getRandomValues(new Uint8Array(32)));
  return ctx.state.masterKey;
}

/** Generates a key and returns it encrypted under the passphrase and wrapped for TOTP use. */
async function newSealedKey(ctx: SimulatorContext, passphrase: string) {
  const keys = await ctx.ca.generateKey();
  const encryptedKey = await sealKey(keys.privateKey, passphrase, {
    crypto: ctx.crypto,
    iterations: ctx.settings.kdfIterations,
  });
  const serviceWrappedKey = await wrapWithMaster(keys.privateKey, await masterKey(ctx), ctx.crypto);
  return { keys, encryptedKey, serviceWrappedKey };
}

/** Issues a certificate for `publicKey` with the configured validity and stores it on the user. */
async function certify(ctx: SimulatorContext, user: UserRecord, publicKey: CryptoKey): Promise<void> {
  const notBefore = ctx.now();
  const notAfter = new Date(notBefore.getTime() + ctx.settings.validityDays * 86_400_000);
  const issued = await ctx.ca.issue({
    publicKey,
    name: user.nama,
    email: user.email,
    nik: user.nik,
    notBefore,
    notAfter,
  });
  user.certificate = toB64(issued.certificate);
  user.serialNumber = issued.serialNumber;
  user.notAfter = notAfter.toISOString();
}

/** The user sets their passphrase with the activation code: key generated, encrypted, certified -> ISSUE. */
export async function setPassphrase(
  ctx: SimulatorContext,
  user: UserRecord,
  activationCode: string,
  passphrase: string,
): Promise<void> {
  if (user.status !== "WAITING_FOR_VERIFICATION" || !user.approved || !user.activationCodeHash) {
    throw fault.badRequest("User belum diverifikasi operator");
  }
  if (!constantTimeEqual(await sha256Hex(activationCode, ctx.crypto), user.activationCodeHash)) {
    throw fault.badRequest("Kode aktivasi salah");
  }
  checkPolicy(ctx, user, passphrase, false);
  const { keys, encryptedKey, serviceWrappedKey } = await newSealedKey(ctx, passphrase);
  await certify(ctx, user, keys.publicKey);
  user.encryptedKey = encryptedKey;
  user.serviceWrappedKey = serviceWrappedKey;
  delete user.activationCodeHash;
  applyEvent(ctx, user, "issue", "bsre");
  sendMail(
    ctx,
    user.email,
    "Permohonan Penerbitan Berhasil",
    `Sertifikat elektronik ${user.nama} telah diterbitkan.`,
  );
  await ctx.save();
}

/** Renewal request with a new passphrase: a new key is kept pending until the operator approves. */
export async function requestRenewal(
  ctx: SimulatorContext,
  user: UserRecord,
  newPassphrase: string,
): Promise<void> {
  effectiveStatus(ctx, user);
  checkPolicy(ctx, user, newPassphrase, true);
  applyEvent(ctx, user, "request_renewal", "pegawai");
  const { encryptedKey, serviceWrappedKey } = await newSealedKey(ctx, newPassphrase);
  user.pendingRenewal = { encryptedKey, serviceWrappedKey };
  await ctx.save();
}

/** Issues the pending renewal: the new key replaces the old, a new certificate is issued -> ISSUE. */
async function issueRenewal(ctx: SimulatorContext, user: UserRecord): Promise<void> {
  if (!user.pendingRenewal) throw fault.badRequest("Tidak ada permohonan pembaruan");
  const privateKey = await unwrapWithMaster(
    user.pendingRenewal.serviceWrappedKey,
    await masterKey(ctx),
    ctx.crypto,
  );
  const publicKey = await publicKeyOf(ctx, privateKey);
  if (user.serialNumber) await ctx.ca.revoke(user.serialNumber, "superseded");
  await certify(ctx, user, publicKey);
  user.encryptedKey = user.pendingRenewal.encryptedKey;
  user.serviceWrappedKey = user.pendingRenewal.serviceWrappedKey;
  delete user.pendingRenewal;
  applyEvent(ctx, user, "approve_renewal", "bsre");
}

/** Derives the public key of an RSA or EC private key through its JWK. */
async function publicKeyOf(ctx: SimulatorContext, privateKey: CryptoKey): Promise<CryptoKey> {
  const jwk = await ctx.crypto.subtle.exportKey("jwk", privateKey);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
  return ctx.crypto.subtle.importKey(
    "jwk",
    { ...pub, key_ops: ["verify"] },
    privateKey.algorithm as RsaHashedImportParams,
    true,
    ["verify"],
  );
}

/** Operator transitions that need no key material. */
export async function operatorTransition(
  ctx: SimulatorContext,
  user: UserRecord,
  action: "expire" | "suspend" | "unsuspend" | "revoke" | "reject",
  note?: string,
): Promise<void> {
  effectiveStatus(ctx, user);
  const event: CertificateEvent =
    action === "reject" ? (user.status === "RENEW" ? "reject_renewal" : "reject_enrolment") : action;
  const needsNote = action === "suspend" || action === "reject" || action === "revoke";
  applyEvent(ctx, user, event, "bsre", note ?? (needsNote ? `operator: ${action}` : undefined));
  if (action === "revoke") {
    if (user.serialNumber) await ctx.ca.revoke(user.serialNumber, "unspecified");
    delete user.encryptedKey;
    delete user.serviceWrappedKey;
    delete user.pendingRenewal;
  }
  if (action === "unsuspend") {
    user.failures = [];
    delete user.lockedUntil;
  }
  await ctx.save();
}
