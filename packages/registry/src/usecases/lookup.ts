import { type Result, ok } from "@teken/core";
import { and, asc, eq, or } from "drizzle-orm";
import { type RegistryDeps, resolveDeps } from "../context";
import { documentSteps, documents, revisions, units, users, verificationTokens } from "../db/schema";
import { refuse } from "./common";
import { revisionBytes } from "./documents";

/** What the public verification page may show: no ids, NIK, NIP, emails or notes. */
export interface PublicDocument {
  readonly shortCode: string;
  readonly jenis: string;
  readonly perihal: string;
  readonly status: string;
  readonly unit: string;
  readonly createdAt: Date;
  readonly steps: readonly { kind: string; name: string; status: string; completedAt: Date | null }[];
  readonly currentRevision: { readonly number: number; readonly sha256: string; readonly size: number };
}

/** Looks a document up by its 128-bit token or its short code (case-insensitive, dash optional). */
export async function lookupByToken(
  deps: RegistryDeps,
  input: { token: string },
): Promise<Result<PublicDocument>> {
  const d = resolveDeps(deps);
  const raw = input.token.trim();
  const code = raw.toUpperCase().replace(/[^0-9A-Z]/g, "");
  const short = code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : "";
  const [row] = await d.db
    .select({ doc: documents, token: verificationTokens, unit: units.name })
    .from(verificationTokens)
    .innerJoin(documents, eq(documents.id, verificationTokens.documentId))
    .innerJoin(units, eq(units.id, documents.unitId))
    .where(or(eq(verificationTokens.token, raw), eq(verificationTokens.shortCode, short)));
  if (!row) return refuse("NOT_FOUND");
  const steps = await d.db
    .select({
      kind: documentSteps.kind,
      name: users.name,
      status: documentSteps.status,
      completedAt: documentSteps.completedAt,
    })
    .from(documentSteps)
    .innerJoin(users, eq(users.id, documentSteps.userId))
    .where(eq(documentSteps.documentId, row.doc.id))
    .orderBy(asc(documentSteps.position));
  const [rev] = await d.db
    .select()
    .from(revisions)
    .where(and(eq(revisions.documentId, row.doc.id), eq(revisions.number, row.doc.currentRevision)));
  if (!rev) return refuse("NOT_FOUND");
  return ok({
    shortCode: row.token.shortCode,
    jenis: row.doc.jenis,
    perihal: row.doc.perihal,
    status: row.doc.status,
    unit: row.unit,
    createdAt: row.doc.createdAt,
    steps,
    currentRevision: { number: rev.number, sha256: rev.blobHash, size: rev.size },
  });
}

/** The current revision's bytes for the public page, only once the document is completed. */
export async function downloadPublicDocument(
  deps: RegistryDeps,
  input: { token: string },
): Promise<Result<Uint8Array>> {
  const d = resolveDeps(deps);
  const [row] = await d.db
    .select({ id: documents.id, status: documents.status, revision: documents.currentRevision })
    .from(verificationTokens)
    .innerJoin(documents, eq(documents.id, verificationTokens.documentId))
    .where(eq(verificationTokens.token, input.token.trim()));
  if (row?.status !== "completed") return refuse("NOT_FOUND");
  const rev = await revisionBytes(d, row.id, row.revision);
  return rev ? ok(rev.bytes) : refuse("NOT_FOUND");
}
