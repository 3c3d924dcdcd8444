// @deploysafe/backup: database backups shared by db-backup (which makes them) and rollback (which restores them).
// Everything a caller needs is exported here; see README.md for the API in use.

/** Make a backup: dump → compress → encrypt → SHA-256 → storage, manifest last. */
export { createBackup, type CreateBackupOptions, type CreatedBackup, type BackupSource } from './create-backup.ts';
/** Restore (after full verification) and verify (checksum, or a scratch restore with row counts). */
export {
  restoreBackup,
  checkRestore,
  verifyBackup,
  verifyObject,
  compareRowCounts,
  type ReadBackupOptions,
  type RestoreBackupOptions,
  type RestoreResult,
  type VerifyBackupOptions,
  type VerifyResult,
  type ObjectVerification,
  type RowCountComparison,
} from './restore-backup.ts';
/** List, read and prune what a destination holds. */
export {
  listBackups,
  readManifest,
  pruneBackups,
  engineFilter,
  type BackupListing,
  type BackupFilter,
  type PruneOptions,
  type PruneResult,
  type PruneDecision,
} from './catalog.ts';
/** The manifest format. */
export { manifestSchema, parseManifest, manifestName, newBackupId, MANIFEST_FORMAT, MANIFEST_SUFFIX, BACKUP_ID_PATTERN, type Manifest } from './manifest.ts';
/** Retention with restic's calendar-bucket semantics. */
export { parseRetention, formatRetention, applyRetention, isEmptyPolicy, RETENTION_EXPECTED, type RetentionPolicy, type RetentionDecision, type RetentionItem } from './retention.ts';
/** Database URLs and engines (one file per engine: postgres-engine.ts, mysql-engine.ts, sqlite-engine.ts). */
export { parseDatabaseUrl, databaseUrlSecrets, DATABASE_URL_EXPECTED, type DatabaseLocation, type EngineKind } from './database-url.ts';
export { openEngine } from './engines.ts';
export type { DatabaseEngine, DumpHandle, EngineInfo, EngineOptions, RestoreMode, ScratchDatabase, TableCounts } from './engine.ts';
/** The inputs that name a database and a destination, shared by db-backup and rollback. */
export {
  databaseUrlInput,
  destinationInput,
  s3Inputs,
  s3InputProblems,
  storageSettingsFromInputs,
  type S3InputValues,
  type ArtifactInputValues,
} from './backup-inputs.ts';
/** Storage (one file per backend: file-storage.ts, s3-storage.ts, artifact-storage.ts). */
export { parseDestination, openStorage, DESTINATION_EXPECTED, type Destination, type StorageSettings } from './destination.ts';
export type { BackupStorage } from './storage.ts';
export { FileStorage } from './file-storage.ts';
export { choosePartSize } from './s3-layout.ts';
export type { S3StorageOptions } from './s3-storage.ts';
/** Compression and encryption building blocks. */
export { COMPRESSIONS, DEFAULT_LEVEL, LEVEL_RANGE, type Compression } from './compression.ts';
export { createEncryptStream, createDecryptStream, type EncryptionParameters } from './stream-cipher.ts';
/** Errors: integrity failures and database tool failures are reported as one line, not as bugs. */
export { BackupIntegrityError, DatabaseToolError } from './errors.ts';
export type { ArtifactStorageOptions, ArtifactFindBy } from './artifact-storage.ts';
