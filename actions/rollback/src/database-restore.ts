import { ConfigurationError, type RunContext } from '@deploysafe/action-kit';
import { checkRestore, openEngine, openStorage, restoreBackup, storageSettingsFromInputs, type BackupStorage, type DatabaseEngine, type Manifest, type RestoreResult } from '@deploysafe/backup';
import type { ReleaseEntry } from '@deploysafe/deploy';
import type { Inputs } from './inputs.ts';

/** A restore that passed every check that can run before traffic moves. The caller disposes `engine`. */
export interface PreparedRestore {
  engine: DatabaseEngine;
  storage: BackupStorage;
  manifest: Manifest;
  passphrase: string | undefined;
  /** Where the backup id came from, for the summary. */
  source: 'input' | 'record';
}

function storageFor(inputs: Inputs, ctx: RunContext, undone: ReleaseEntry): Promise<BackupStorage> {
  const destination = inputs.destination;
  if (!destination) throw new ConfigurationError("restore-database needs 'destination'.");
  // The backup was uploaded by the run that deployed the release being undone; this run's own artifacts need no lookup.
  const recorded = /^\d+$/.test(undone.runId) && undone.runId !== ctx.github.runId ? Number(undone.runId) : undefined;
  const runId = inputs.artifactRunId ?? recorded;
  return openStorage(destination, storageSettingsFromInputs(inputs, { runId, githubToken: inputs.githubToken }, ctx.github));
}

/**
 * Everything a restore checks before it touches the database — the backup to use (`backup-id`,
 * else the one recorded with the release being undone), its manifest, engine, encryption and
 * key, `confirm`, the restore tool — run before traffic moves, so a restore that cannot start
 * is a refusal, not a half-done rollback.
 */
export async function prepareRestore(inputs: Inputs, ctx: RunContext, undone: ReleaseEntry): Promise<PreparedRestore> {
  const { logger } = ctx;
  const backupId = inputs.backupId ?? undone.backupId;
  if (!backupId) {
    throw new ConfigurationError(
      `No backup is recorded with ${undone.release} (its deploy-bluegreen step had no backup-id), so there is nothing to restore: give 'backup-id', or roll back without restore-database.`,
    );
  }
  if (!inputs.databaseUrl) throw new ConfigurationError("restore-database needs 'database-url'.");
  if (inputs.backupId && undone.backupId && inputs.backupId !== undone.backupId) {
    logger.notice(`Restoring backup-id ${inputs.backupId}, not ${undone.backupId} recorded with ${undone.release}.`);
  }
  const engine = openEngine(inputs.databaseUrl, { logger, tempDir: ctx.github.tempDir });
  try {
    return await checkBackup(inputs, ctx, undone, engine, backupId);
  } catch (error) {
    await engine.dispose();
    throw error;
  }
}

async function checkBackup(inputs: Inputs, ctx: RunContext, undone: ReleaseEntry, engine: DatabaseEngine, backupId: string): Promise<PreparedRestore> {
  const { logger } = ctx;
  const storage = await storageFor(inputs, ctx, undone);
  const passphrase = inputs.encryption === 'none' ? undefined : inputs.encryptionKey;
  const manifest = await logger.group(`Checking backup ${backupId} in ${storage.description} before anything changes`, () =>
    checkRestore({
      engine,
      storage,
      backupId,
      passphrase,
      allowUnencrypted: inputs.encryption === 'none',
      mode: 'replace',
      confirm: inputs.confirm,
      logger,
      tempDir: ctx.github.tempDir,
      checkKey: true,
    }),
  );
  logger.info(
    `Backup ${manifest.id}: ${manifest.engine} ${manifest.database}, taken ${manifest.startedAt}${manifest.encryption.algorithm === 'none' ? ', not encrypted' : ', the key opens it'}; ${engine.display} can be restored from it.`,
  );
  if (manifest.startedAt > undone.deployedAt) {
    logger.warning(`Backup ${manifest.id} was taken at ${manifest.startedAt}, after ${undone.release} was deployed (${undone.deployedAt}): it may already hold that release's changes.`);
  }
  return { engine, storage, manifest, passphrase, source: inputs.backupId ? 'input' : 'record' };
}

/** Restores a prepared backup over the database (verified in full first, then restored into a new database that replaces the old). */
export function runRestore(prepared: PreparedRestore, inputs: Inputs, ctx: RunContext): Promise<RestoreResult> {
  const { engine, storage, manifest, passphrase } = prepared;
  return ctx.logger.group(`Restoring ${manifest.id} into ${engine.display}`, () =>
    restoreBackup({
      engine,
      storage,
      backupId: manifest.id,
      passphrase,
      allowUnencrypted: inputs.encryption === 'none',
      mode: 'replace',
      confirm: inputs.confirm,
      logger: ctx.logger,
      tempDir: ctx.github.tempDir,
    }),
  );
}
