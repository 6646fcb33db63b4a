import {
  type DocumentWorkflow,
  type Result,
  createDocumentWorkflow,
  documentTransition,
  ok,
} from "@teken/core";
import { and, desc, eq, exists, inArray, or } from "drizzle-orm";
import { type AuditValue, appendAudit } from "../audit/audit-log";
import { type RegistryDeps, type ResolvedDeps, resolveDeps } from "../context";
import { documentSteps, documents, revisions, users, verificationTokens } from "../db/schema";
import type { Db } from "../db/types";
import { type UserRow, administers, loadUser, refuse, refuseWith, transact } from "./common";
import { notifyWorkflow } from "./document-notify";
import { type DocumentRow, loadDocument, saveWorkflow, workflowOf } from "./workflow";

/** The upload form of a document (DOMAIN.md §3). */
export interface CreateDocumentInput {
  readonly actorId: string;
  readonly pdf: Uint8Array;
  readonly jenis: string;
  readonly perihal: string;
  readonly paperSize: string;
  /** The anchor character typed where the signature goes (default `^`). */
  readonly anchor?: string;
  /** Ordered steps; the last must be a signature. */
  readonly steps: readonly { readonly kind: "paraf" | "sign"; readonly userId: string }[];
}

const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 128-bit random token (base64url) and an 8-character Crockford base32 human code (`XXXX-XXXX`). */
export function newVerificationToken(random: (n: number) => Uint8Array): {
  token: string;
  shortCode: string;
} {
  const token = Buffer.from(random(16)).toString("base64url");
  const code = Array.from(random(8), (b) => CODE_ALPHABET[b & 31]).join("");
  return { token, shortCode: `${code.slice(0, 4)}-${code.slice(4)}` };
}

/**
 * Uploads a document for signing: an admin of the unit or a pegawai who is one of the signers;
 * stores the original, applies the `DocumentPreparer` (footer/QR with the token) before the
 * first step, and puts the first step in its actor's inbox.
 * @example await createDocument(deps, { actorId, pdf, jenis: "Surat Keputusan", perihal, paperSize: "A4", steps: [{ kind: "sign", userId }] })
 */
export async function createDocument(
  deps: RegistryDeps,
  input: CreateDocumentInput,
): Promise<Result<{ documentId: string; token: string; shortCode: string }>> {
  const d = resolveDeps(deps);
  const actor = await loadUser(d.db, input.actorId);
  if (actor?.status !== "verified") return refuse("FORBIDDEN");
  const role =
    actor.role === "admin_satker" ? "admin_satker" : actor.role === "pegawai" ? "pegawai" : undefined;
  if (!role || (role === "pegawai" && !input.steps.some((s) => s.userId === actor.id && s.kind === "sign")))
    return refuse("FORBIDDEN");
  const checkedPdf = d.rules.upload("document", input.pdf);
  if (!checkedPdf.value) return refuseWith(checkedPdf.issues);
  if (!input.jenis.trim() || !input.perihal.trim())
    return refuse("INVALID_INPUT", [input.jenis.trim() ? "perihal" : "jenis"]);
  const wf = createDocumentWorkflow(input.steps.map((s) => ({ kind: s.kind, actorId: s.userId })));
  if (!wf.ok) return wf;
  const stepUsers = await d.db
    .select()
    .from(users)
    .where(
      inArray(
        users.id,
        input.steps.map((s) => s.userId),
      ),
    );
  for (const [i, s] of input.steps.entries()) {
    const u = stepUsers.find((x) => x.id === s.userId);
    if (u?.status !== "verified") return refuse("INVALID_INPUT", ["steps", i, "userId"]);
    // An uploader routes work only to its own unit's inboxes (DOMAIN.md §1: admin satker).
    if (u.unitId !== actor.unitId) return refuse("FORBIDDEN", ["steps", i, "userId"]);
  }
  const submitted = documentTransition(wf.value, "submit", { role, actorId: actor.id });
  if (!submitted.ok) return submitted;
  const { token, shortCode } = newVerificationToken(d.randomBytes);
  const anchor = input.anchor ?? "^";
  const originalHash = await d.blobs.put(input.pdf);
  const prepared = d.preparer
    ? await d.preparer.prepare({
        pdf: input.pdf,
        token,
        shortCode,
        verifyUrl: d.verifyBaseUrl + token,
        paperSize: input.paperSize,
        anchor,
      })
    : undefined;
  const preparedHash = prepared ? await d.blobs.put(prepared) : undefined;
  const documentId = d.newId();
  const now = d.now();
  return transact(d.db, async (tx) => {
    const doc: DocumentRow = {
      id: documentId,
      unitId: actor.unitId,
      createdBy: actor.id,
      jenis: input.jenis.trim(),
      perihal: input.perihal.trim(),
      paperSize: input.paperSize,
      anchor,
      status: "draft",
      currentRevision: prepared ? 2 : 1,
      note: null,
      createdAt: now,
      updatedAt: now,
    };
    await tx.insert(documents).values(doc);
    const steps = input.steps.map((s, position) => ({
      id: d.newId(),
      documentId,
      position,
      kind: s.kind,
      userId: s.userId,
      status: "waiting",
      completedAt: null,
      note: null,
    }));
    await tx.insert(documentSteps).values(steps);
    await tx.insert(revisions).values({
      documentId,
      number: 1,
      blobHash: originalHash,
      size: input.pdf.byteLength,
      reason: "original",
      createdBy: actor.id,
      createdAt: now,
    });
    if (prepared && preparedHash) {
      await tx.insert(revisions).values({
        documentId,
        number: 2,
        blobHash: preparedHash,
        size: prepared.byteLength,
        reason: "prepared",
        createdAt: now,
      });
    }
    await tx.insert(verificationTokens).values({ token, shortCode, documentId, createdAt: now });
    await saveWorkflow(tx, doc, steps, submitted.value, now);
    await appendAudit(tx, {
      actorId: actor.id,
      action: "document.create",
      targetType: "document",
      targetId: documentId,
      summary: { jenis: doc.jenis, steps: steps.length, sha256: originalHash, shortCode },
      at: now,
    });
    await notifyWorkflow(tx, d, doc, submitted.value, now);
    return ok({ documentId, token, shortCode });
  });
}

/** One inbox entry: a step that is the user's turn now, with its document. */
export interface InboxItem {
  readonly stepId: string;
  readonly kind: string;
  readonly position: number;
  readonly documentId: string;
  readonly jenis: string;
  readonly perihal: string;
  readonly createdAt: Date;
}

/** The user's inbox: only steps that are their turn now (earlier steps done), newest first. */
export async function listInbox(
  deps: RegistryDeps,
  input: { actorId: string; limit?: number; offset?: number },
): Promise<Result<InboxItem[]>> {
  const d = resolveDeps(deps);
  const rows = await d.db
    .select({
      stepId: documentSteps.id,
      kind: documentSteps.kind,
      position: documentSteps.position,
      documentId: documents.id,
      jenis: documents.jenis,
      perihal: documents.perihal,
      createdAt: documents.createdAt,
    })
    .from(documentSteps)
    .innerJoin(documents, eq(documents.id, documentSteps.documentId))
    .where(
      and(
        eq(documentSteps.userId, input.actorId),
        eq(documentSteps.status, "active"),
        eq(documents.status, "in_progress"),
      ),
    )
    .orderBy(desc(documents.createdAt), documents.id)
    .limit(Math.min(input.limit ?? 20, 100))
    .offset(input.offset ?? 0);
  return ok(rows);
}

/** Saves a workflow transition, audits it, notifies the next actor when asked; returns the new status. */
async function applyTransition(
  tx: Db,
  d: ResolvedDeps,
  change: {
    loaded: NonNullable<Awaited<ReturnType<typeof loadDocument>>>;
    next: DocumentWorkflow;
    now: Date;
  },
  audit: { actorId: string; action: string; summary: Readonly<Record<string, AuditValue>>; notify: boolean },
): Promise<Result<{ status: string }>> {
  const { loaded, next, now } = change;
  await saveWorkflow(tx, loaded.doc, loaded.steps, next, now);
  await appendAudit(tx, {
    actorId: audit.actorId,
    action: audit.action,
    targetType: "document",
    targetId: loaded.doc.id,
    summary: audit.summary,
    at: now,
  });
  if (audit.notify) await notifyWorkflow(tx, d, loaded.doc, next, now);
  return ok({ status: next.status });
}

/** The verifikator initials their step (paraf): no certificate involved, the next step becomes due. */
export async function parafStep(
  deps: RegistryDeps,
  input: { actorId: string; documentId: string },
): Promise<Result<{ status: string }>> {
  const d = resolveDeps(deps);
  const now = d.now();
  return transact(d.db, async (tx) => {
    const loaded = await loadDocument(tx, input.documentId, true);
    if (!loaded) return refuse("NOT_FOUND");
    const next = documentTransition(workflowOf(loaded.doc, loaded.steps), "paraf", {
      role: "verifikator",
      actorId: input.actorId,
    });
    if (!next.ok) return next;
    return applyTransition(
      tx,
      d,
      { loaded, next: next.value, now },
      {
        actorId: input.actorId,
        action: "document.paraf",
        summary: { step: next.value.currentStep },
        notify: true,
      },
    );
  });
}

/** The current step's actor returns the document with a note; the uploader is told. */
export async function returnDocument(
  deps: RegistryDeps,
  input: { actorId: string; documentId: string; note: string },
): Promise<Result<{ status: string }>> {
  const d = resolveDeps(deps);
  const now = d.now();
  return transact(d.db, async (tx) => {
    const loaded = await loadDocument(tx, input.documentId, true);
    if (!loaded) return refuse("NOT_FOUND");
    const wf = workflowOf(loaded.doc, loaded.steps);
    const step = wf.steps[wf.currentStep];
    const role = step?.kind === "paraf" ? "verifikator" : "pegawai";
    const next = documentTransition(wf, "return", { role, actorId: input.actorId, note: input.note });
    if (!next.ok) return next;
    return applyTransition(
      tx,
      d,
      { loaded, next: next.value, now },
      {
        actorId: input.actorId,
        action: "document.return",
        summary: { note: input.note.trim() },
        notify: true,
      },
    );
  });
}

/** Cancels an unfinished document ("Dokumen Dibatalkan"): its uploader, or an admin of its unit. */
export async function cancelDocument(
  deps: RegistryDeps,
  input: { actorId: string; documentId: string; reason?: string },
): Promise<Result<{ status: string }>> {
  const d = resolveDeps(deps);
  const now = d.now();
  return transact(d.db, async (tx) => {
    const actor = await loadUser(tx, input.actorId);
    const loaded = await loadDocument(tx, input.documentId, true);
    if (!actor || !loaded) return refuse("NOT_FOUND");
    const admin = administers(actor, loaded.doc.unitId);
    if (!admin && loaded.doc.createdBy !== actor.id) return refuse("FORBIDDEN");
    const role = admin ? (actor.role as "admin_satker" | "super_admin") : "pegawai";
    const next = documentTransition(workflowOf(loaded.doc, loaded.steps), "cancel", {
      role,
      actorId: actor.id,
    });
    if (!next.ok) return next;
    return applyTransition(
      tx,
      d,
      { loaded, next: next.value, now },
      {
        actorId: actor.id,
        action: "document.cancel",
        summary: { reason: input.reason?.trim() ?? "" },
        notify: false,
      },
    );
  });
}

/** "Dokumen DS": completed documents the user signed or uploaded, newest first. */
export async function listSignedDocuments(
  deps: RegistryDeps,
  input: { actorId: string; limit?: number; offset?: number },
): Promise<Result<DocumentRow[]>> {
  const d = resolveDeps(deps);
  const signedByMe = d.db
    .select({ id: documentSteps.id })
    .from(documentSteps)
    .where(
      and(
        eq(documentSteps.documentId, documents.id),
        eq(documentSteps.userId, input.actorId),
        eq(documentSteps.status, "done"),
      ),
    );
  const rows = await d.db
    .select()
    .from(documents)
    .where(
      and(eq(documents.status, "completed"), or(eq(documents.createdBy, input.actorId), exists(signedByMe))),
    )
    .orderBy(desc(documents.updatedAt), documents.id)
    .limit(Math.min(input.limit ?? 20, 100))
    .offset(input.offset ?? 0);
  return ok(rows);
}

/** Whether a user may see a document: its uploader, one of its step actors, or an admin of its unit. */
export function mayView(actor: UserRow, doc: DocumentRow, stepUserIds: readonly string[]): boolean {
  return doc.createdBy === actor.id || stepUserIds.includes(actor.id) || administers(actor, doc.unitId);
}

/** Loads a document for an actor who may view it; NOT_FOUND or FORBIDDEN otherwise. */
async function loadViewable(
  d: ResolvedDeps,
  input: { actorId: string; documentId: string },
): Promise<Result<{ actor: UserRow; loaded: NonNullable<Awaited<ReturnType<typeof loadDocument>>> }>> {
  const actor = await loadUser(d.db, input.actorId);
  const loaded = await loadDocument(d.db, input.documentId);
  if (!actor || !loaded) return refuse("NOT_FOUND");
  const stepUserIds = loaded.steps.map((s) => s.userId);
  return mayView(actor, loaded.doc, stepUserIds) ? ok({ actor, loaded }) : refuse("FORBIDDEN");
}

/** Any revision's bytes (default: the current one) for someone involved; audited. */
export async function downloadRevision(
  deps: RegistryDeps,
  input: { actorId: string; documentId: string; number?: number },
): Promise<Result<{ bytes: Uint8Array; number: number; sha256: string; reason: string }>> {
  const d = resolveDeps(deps);
  const viewable = await loadViewable(d, input);
  if (!viewable.ok) return viewable;
  const { actor, loaded } = viewable.value;
  const number = input.number ?? loaded.doc.currentRevision;
  const rev = await revisionBytes(d, loaded.doc.id, number);
  if (!rev) return refuse("NOT_FOUND");
  await d.db.transaction((tx) =>
    appendAudit(tx, {
      actorId: actor.id,
      action: "document.download",
      targetType: "document",
      targetId: loaded.doc.id,
      summary: { revision: number },
      at: d.now(),
    }),
  );
  return ok({ ...rev, number });
}

/** The list of a document's revisions (metadata only). */
export async function listRevisions(
  deps: RegistryDeps,
  input: { actorId: string; documentId: string },
): Promise<Result<(typeof revisions.$inferSelect)[]>> {
  const d = resolveDeps(deps);
  const viewable = await loadViewable(d, input);
  if (!viewable.ok) return viewable;
  const { loaded } = viewable.value;
  return ok(
    await d.db
      .select()
      .from(revisions)
      .where(eq(revisions.documentId, loaded.doc.id))
      .orderBy(revisions.number),
  );
}

/** Reads a revision's bytes from the blob store. */
export async function revisionBytes(
  d: ResolvedDeps | { db: Db; blobs: ResolvedDeps["blobs"] },
  documentId: string,
  number: number,
): Promise<{ bytes: Uint8Array; sha256: string; reason: string } | undefined> {
  const [rev] = await d.db
    .select()
    .from(revisions)
    .where(and(eq(revisions.documentId, documentId), eq(revisions.number, number)));
  if (!rev) return undefined;
  const bytes = await d.blobs.get(rev.blobHash);
  return bytes ? { bytes, sha256: rev.blobHash, reason: rev.reason } : undefined;
}

/**
 * The uploader (or an admin of the unit) sends a returned document again with a corrected PDF
 * (events `revise` then `submit`): the new PDF and its prepared form become new revisions under
 * the same token, and the steps start again from the first.
 */
export async function reviseDocument(
  deps: RegistryDeps,
  input: { actorId: string; documentId: string; pdf: Uint8Array },
): Promise<Result<{ status: string; revision: number }>> {
  const d = resolveDeps(deps);
  const checked = d.rules.upload("document", input.pdf);
  if (!checked.value) return refuseWith(checked.issues);
  const [token] = await d.db
    .select()
    .from(verificationTokens)
    .where(eq(verificationTokens.documentId, input.documentId));
  const before = await loadDocument(d.db, input.documentId);
  if (!token || !before) return refuse("NOT_FOUND");
  const hash = await d.blobs.put(input.pdf);
  const prepared = d.preparer
    ? await d.preparer.prepare({
        pdf: input.pdf,
        token: token.token,
        shortCode: token.shortCode,
        verifyUrl: d.verifyBaseUrl + token.token,
        paperSize: before.doc.paperSize,
        anchor: before.doc.anchor,
      })
    : undefined;
  const preparedHash = prepared ? await d.blobs.put(prepared) : undefined;
  const now = d.now();
  return transact(d.db, async (tx) => {
    const actor = await loadUser(tx, input.actorId);
    const loaded = await loadDocument(tx, input.documentId, true);
    if (!actor || !loaded) return refuse("NOT_FOUND");
    const admin = administers(actor, loaded.doc.unitId);
    if (!admin && loaded.doc.createdBy !== actor.id) return refuse("FORBIDDEN");
    const role = actor.role === "admin_satker" ? "admin_satker" : "pegawai";
    const draft = documentTransition(workflowOf(loaded.doc, loaded.steps), "revise", {
      role,
      actorId: actor.id,
    });
    if (!draft.ok) return draft;
    const next = documentTransition({ ...draft.value, currentStep: 0 }, "submit", {
      role,
      actorId: actor.id,
    });
    if (!next.ok) return next;
    let revision = loaded.doc.currentRevision + 1;
    await tx.insert(revisions).values({
      documentId: loaded.doc.id,
      number: revision,
      blobHash: hash,
      size: input.pdf.byteLength,
      reason: "revised",
      createdBy: actor.id,
      createdAt: now,
    });
    if (prepared && preparedHash) {
      revision++;
      await tx.insert(revisions).values({
        documentId: loaded.doc.id,
        number: revision,
        blobHash: preparedHash,
        size: prepared.byteLength,
        reason: "prepared",
        createdAt: now,
      });
    }
    await tx.update(documents).set({ currentRevision: revision }).where(eq(documents.id, loaded.doc.id));
    await saveWorkflow(tx, loaded.doc, loaded.steps, next.value, now);
    await appendAudit(tx, {
      actorId: actor.id,
      action: "document.revise",
      targetType: "document",
      targetId: loaded.doc.id,
      summary: { revision, sha256: hash },
      at: now,
    });
    await notifyWorkflow(tx, d, loaded.doc, next.value, now);
    return ok({ status: next.value.status, revision });
  });
}
