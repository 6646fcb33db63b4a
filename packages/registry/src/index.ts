/** @teken/registry: registration, verification queue, certificate lifecycle, documents, signing workflow and audit log over PGlite and PostgreSQL. */

// Storage
export { createDatabase } from "./db/create-database";
export type { Database, DatabaseOptions } from "./db/create-database";
export { migrate, MIGRATION_LOCK_KEY } from "./db/migrate";
export type { MigrateReport } from "./db/migrate";
export { migrations } from "./db/migrations/index";
export type { Migration } from "./db/migrations/index";
export * as tables from "./db/schema";
export type { Db, Engine, RegistrySchema } from "./db/types";
export { rowsOf } from "./db/rows";
export { createFileBlobStore } from "./blob/file-blob-store";
export { createDatabaseBlobStore } from "./blob/database-blob-store";
export { sha256Hex } from "./blob/sha256";

// Audit
export { appendAudit, verifyAuditChain, hashEntry, AUDIT_GENESIS } from "./audit/audit-log";
export type { AuditChainReport, AuditEntry, AuditInput, AuditValue } from "./audit/audit-log";

// Ports, context, rules, errors
export type {
  BlobStore,
  CertificateAuthority,
  CertificateState,
  CertificateStatus,
  DocumentPreparer,
  Employee,
  EmployeeDirectory,
  Mail,
  Mailer,
  SignFailureCode,
  SignOutcome,
  SignRequest,
  SigningService,
} from "./ports";
export { resolveDeps } from "./context";
export type { RegistryDeps, ResolvedDeps } from "./context";
export { defaultIdentityRules } from "./rules/identity-rules";
export type { CheckedUpload, IdentityRules, PasswordContext, UploadKind } from "./rules/identity-rules";
export { hashPassword, verifyPassword, ARGON2_PARAMS } from "./password";
export { RegistryError, registryCodes, registryMessage } from "./errors";
export type { RegistryCode } from "./errors";

// Adapters
export { createRosterDirectory } from "./directory/roster-directory";
export { createSmtpMailer } from "./mail/smtp-mailer";
export { createEmlFileMailer } from "./mail/eml-file-mailer";
export { deliverOutbox, enqueueMail, defaultBackoff } from "./mail/outbox";
export type { DeliveryOptions, DeliveryReport } from "./mail/outbox";
export { renderMail } from "./mail/templates";
export type { Lang, MailKind, MailParams } from "./mail/templates";

// Use cases
export { authenticate, createAccount, createUnit } from "./usecases/accounts";
export type { CreateAccountInput } from "./usecases/accounts";
export { registerEmployee, registrationHistoryOf, resubmitRegistration } from "./usecases/registration";
export type { RegisterInput, ResubmitInput, UploadInput } from "./usecases/registration";
export {
  approveRegistration,
  correctEmail,
  downloadUpload,
  listRegistrationUploads,
  listVerificationQueue,
  rejectRegistration,
} from "./usecases/verification";
export type { QueueItem, QueueQuery } from "./usecases/verification";
export {
  REMINDER_DAYS,
  enrolCertificate,
  getCertificate,
  requestCertificateRenewal,
  runCertificateWorker,
  sendExpiryReminders,
  syncCertificate,
} from "./usecases/certificates";
export type { CertificateRow } from "./usecases/certificates";
export {
  cancelDocument,
  createDocument,
  downloadRevision,
  listInbox,
  listRevisions,
  listSignedDocuments,
  newVerificationToken,
  parafStep,
  returnDocument,
  reviseDocument,
} from "./usecases/documents";
export type { CreateDocumentInput, InboxItem } from "./usecases/documents";
export { reconcileSigningRequests, signStep } from "./usecases/signing";
export type { ReconcileReport, SignStepInput, SignedStep } from "./usecases/signing";
export { downloadPublicDocument, lookupByToken } from "./usecases/lookup";
export type { PublicDocument } from "./usecases/lookup";
