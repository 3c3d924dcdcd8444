import { resolve } from 'node:path';
import { ConfigurationError, type InputProblem, type RunContext, type RunResult, formatBytes } from '@deploysafe/action-kit';
import {
  s3InputProblems,
  storageSettingsFromInputs,
  type BackupStorage,
  type DatabaseEngine,
  type Manifest,
  type PruneResult,
  type RowCountComparison,
  LEVEL_RANGE,
  createBackup,
  formatRetention,
  isEmptyPolicy,
  listBackups,
  manifestName,
  openEngine,
  openStorage,
  pruneBackups,
  restoreBackup,
  verifyBackup,
  verifyObject,
} from '@deploysafe/backup';
import type { Inputs, Output } from './inputs.ts';
import { readProtectedIds } from './protected-ids.ts';
import { backupSummary, listSummary, pruneSummary, restoreSummary, verifySummary } from './summary.ts';

type Outputs = Record<Output, string | number>;

const EMPTY: Outputs = { 'backup-id': '', location: '', sha256: '', size: '', manifest: '', 'duration-ms': '' };

/** Rules spanning several inputs, reported with the per-input problems before any work. */
export function checkInputs(inputs: Inputs): InputProblem[] {
  const problems: InputProblem[] = [];
  const op = inputs.operation;
  const needsDatabase = op === 'backup' || op === 'restore' || (op === 'verify' && inputs.verify === 'restore');
  if (needsDatabase && !inputs.databaseUrl) {
    problems.push({ input: 'database-url', got: undefined, expected: `the database to ${op === 'verify' ? 'create the scratch database on (verify: restore)' : op}` });
  }
  const needsKey = op === 'backup' || op === 'restore' || op === 'verify';
  if (needsKey && inputs.encryption !== 'none' && !inputs.encryptionKey) {
    problems.push({ input: 'encryption-key', got: undefined, expected: "a passphrase of at least 16 characters (from a secret); to work without encryption set 'encryption: none' explicitly" });
  }
  if (op === 'restore') {
    if (!inputs.backupId) problems.push({ input: 'backup-id', got: undefined, expected: 'the id of the backup to restore (or latest)' });
    if (!inputs.confirm) problems.push({ input: 'confirm', got: undefined, expected: "the target database's name, to confirm the restore" });
  }
  if (op === 'verify' && inputs.verify === 'none') {
    problems.push({ input: 'verify', got: '"none"', expected: 'checksum or restore when operation is verify' });
  }
  if (inputs.compressionLevel !== undefined) {
    const [min, max] = LEVEL_RANGE[inputs.compression];
    if (inputs.compressionLevel < min || inputs.compressionLevel > max) {
      problems.push({ input: 'compression-level', got: `"${inputs.compressionLevel}"`, expected: inputs.compression === 'none' ? 'no level when compression is none' : `a level from ${min} to ${max} for ${inputs.compression}` });
    }
  }
  problems.push(...s3InputProblems(inputs));
  if (inputs.artifactRunId !== undefined && !inputs.githubToken) {
    problems.push({ input: 'github-token', got: undefined, expected: "a token with actions:read to read another run's artifacts (artifact-run-id)" });
  }
  return problems;
}

function storageFor(inputs: Inputs, ctx: RunContext): Promise<BackupStorage> {
  return openStorage(inputs.destination, storageSettingsFromInputs(inputs, { retentionDays: inputs.artifactRetentionDays, runId: inputs.artifactRunId, githubToken: inputs.githubToken }, ctx.github));
}

function engineFor(inputs: Inputs, ctx: RunContext): DatabaseEngine | undefined {
  if (!inputs.databaseUrl) return undefined;
  return openEngine(inputs.databaseUrl, { logger: ctx.logger, tempDir: ctx.github.tempDir });
}

function manifestOutputs(manifest: Manifest, storage: BackupStorage, durationMs: number): Outputs {
  return {
    'backup-id': manifest.id,
    location: storage.locationOf(manifest.object),
    sha256: manifest.sha256,
    size: manifest.sizes.stored,
    manifest: JSON.stringify(manifest),
    'duration-ms': Math.round(durationMs),
  };
}

function rowCountFailure(what: string, comparison: RowCountComparison | undefined): string | undefined {
  if (!comparison || comparison.matches) return undefined;
  const first = comparison.differences[0];
  const detail = first ? `${first.table}: expected ${first.expected ?? 'no table'}, found ${first.actual ?? 'no table'}` : '';
  return `${what}: ${comparison.differences.length} table(s) differ from the row counts in the manifest (${detail})`;
}

/** db-backup: back up, restore, verify, list or prune database backups. */
export async function run(inputs: Inputs, ctx: RunContext): Promise<RunResult<Output>> {
  const storage = await storageFor(inputs, ctx);
  const passphrase = inputs.encryption === 'none' ? undefined : inputs.encryptionKey;
  if (inputs.encryption === 'none' && inputs.encryptionKey) ctx.logger.warning("'encryption: none' is set, so 'encryption-key' is ignored.");
  const engine = engineFor(inputs, ctx);
  try {
    switch (inputs.operation) {
      case 'backup':
        return await backup(inputs, ctx, storage, engine as DatabaseEngine, passphrase);
      case 'restore':
        return await restore(inputs, ctx, storage, engine as DatabaseEngine, passphrase);
      case 'verify':
        return await verify(inputs, ctx, storage, engine, passphrase);
      case 'list':
        return await list(inputs, ctx, storage, engine);
      default:
        return await prune(inputs, ctx, storage, engine);
    }
  } finally {
    await engine?.dispose();
  }
}

async function backup(inputs: Inputs, ctx: RunContext, storage: BackupStorage, engine: DatabaseEngine, passphrase: string | undefined): Promise<RunResult<Output>> {
  const { logger, github } = ctx;
  if (storage.kind === 'file' && process.env.RUNNER_ENVIRONMENT === 'github-hosted') {
    logger.warning(`${storage.description} is on a GitHub-hosted runner, which is discarded when the job ends: keep backups in s3:// or artifact: (or on a self-hosted runner).`);
  }
  if (!passphrase) logger.warning(`Backing up ${engine.name} WITHOUT encryption ('encryption: none'): anyone who can read ${storage.description} can read the data.`);
  const started = performance.now();
  const created = await logger.group(`Backing up ${engine.display} to ${storage.description}`, () =>
    createBackup({
      engine,
      storage,
      compression: inputs.compression,
      compressionLevel: inputs.compressionLevel,
      passphrase,
      label: inputs.label ?? '',
      environment: inputs.environment,
      source: { repository: github.repository, commit: github.sha, ref: github.ref, runId: github.runId, runAttempt: github.runAttempt, workflow: github.workflow, actor: github.actor },
      logger,
    }),
  );
  const { manifest } = created;

  let verification: { mode: 'checksum' | 'restore' | 'none'; ms?: number; restoreMs?: number; rowCounts?: RowCountComparison } = { mode: inputs.verify };
  try {
    if (inputs.verify === 'checksum') {
      const v = await logger.group(`Verifying ${manifest.id}`, () => verifyObject(storage, manifest, passphrase, logger));
      verification = { mode: 'checksum', ms: v.durationMs };
    } else if (inputs.verify === 'restore') {
      const v = await logger.group(`Verifying ${manifest.id} by restoring it into a scratch database`, () =>
        verifyBackup({ storage, backupId: manifest.id, passphrase, mode: 'restore', engine, logger, tempDir: github.tempDir }),
      );
      verification = { mode: 'restore', ms: v.verification.durationMs, restoreMs: v.restoreMs, rowCounts: v.rowCounts };
      const failed = v.rowCounts && !v.rowCounts.matches && v.rowCounts.exact ? rowCountFailure('The scratch restore', v.rowCounts) : undefined;
      if (failed) throw new ConfigurationError(failed);
    }
  } catch (error) {
    // A backup that fails its own verification must not be listed, let alone restored.
    await storage.remove(manifestName(manifest.id)).catch(() => {});
    await storage.remove(manifest.object).catch(() => {});
    throw new ConfigurationError(`The new backup ${manifest.id} failed verification and was removed: ${(error as Error).message}`);
  }
  if (verification.rowCounts && !verification.rowCounts.matches) {
    logger.warning(rowCountFailure('The scratch restore (counts taken outside the dump snapshot, so a busy database can differ)', verification.rowCounts) as string);
  }

  let pruned: PruneResult | undefined;
  let retentionNote: string | undefined;
  if (storage.kind === 'artifact') {
    retentionNote = 'not applied to artifact: destinations (GitHub expires artifacts after their retention days)';
  } else if (isEmptyPolicy(inputs.retention)) {
    retentionNote = 'none (every backup is kept)';
  } else {
    const protectedIds = await readProtectedIds(inputs.protectedIds ?? [], (inputs.releaseRecords ?? []).map((f) => resolve(f)));
    if (protectedIds.missing.length > 0) {
      retentionNote = `skipped: release record ${protectedIds.missing.join(', ')} not found, so the backups it protects are unknown`;
      logger.warning(`Retention ${retentionNote}.`);
    } else {
      protectedIds.ids.add(manifest.id);
      pruned = await logger.group(`Retention ${formatRetention(inputs.retention)}`, () =>
        pruneBackups(storage, { policy: inputs.retention, protectedIds: protectedIds.ids, dryRun: inputs.dryRun, logger }),
      );
    }
  }

  const durationMs = performance.now() - started;
  backupSummary(ctx.summary, { manifest, location: created.location, storage, durationMs, verification, pruned, retention: inputs.retention, retentionNote });
  return { outputs: manifestOutputs(manifest, storage, manifest.durationMs) };
}

async function restore(inputs: Inputs, ctx: RunContext, storage: BackupStorage, engine: DatabaseEngine, passphrase: string | undefined): Promise<RunResult<Output>> {
  const started = performance.now();
  const result = await ctx.logger.group(`Restoring ${inputs.backupId} into ${engine.display}`, () =>
    restoreBackup({
      engine,
      storage,
      backupId: inputs.backupId as string,
      passphrase,
      allowUnencrypted: inputs.encryption === 'none',
      mode: inputs.restoreMode,
      confirm: inputs.confirm,
      label: inputs.label,
      logger: ctx.logger,
      tempDir: ctx.github.tempDir,
    }),
  );
  const durationMs = performance.now() - started;
  restoreSummary(ctx.summary, { result, storage, engine, mode: inputs.restoreMode, durationMs });
  const mismatch = rowCountFailure(`Restored ${result.manifest.id} into ${engine.name}`, result.rowCounts);
  if (mismatch && !result.rowCounts.exact) ctx.logger.warning(`${mismatch} (MySQL counts are taken just before the dump, so a busy database can differ)`);
  return {
    outputs: manifestOutputs(result.manifest, storage, durationMs),
    failure: mismatch && result.rowCounts.exact ? mismatch : undefined,
  };
}

async function verify(inputs: Inputs, ctx: RunContext, storage: BackupStorage, engine: DatabaseEngine | undefined, passphrase: string | undefined): Promise<RunResult<Output>> {
  const mode = inputs.verify === 'restore' ? 'restore' : 'checksum';
  const backupId = inputs.backupId ?? 'latest';
  const result = await ctx.logger.group(`Verifying ${backupId} (${mode})`, () =>
    verifyBackup({
      storage,
      backupId,
      passphrase,
      allowUnencrypted: inputs.encryption === 'none',
      mode,
      engine: mode === 'restore' ? engine : undefined,
      filter: engine ? { engine: engine.kind, database: engine.name, label: inputs.label } : { label: inputs.label },
      logger: ctx.logger,
      tempDir: ctx.github.tempDir,
    }),
  );
  verifySummary(ctx.summary, { result, storage, mode });
  const mismatch = rowCountFailure(`Verification of ${result.manifest.id}`, result.rowCounts);
  if (mismatch && result.rowCounts && !result.rowCounts.exact) ctx.logger.warning(`${mismatch} (counts taken outside the dump snapshot)`);
  return {
    outputs: manifestOutputs(result.manifest, storage, (result.restoreMs ?? 0) + result.verification.durationMs),
    failure: mismatch && result.rowCounts?.exact ? mismatch : undefined,
  };
}

async function list(inputs: Inputs, ctx: RunContext, storage: BackupStorage, engine: DatabaseEngine | undefined): Promise<RunResult<Output>> {
  const listing = await listBackups(storage, { engine: engine?.kind, database: engine?.name, label: inputs.label }, ctx.logger);
  for (const m of listing.backups) ctx.logger.info(`${m.id}  ${m.startedAt}  ${m.engine}/${m.database}  ${formatBytes(m.sizes.stored)}  ${m.label}`);
  if (listing.orphans.length > 0) ctx.logger.info(`${listing.orphans.length} object(s) without a manifest (interrupted backups; prune removes them after 24 h): ${listing.orphans.join(', ')}`);
  listSummary(ctx.summary, { listing, storage });
  const newest = listing.backups[0];
  return { outputs: newest ? manifestOutputs(newest, storage, newest.durationMs) : EMPTY };
}

async function prune(inputs: Inputs, ctx: RunContext, storage: BackupStorage, engine: DatabaseEngine | undefined): Promise<RunResult<Output>> {
  if (storage.kind === 'artifact') throw new ConfigurationError('prune does not apply to artifact: destinations; GitHub expires artifacts after their retention days (artifact-retention-days).');
  if (isEmptyPolicy(inputs.retention)) throw new ConfigurationError("prune needs a retention policy: set 'retention', such as keep-last=10,keep-daily=7.");
  const protectedIds = await readProtectedIds(inputs.protectedIds ?? [], (inputs.releaseRecords ?? []).map((f) => resolve(f)));
  if (protectedIds.missing.length > 0) {
    throw new ConfigurationError(`Release record ${protectedIds.missing.join(', ')} does not exist: prune will not run without knowing which backups deploys still reference.`);
  }
  const started = performance.now();
  const result = await pruneBackups(storage, {
    policy: inputs.retention,
    protectedIds: protectedIds.ids,
    dryRun: inputs.dryRun,
    filter: { engine: engine?.kind, database: engine?.name, label: inputs.label },
    logger: ctx.logger,
  });
  pruneSummary(ctx.summary, { result, storage, retention: inputs.retention });
  const newest = result.decisions.map((d) => d.item.manifest).sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
  return { outputs: { ...(newest ? manifestOutputs(newest, storage, 0) : EMPTY), 'duration-ms': Math.round(performance.now() - started) } };
}

