import { ConfigurationError } from '@deploysafe/action-kit';

/**
 * A backup object failed verification: wrong key, a modified or truncated object, a checksum
 * or size that differs from its manifest. Reported as one line: it is the data, not our bug.
 */
export class BackupIntegrityError extends ConfigurationError {
  override name = 'BackupIntegrityError';
}

/** A database tool (pg_dump, mysql, ...) failed; carries the tail of what it printed. */
export class DatabaseToolError extends ConfigurationError {
  override name = 'DatabaseToolError';
}
