import {
  bigint,
  bigserial,
  boolean,
  customType,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** `bytea` as a Uint8Array on both engines (node-postgres returns a Buffer, PGlite a Uint8Array). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => new Uint8Array(value),
});

/** Work units (satuan kerja); admins verify the employees of their own unit. */
export const units = pgTable("units", {
  id: text("id").primaryKey(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

/** Accounts: employees (signers, verifiers) and admins; never a passphrase, only a password hash. */
export const users = pgTable("users", {
  id: text("id").primaryKey(),
  nip: text("nip").unique(),
  nik: text("nik").unique(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  role: text("role").notNull(),
  unitId: text("unit_id")
    .notNull()
    .references(() => units.id),
  passwordHash: text("password_hash").notNull(),
  status: text("status").notNull(),
  totpEnabled: boolean("totp_enabled").notNull().default(false),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
});

/** Content-addressed bytes for the PostgreSQL blob store. */
export const blobs = pgTable("blobs", {
  hash: text("hash").primaryKey(),
  size: integer("size").notNull(),
  data: bytea("data").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

/** Metadata of a registration upload (specimen, KTP, recommendation); bytes live in the blob store. */
export const uploads = pgTable("uploads", {
  id: text("id").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id),
  kind: text("kind").notNull(),
  blobHash: text("blob_hash").notNull(),
  mediaType: text("media_type").notNull(),
  size: integer("size").notNull(),
  fileName: text("file_name").notNull(),
  createdAt: ts("created_at").notNull(),
});

/** The current registration of a user (one row per user; every attempt is in the history). */
export const registrations = pgTable("registrations", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id),
  status: text("status").notNull(),
  attempt: integer("attempt").notNull(),
  specimenUploadId: text("specimen_upload_id").notNull(),
  ktpUploadId: text("ktp_upload_id").notNull(),
  recommendationUploadId: text("recommendation_upload_id").notNull(),
  submittedAt: ts("submitted_at").notNull(),
  decidedAt: ts("decided_at"),
  decidedBy: text("decided_by"),
  reason: text("reason"),
});

/** Every registration event (submitted, approved, rejected, resubmitted, corrected). */
export const registrationHistory = pgTable("registration_history", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  userId: text("user_id").notNull(),
  event: text("event").notNull(),
  attempt: integer("attempt").notNull(),
  actorId: text("actor_id"),
  reason: text("reason"),
  details: jsonb("details").$type<Record<string, string>>().notNull().default({}),
  at: ts("at").notNull(),
});

/** The BSrE certificate status and validity of a user, as last polled (never a passphrase). */
export const certificates = pgTable("certificates", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id),
  status: text("status").notNull(),
  notBefore: ts("not_before"),
  notAfter: ts("not_after"),
  enrolledEmail: text("enrolled_email").notNull(),
  remindersSent: jsonb("reminders_sent").$type<number[]>().notNull().default([]),
  renewalRequestedAt: ts("renewal_requested_at"),
  checkedAt: ts("checked_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
});

/** A document to sign: metadata, status and the number of its current revision. */
export const documents = pgTable("documents", {
  id: text("id").primaryKey(),
  unitId: text("unit_id").notNull(),
  createdBy: text("created_by").notNull(),
  jenis: text("jenis").notNull(),
  perihal: text("perihal").notNull(),
  paperSize: text("paper_size").notNull(),
  anchor: text("anchor").notNull(),
  status: text("status").notNull(),
  currentRevision: integer("current_revision").notNull(),
  note: text("note"),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
});

/** The ordered paraf/sign steps of a document. */
export const documentSteps = pgTable("document_steps", {
  id: text("id").primaryKey(),
  documentId: text("document_id").notNull(),
  position: integer("position").notNull(),
  kind: text("kind").notNull(),
  userId: text("user_id").notNull(),
  status: text("status").notNull(),
  completedAt: ts("completed_at"),
  note: text("note"),
});

/** Every revision of a document, each pointing at a blob by its SHA-256. */
export const revisions = pgTable(
  "revisions",
  {
    documentId: text("document_id").notNull(),
    number: integer("number").notNull(),
    blobHash: text("blob_hash").notNull(),
    size: integer("size").notNull(),
    reason: text("reason").notNull(),
    stepId: text("step_id"),
    createdBy: text("created_by"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.number] })],
);

/** The public verification token (128-bit) and short human code of a document. */
export const verificationTokens = pgTable("verification_tokens", {
  token: text("token").primaryKey(),
  shortCode: text("short_code").notNull().unique(),
  documentId: text("document_id").notNull().unique(),
  createdAt: ts("created_at").notNull(),
});

/** Idempotency keys per actor: the first request's hash and, once done, its response. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    actorId: text("actor_id").notNull(),
    key: text("key").notNull(),
    operation: text("operation").notNull(),
    requestHash: text("request_hash").notNull(),
    response: jsonb("response").$type<Record<string, unknown>>(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.key] })],
);

/** Signing requests recorded before the signing service is called, reconciled after a crash. */
export const signingRequests = pgTable("signing_requests", {
  id: text("id").primaryKey(),
  stepId: text("step_id").notNull(),
  documentId: text("document_id").notNull(),
  actorId: text("actor_id").notNull(),
  idempotencyKey: text("idempotency_key").notNull(),
  inputRevision: integer("input_revision").notNull(),
  status: text("status").notNull(),
  resultBlobHash: text("result_blob_hash"),
  errorCode: text("error_code"),
  /** The signing service's name for the result (BSrE `id_dokumen`), for `retrieve` after a crash (migration 2). */
  serviceReference: text("service_reference"),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
});

/** Mail waiting for (or done with) delivery by the outbox worker. */
export const outbox = pgTable("outbox", {
  id: text("id").primaryKey(),
  kind: text("kind").notNull(),
  recipient: text("recipient").notNull(),
  lang: text("lang").notNull(),
  subject: text("subject").notNull(),
  body: text("body").notNull(),
  status: text("status").notNull(),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: ts("next_attempt_at").notNull(),
  lastError: text("last_error"),
  createdAt: ts("created_at").notNull(),
  sentAt: ts("sent_at"),
});

/** The append-only, hash-chained audit log. */
export const auditLog = pgTable("audit_log", {
  seq: bigint("seq", { mode: "number" }).primaryKey(),
  at: ts("at").notNull(),
  actorId: text("actor_id"),
  action: text("action").notNull(),
  targetType: text("target_type").notNull(),
  targetId: text("target_id").notNull(),
  summary: jsonb("summary").$type<Record<string, string | number | boolean | null>>().notNull(),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull().unique(),
});
