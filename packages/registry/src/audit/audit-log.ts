import { asc, desc, gt, sql } from "drizzle-orm";
import { sha256Hex } from "../blob/sha256";
import { auditLog } from "../db/schema";
import type { Db } from "../db/types";

/** Advisory-lock key that serialises appends so the chain stays linear across replicas. */
const AUDIT_LOCK_KEY = 0x7e4e0002;
/** The `prev_hash` of the first entry. */
export const AUDIT_GENESIS = "0".repeat(64);

/** A value in an audit summary: short facts only, never secrets or file bytes. */
export type AuditValue = string | number | boolean | null;

/** One audit entry to append. */
export interface AuditInput {
  readonly actorId: string | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  readonly summary?: Readonly<Record<string, AuditValue>>;
  readonly at: Date;
}

/** One stored audit entry. */
export interface AuditEntry extends Required<AuditInput> {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

const SECRET_KEY = /pass(word|phrase)?|totp|otp|secret|private|pin\b|bytes|content/i;
const MAX_SUMMARY_VALUE = 500;

/**
 * Appends an entry inside the caller's transaction: takes the chain lock, links the entry to
 * the previous hash and stores `hash = SHA-256(canonical entry)`. Refuses secret-like keys.
 */
export async function appendAudit(tx: Db, input: AuditInput): Promise<AuditEntry> {
  const summary = checkSummary(input.summary ?? {});
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? AUDIT_GENESIS;
  const entry = { ...input, summary, seq, prevHash };
  const hash = hashEntry(entry);
  await tx.insert(auditLog).values({ ...entry, hash });
  return { ...entry, hash };
}

/** The chain hash of an entry: SHA-256 over a canonical JSON of every field and the previous hash. */
export function hashEntry(entry: Omit<AuditEntry, "hash">): string {
  return sha256Hex(
    canonicalJson([
      entry.seq,
      entry.at.toISOString(),
      entry.actorId,
      entry.action,
      entry.targetType,
      entry.targetId,
      entry.summary,
      entry.prevHash,
    ]),
  );
}

/** The result of `verifyAuditChain`. */
export type AuditChainReport =
  | { readonly ok: true; readonly entries: number; readonly head: string }
  | { readonly ok: false; readonly entries: number; readonly brokenAt: number; readonly reason: string };

/** Recomputes every hash in sequence order and reports the first entry that breaks the chain. */
export async function verifyAuditChain(db: Db, pageSize = 1000): Promise<AuditChainReport> {
  let prev = AUDIT_GENESIS;
  let expectedSeq = 1;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, expectedSeq - 1))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    for (const row of rows) {
      const broken = (reason: string) =>
        ({ ok: false, entries: expectedSeq - 1, brokenAt: row.seq, reason }) as const;
      if (row.seq !== expectedSeq) return broken("gap in sequence");
      if (row.prevHash !== prev) return broken("previous hash does not match");
      if (hashEntry(row) !== row.hash) return broken("entry hash does not match its content");
      prev = row.hash;
      expectedSeq++;
    }
    if (rows.length < pageSize) return { ok: true, entries: expectedSeq - 1, head: prev };
  }
}

function checkSummary(summary: Readonly<Record<string, AuditValue>>): Record<string, AuditValue> {
  const out: Record<string, AuditValue> = {};
  for (const [key, value] of Object.entries(summary)) {
    if (SECRET_KEY.test(key))
      throw new Error(`audit summary key "${key}" looks like a secret or file content`);
    out[key] = typeof value === "string" ? value.slice(0, MAX_SUMMARY_VALUE) : value;
  }
  return out;
}

/** JSON with object keys sorted, so jsonb's key reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}
