import { type Result, canSign, documentTransition, ok } from "@teken/core";
import { and, eq, inArray, lte } from "drizzle-orm";
import { appendAudit } from "../audit/audit-log";
import { sha256Hex } from "../blob/sha256";
import { type RegistryDeps, type ResolvedDeps, resolveDeps } from "../context";
import {
  certificates,
  documents,
  idempotencyKeys,
  revisions,
  signingRequests,
  verificationTokens,
} from "../db/schema";
import type { Db } from "../db/types";
import { Rollback, loadUser, refuse, transact } from "./common";
import { notifyWorkflow } from "./document-notify";
import { revisionBytes } from "./documents";
import { loadDocument, saveWorkflow, workflowOf } from "./workflow";

/** What a completed signature answers (also replayed for a repeated idempotency key). */
export interface SignedStep {
  readonly documentId: string;
  readonly revision: number;
  readonly sha256: string;
  readonly status: string;
}

/** The signer's confirmation. `passphrase`/`totp` go to the signing service only: never stored, logged or audited. */
export interface SignStepInput {
  readonly actorId: string;
  readonly documentId: string;
  readonly passphrase: string;
  readonly totp?: string;
  /** A client-chosen key; the same key replays the first outcome instead of signing again. */
  readonly idempotencyKey: string;
}

type Prepared = {
  requestId: string;
  nik: string;
  email: string;
  revision: number;
  anchor: string;
  signerName: string;
  nip: string | null;
  token: string;
};
type Validity = { readonly notBefore: Date; readonly notAfter: Date };

/**
 * Signs the actor's current step: (1) under row locks, checks turn, certificate (`ISSUE` only)
 * and TOTP, and records a pending signing request; (2) calls the `SigningService` with the
 * current revision; (3) stores the signed PDF as a blob; (4) under locks again, adds the
 * revision, completes the step and notifies the next actor. A repeated idempotency key replays
 * the result; a concurrent attempt gets `SIGNING_IN_PROGRESS`; a crash after (2) is completed
 * by `reconcileSigningRequests`.
 */
export async function signStep(deps: RegistryDeps, input: SignStepInput): Promise<Result<SignedStep>> {
  const d = resolveDeps(deps);
  if (!d.signer) return refuse("INVALID_INPUT", ["signer"]);
  const prepared = await reserve(d, input);
  if (!prepared.ok) return prepared;
  if ("replay" in prepared.value) return ok(prepared.value.replay);
  const { requestId, nik, email, revision, anchor, signerName, nip, token } = prepared.value;
  const current = await revisionBytes(d, input.documentId, revision);
  if (!current) return refuse("NOT_FOUND");
  let outcome: Awaited<ReturnType<NonNullable<ResolvedDeps["signer"]>["sign"]>>;
  try {
    outcome = await d.signer.sign({
      requestId,
      nik,
      email,
      passphrase: input.passphrase,
      ...(input.totp ? { totp: input.totp } : {}),
      pdf: current.bytes,
      anchor,
      reason: "Ditandatangani secara elektronik",
      signerName,
      ...(nip ? { nip } : {}),
      verifyUrl: d.verifyBaseUrl + token,
      remember: (reference) => rememberReference(d, requestId, reference),
    });
  } catch {
    // The service may or may not have signed: the request stays pending for reconciliation.
    return refuse("SIGNING_FAILED", [], { retryable: "reconcile" });
  }
  if (!outcome.ok) return failRequest(d, input, requestId, outcome.code);
  return storeAndComplete(d, requestId, outcome.pdf, outcome.certificate);
}

/** Stores the service's name for a pending request's result (see `SignRequest.remember`). */
async function rememberReference(d: ResolvedDeps, requestId: string, reference: string): Promise<void> {
  await d.db
    .update(signingRequests)
    .set({ serviceReference: reference, updatedAt: d.now() })
    .where(and(eq(signingRequests.id, requestId), eq(signingRequests.status, "pending")));
}

async function reserve(
  d: ResolvedDeps,
  input: SignStepInput,
): Promise<Result<Prepared | { replay: SignedStep }>> {
  const requestHash = sha256Hex(`sign\n${input.documentId}`);
  const now = d.now();
  return transact<Prepared | { replay: SignedStep }>(d.db, async (tx) => {
    const inserted = await tx
      .insert(idempotencyKeys)
      .values({
        actorId: input.actorId,
        key: input.idempotencyKey,
        operation: "sign",
        requestHash,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) {
      const [key] = await tx
        .select()
        .from(idempotencyKeys)
        .where(
          and(eq(idempotencyKeys.actorId, input.actorId), eq(idempotencyKeys.key, input.idempotencyKey)),
        );
      if (!key || key.requestHash !== requestHash) return refuse("IDEMPOTENCY_KEY_REUSED");
      if (key.response) return ok({ replay: key.response as unknown as SignedStep });
      return refuse("SIGNING_IN_PROGRESS");
    }
    const fail = (r: Result<never>) => {
      throw new Rollback(r);
    };
    const actor = await loadUser(tx, input.actorId);
    const loaded = await loadDocument(tx, input.documentId, true);
    if (!actor || !loaded) return fail(refuse("NOT_FOUND"));
    const step = loaded.steps.find((s) => s.status === "active");
    const turn = documentTransition(workflowOf(loaded.doc, loaded.steps), "sign", {
      role: "pegawai",
      actorId: actor.id,
    });
    if (!turn.ok || !step) return fail(turn.ok ? refuse("STEP_NOT_ACTIVE") : turn);
    const [cert] = await tx.select().from(certificates).where(eq(certificates.userId, actor.id));
    if (!cert || !canSign(cert.status) || !actor.nik) return fail(refuse("CERTIFICATE_NOT_ISSUED"));
    if (actor.totpEnabled && !input.totp) return fail(refuse("TOTP_REQUIRED", ["totp"]));
    const busy = await tx
      .select({ id: signingRequests.id })
      .from(signingRequests)
      .where(
        and(eq(signingRequests.stepId, step.id), inArray(signingRequests.status, ["pending", "signed"])),
      );
    if (busy.length > 0) return fail(refuse("SIGNING_IN_PROGRESS"));
    const [token] = await tx
      .select({ token: verificationTokens.token })
      .from(verificationTokens)
      .where(eq(verificationTokens.documentId, loaded.doc.id));
    if (!token) return fail(refuse("NOT_FOUND"));
    const requestId = d.newId();
    await tx.insert(signingRequests).values({
      id: requestId,
      stepId: step.id,
      documentId: loaded.doc.id,
      actorId: actor.id,
      idempotencyKey: input.idempotencyKey,
      inputRevision: loaded.doc.currentRevision,
      status: "pending",
      createdAt: now,
      updatedAt: now,
    });
    await appendAudit(tx, {
      actorId: actor.id,
      action: "signing.request",
      targetType: "document",
      targetId: loaded.doc.id,
      summary: { request: requestId, revision: loaded.doc.currentRevision },
      at: now,
    });
    return ok({
      requestId,
      nik: actor.nik,
      email: actor.email,
      revision: loaded.doc.currentRevision,
      anchor: loaded.doc.anchor,
      signerName: actor.name,
      nip: actor.nip,
      token: token.token,
    });
  });
}

async function failRequest(
  d: ResolvedDeps,
  input: SignStepInput,
  requestId: string,
  code: string,
): Promise<Result<never>> {
  const now = d.now();
  await d.db.transaction(async (tx) => {
    await tx
      .update(signingRequests)
      .set({ status: "failed", errorCode: code, updatedAt: now })
      .where(eq(signingRequests.id, requestId));
    // The key is released so the signer can retry (e.g. after a mistyped passphrase).
    await tx
      .delete(idempotencyKeys)
      .where(and(eq(idempotencyKeys.actorId, input.actorId), eq(idempotencyKeys.key, input.idempotencyKey)));
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "signing.fail",
      targetType: "document",
      targetId: input.documentId,
      summary: { request: requestId, code },
      at: now,
    });
  });
  return refuse("SIGNING_FAILED", [], { reason: code });
}

/** Stores the signed bytes (blob first), marks the request `signed`, then completes the step. */
async function storeAndComplete(
  d: ResolvedDeps,
  requestId: string,
  pdf: Uint8Array,
  validity?: Validity,
): Promise<Result<SignedStep>> {
  const hash = await d.blobs.put(pdf);
  await d.db
    .update(signingRequests)
    .set({ status: "signed", resultBlobHash: hash, updatedAt: d.now() })
    .where(and(eq(signingRequests.id, requestId), eq(signingRequests.status, "pending")));
  return complete(d, requestId, hash, pdf.byteLength, validity);
}

/** Step 4: under locks, the new revision, the step done, the answer kept; the signing certificate's validity recorded. */
async function complete(
  d: ResolvedDeps,
  requestId: string,
  hash: string,
  size: number,
  validity?: Validity,
): Promise<Result<SignedStep>> {
  const now = d.now();
  return transact(d.db, async (tx) => {
    const [req] = await tx
      .select()
      .from(signingRequests)
      .where(eq(signingRequests.id, requestId))
      .for("update");
    if (!req) return refuse("NOT_FOUND");
    const loaded = await loadDocument(tx, req.documentId, true);
    if (!loaded) return refuse("NOT_FOUND");
    if (req.status === "stored") return ok(await storedAnswer(tx, req.idempotencyKey, req.actorId));
    const step = loaded.steps.find((s) => s.id === req.stepId);
    const wf = workflowOf(loaded.doc, loaded.steps);
    const next = documentTransition(wf, "sign", { role: "pegawai", actorId: req.actorId });
    if (!next.ok || step?.status !== "active" || loaded.doc.currentRevision !== req.inputRevision) {
      await tx
        .update(signingRequests)
        .set({ status: "discarded", updatedAt: now })
        .where(eq(signingRequests.id, req.id));
      return refuse(next.ok ? "REVISION_CHANGED" : "STEP_NOT_ACTIVE");
    }
    const revision = loaded.doc.currentRevision + 1;
    await tx.insert(revisions).values({
      documentId: req.documentId,
      number: revision,
      blobHash: hash,
      size,
      reason: "signed",
      stepId: req.stepId,
      createdBy: req.actorId,
      createdAt: now,
    });
    await tx.update(documents).set({ currentRevision: revision }).where(eq(documents.id, req.documentId));
    if (validity)
      await tx
        .update(certificates)
        .set({ notBefore: validity.notBefore, notAfter: validity.notAfter, updatedAt: now })
        .where(eq(certificates.userId, req.actorId));
    await saveWorkflow(tx, loaded.doc, loaded.steps, next.value, now);
    const answer: SignedStep = {
      documentId: req.documentId,
      revision,
      sha256: hash,
      status: next.value.status,
    };
    await tx
      .update(signingRequests)
      .set({ status: "stored", resultBlobHash: hash, updatedAt: now })
      .where(eq(signingRequests.id, req.id));
    await tx
      .update(idempotencyKeys)
      .set({ response: { ...answer } })
      .where(and(eq(idempotencyKeys.actorId, req.actorId), eq(idempotencyKeys.key, req.idempotencyKey)));
    await appendAudit(tx, {
      actorId: req.actorId,
      action: "document.sign",
      targetType: "document",
      targetId: req.documentId,
      summary: { request: req.id, revision, sha256: hash, status: next.value.status },
      at: now,
    });
    await notifyWorkflow(tx, d, loaded.doc, next.value, now);
    return ok(answer);
  });
}

async function storedAnswer(tx: Db, key: string, actorId: string): Promise<SignedStep> {
  const [row] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.actorId, actorId), eq(idempotencyKeys.key, key)));
  return row!.response as unknown as SignedStep;
}

/** What one reconciliation pass did. */
export interface ReconcileReport {
  readonly completed: number;
  readonly abandoned: number;
}

/**
 * Finishes signing requests interrupted by a crash (run at start-up and periodically): a
 * `signed` request is completed from its stored blob; a `pending` one older than `olderThanMs`
 * asks the signing service for its result by request id — found: stored and completed exactly
 * once; not found: abandoned (the signer signs again; the passphrase was never kept).
 */
export async function reconcileSigningRequests(
  deps: RegistryDeps,
  options: { olderThanMs?: number } = {},
): Promise<ReconcileReport> {
  const d = resolveDeps(deps);
  const cutoff = new Date(d.now().getTime() - (options.olderThanMs ?? 120_000));
  const open = await d.db
    .select()
    .from(signingRequests)
    .where(
      and(inArray(signingRequests.status, ["pending", "signed"]), lte(signingRequests.updatedAt, cutoff)),
    );
  let completed = 0;
  let abandoned = 0;
  for (const req of open) {
    if (req.status === "signed" && req.resultBlobHash) {
      const bytes = await d.blobs.get(req.resultBlobHash);
      if (bytes && (await complete(d, req.id, req.resultBlobHash, bytes.byteLength)).ok) completed++;
      continue;
    }
    const bytes = await d.signer?.retrieve(req.id, req.serviceReference ?? undefined);
    if (bytes) {
      if ((await storeAndComplete(d, req.id, bytes)).ok) completed++;
      continue;
    }
    await d.db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(signingRequests)
        .where(eq(signingRequests.id, req.id))
        .for("update");
      if (row?.status !== "pending") return;
      await tx
        .update(signingRequests)
        .set({ status: "abandoned", updatedAt: d.now() })
        .where(eq(signingRequests.id, req.id));
      await tx
        .delete(idempotencyKeys)
        .where(and(eq(idempotencyKeys.actorId, req.actorId), eq(idempotencyKeys.key, req.idempotencyKey)));
      await appendAudit(tx, {
        actorId: null,
        action: "signing.abandon",
        targetType: "document",
        targetId: req.documentId,
        summary: { request: req.id },
        at: d.now(),
      });
      abandoned++;
    });
  }
  return { completed, abandoned };
}
