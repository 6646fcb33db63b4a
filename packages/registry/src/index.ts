/** @teken/registry: registration, verification queue, certificate lifecycle, documents, signing workflow and audit log over PGlite and PostgreSQL. */
export { createDatabase } from "./db/create-database";
export type { Database, DatabaseOptions } from "./db/create-database";
export { migrate, MIGRATION_LOCK_KEY } from "./db/migrate";
export type { MigrateReport } from "./db/migrate";
export { migrations } from "./db/migrations/index";
export type { Migration } from "./db/migrations/index";
export * as tables from "./db/schema";
export type { Db, Engine, RegistrySchema } from "./db/types";
export { createFileBlobStore } from "./blob/file-blob-store";
export { createDatabaseBlobStore } from "./blob/database-blob-store";
export { sha256Hex } from "./blob/sha256";
export { appendAudit, verifyAuditChain, hashEntry, AUDIT_GENESIS } from "./audit/audit-log";
export type { AuditChainReport, AuditEntry, AuditInput, AuditValue } from "./audit/audit-log";
export { RegistryError, registryCodes, registryMessage } from "./errors";
export type { RegistryCode } from "./errors";
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
