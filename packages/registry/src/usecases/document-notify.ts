import type { DocumentWorkflow } from "@teken/core";
import { eq, inArray } from "drizzle-orm";
import type { ResolvedDeps } from "../context";
import { users, verificationTokens } from "../db/schema";
import type { Db } from "../db/types";
import { enqueueMail } from "../mail/outbox";
import type { DocumentRow } from "./workflow";

/** Queues the mail a workflow position calls for: the next actor's turn, or completion to everyone involved. */
export async function notifyWorkflow(
  tx: Db,
  d: ResolvedDeps,
  doc: DocumentRow,
  wf: DocumentWorkflow,
  now: Date,
): Promise<void> {
  const params = { jenis: doc.jenis, perihal: doc.perihal };
  if (wf.status === "in_progress") {
    const step = wf.steps[wf.currentStep];
    if (!step) return;
    const [user] = await tx.select().from(users).where(eq(users.id, step.actorId));
    if (!user) return;
    const action =
      d.lang === "id"
        ? step.kind === "sign"
          ? "tanda tangan"
          : "paraf"
        : step.kind === "sign"
          ? "signature"
          : "initials";
    await enqueueMail(tx, {
      id: d.newId(),
      kind: "document_waiting",
      to: user.email,
      lang: d.lang,
      params: { ...params, name: user.name, action },
      now,
    });
  } else if (wf.status === "completed") {
    const [token] = await tx
      .select()
      .from(verificationTokens)
      .where(eq(verificationTokens.documentId, doc.id));
    const ids = [...new Set([doc.createdBy, ...wf.steps.map((s) => s.actorId)])];
    for (const user of await tx.select().from(users).where(inArray(users.id, ids))) {
      await enqueueMail(tx, {
        id: d.newId(),
        kind: "document_signed",
        to: user.email,
        lang: d.lang,
        params: { ...params, name: user.name, code: token?.shortCode ?? "" },
        now,
      });
    }
  } else if (wf.status === "returned") {
    const [creator] = await tx.select().from(users).where(eq(users.id, doc.createdBy));
    if (creator) {
      await enqueueMail(tx, {
        id: d.newId(),
        kind: "document_returned",
        to: creator.email,
        lang: d.lang,
        params: { ...params, name: creator.name, note: wf.note ?? "" },
        now,
      });
    }
  }
}
