import type { DocumentWorkflow } from "@teken/core";
import { asc, eq } from "drizzle-orm";
import { documentSteps, documents } from "../db/schema";
import type { Db } from "../db/types";

/** A document row. */
export type DocumentRow = typeof documents.$inferSelect;
/** A step row. */
export type StepRow = typeof documentSteps.$inferSelect;

/** Loads a document and its ordered steps (locking both when `lock`). */
export async function loadDocument(
  tx: Db,
  documentId: string,
  lock = false,
): Promise<{ doc: DocumentRow; steps: StepRow[] } | undefined> {
  const q = tx.select().from(documents).where(eq(documents.id, documentId));
  const [doc] = lock ? await q.for("update") : await q;
  if (!doc) return undefined;
  const sq = tx
    .select()
    .from(documentSteps)
    .where(eq(documentSteps.documentId, documentId))
    .orderBy(asc(documentSteps.position));
  const steps = lock ? await sq.for("update") : await sq;
  return { doc, steps };
}

/** The @teken/core workflow position of a stored document. */
export function workflowOf(doc: DocumentRow, steps: readonly StepRow[]): DocumentWorkflow {
  const done = steps.filter((s) => s.status === "done").length;
  const base = {
    status: doc.status as DocumentWorkflow["status"],
    steps: steps.map((s) => ({ kind: s.kind as "paraf" | "sign", actorId: s.userId })),
    currentStep: done,
  };
  return doc.note === null ? base : { ...base, note: doc.note };
}

/** Stores a workflow's new position: step statuses, the document status and note. */
export async function saveWorkflow(
  tx: Db,
  doc: DocumentRow,
  steps: readonly StepRow[],
  next: DocumentWorkflow,
  now: Date,
): Promise<void> {
  for (const [i, step] of steps.entries()) {
    const status = stepStatus(next, i);
    if (status !== step.status) {
      await tx
        .update(documentSteps)
        .set({ status, completedAt: status === "done" ? (step.completedAt ?? now) : null })
        .where(eq(documentSteps.id, step.id));
    }
  }
  await tx
    .update(documents)
    .set({ status: next.status, note: next.note ?? null, updatedAt: now })
    .where(eq(documents.id, doc.id));
}

/** A step's status in a workflow position. */
export function stepStatus(wf: DocumentWorkflow, index: number): string {
  if (index < wf.currentStep) return "done";
  if (index > wf.currentStep) return wf.status === "cancelled" ? "cancelled" : "waiting";
  if (wf.status === "in_progress") return "active";
  if (wf.status === "returned") return "returned";
  if (wf.status === "cancelled") return "cancelled";
  return "waiting";
}
