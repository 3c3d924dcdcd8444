import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, type Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ByteProgress, ConfigurationError, type Logger, formatBytes } from '@deploysafe/action-kit';
import { type BackupFilter, engineFilter, readManifest } from './catalog.ts';
import { ByteCounter, Sha256Check } from './byte-streams.ts';
import { createDecompressStream } from './compression.ts';
import type { DatabaseEngine, RestoreMode, TableCounts } from './engine.ts';
import { BackupIntegrityError } from './errors.ts';
import type { Manifest } from './manifest.ts';
import { randomTag } from './mysql-engine.ts';
import type { BackupStorage } from './storage.ts';
import { createDecryptStream } from './stream-cipher.ts';

/** Options every read of a backup takes. */
export interface ReadBackupOptions {
  storage: BackupStorage;
  /** A backup id, or `latest` (the newest complete backup of the engine's database). */
  backupId: string;
  /** Required when the backup is encrypted. When given, an unencrypted backup is refused (unless allowUnencrypted). */
  passphrase: string | undefined;
  /** Accept an unencrypted backup although a passphrase was given. */
  allowUnencrypted?: boolean;
  logger: Logger;
  /** Directory for a staged copy of a remote object. */
  tempDir: string;
}

/** What a full verification of the stored object found. */
export interface ObjectVerification {
  manifest: Manifest;
  /** Dump bytes recovered (decrypted and decompressed). */
  dumpBytes: number;
  durationMs: number;
}

function integrity(manifest: Manifest, detail: string): BackupIntegrityError {
  return new BackupIntegrityError(`Backup ${manifest.id} failed verification: ${detail}`);
}

function checkEncryption(manifest: Manifest, passphrase: string | undefined, allowUnencrypted: boolean): void {
  if (manifest.encryption.algorithm !== 'none' && !passphrase) {
    throw new ConfigurationError(`Backup ${manifest.id} is encrypted: give its 'encryption-key'.`);
  }
  if (manifest.encryption.algorithm === 'none' && passphrase && !allowUnencrypted) {
    // Someone who can write to the storage could replace an encrypted backup with a plain one; refuse unless told.
    throw new ConfigurationError(`Backup ${manifest.id} is not encrypted, but an encryption key was given: set 'encryption: none' to restore an unencrypted backup.`);
  }
}

/** The decoding half of the pipeline: SHA-256 and size check, decryption (authenticating each chunk), decompression. */
function decodeStages(manifest: Manifest, passphrase: string | undefined): NodeJS.ReadWriteStream[] {
  const stages: NodeJS.ReadWriteStream[] = [new Sha256Check(manifest.sha256, manifest.sizes.stored, (d) => integrity(manifest, d))];
  if (manifest.encryption.algorithm !== 'none') stages.push(createDecryptStream(passphrase as string, manifest.id));
  stages.push(createDecompressStream(manifest.compression.algorithm));
  return stages;
}

function asIntegrityError(manifest: Manifest, error: unknown): Error {
  if (error instanceof BackupIntegrityError && !error.message.startsWith(`Backup ${manifest.id}`)) return integrity(manifest, error.message);
  if (error instanceof ConfigurationError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  // zlib errors (a corrupt or truncated compressed stream) are integrity failures too.
  if (code.startsWith('Z_') || code.startsWith('ERR_ZSTD') || /zstd|incorrect header|unexpected end/i.test((error as Error).message)) {
    return integrity(manifest, `the compressed stream is corrupt (${(error as Error).message})`);
  }
  return error as Error;
}

/**
 * Reads the whole stored object and checks its SHA-256 and size against the manifest,
 * authenticates every encrypted chunk (truncation included) and decompresses it to the end.
 * With `stageTo`, the verified stored bytes are also written to that local file.
 */
export async function verifyObject(
  storage: BackupStorage,
  manifest: Manifest,
  passphrase: string | undefined,
  logger: Logger,
  stageTo?: string,
): Promise<ObjectVerification> {
  const started = performance.now();
  const progress = new ByteProgress(logger, `verifying ${manifest.id}`);
  const counted = new ByteCounter((n) => progress.add(n));
  const dump = new ByteCounter();
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  const source = await storage.readObject(manifest.object);
  const stages: NodeJS.ReadWriteStream[] = [counted];
  let staging: Promise<void> | undefined;
  if (stageTo) {
    const tee = new PassThrough();
    const copy = new PassThrough();
    tee.on('data', (chunk: Buffer) => {
      if (!copy.write(chunk)) {
        tee.pause();
        copy.once('drain', () => tee.resume());
      }
    });
    tee.on('end', () => copy.end());
    tee.on('error', (e) => copy.destroy(e));
    staging = pipeline(copy, createWriteStream(stageTo, { mode: 0o600, flags: 'wx' }));
    stages.push(tee);
  }
  try {
    await pipeline([source, ...stages, ...decodeStages(manifest, passphrase), dump, sink] as NodeJS.ReadWriteStream[]);
    await staging;
  } catch (error) {
    await staging?.catch(() => {});
    throw asIntegrityError(manifest, error);
  }
  progress.done();
  if (dump.bytes !== manifest.sizes.dump) throw integrity(manifest, `it holds ${dump.bytes} dump bytes, its manifest records ${manifest.sizes.dump}`);
  const durationMs = Math.round(performance.now() - started);
  logger.info(`Verified ${manifest.id}: SHA-256 and size match, ${manifest.encryption.algorithm === 'none' ? 'not encrypted' : 'every chunk authenticated'}, ${formatBytes(dump.bytes)} of dump decompressed`);
  return { manifest, dumpBytes: dump.bytes, durationMs };
}

/** The difference between the row counts a backup recorded and what a restored database holds. */
export interface RowCountComparison {
  matches: boolean;
  exact: boolean;
  differences: { table: string; expected: number | undefined; actual: number | undefined }[];
}

/** Compares per-table row counts. */
export function compareRowCounts(expected: TableCounts, actual: TableCounts): RowCountComparison {
  const tables = new Set([...Object.keys(expected.tables), ...Object.keys(actual.tables)]);
  const differences = [...tables]
    .sort()
    .filter((t) => expected.tables[t] !== actual.tables[t])
    .map((table) => ({ table, expected: expected.tables[table], actual: actual.tables[table] }));
  return { matches: differences.length === 0, exact: expected.exact, differences };
}

async function withLocalCopy<T>(
  options: ReadBackupOptions,
  manifest: Manifest,
  work: (open: () => Promise<Readable>, verification: ObjectVerification) => Promise<T>,
): Promise<T> {
  const { storage, logger } = options;
  if (storage.isLocal) {
    const verification = await verifyObject(storage, manifest, options.passphrase, logger);
    return work(() => storage.readObject(manifest.object), verification);
  }
  // Remote objects are staged while verified, so the restore reads exactly the bytes that were verified.
  const dir = await mkdtemp(join(options.tempDir, 'db-backup-restore-'));
  const staged = join(dir, manifest.object);
  try {
    const verification = await verifyObject(storage, manifest, options.passphrase, logger, staged);
    return await work(async () => createReadStream(staged), verification);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function restoreStream(engine: DatabaseEngine, manifest: Manifest, open: () => Promise<Readable>, passphrase: string | undefined, mode: RestoreMode, logger: Logger): Promise<number> {
  const started = performance.now();
  const progress = new ByteProgress(logger, `restoring ${manifest.id} into ${engine.name}`);
  const decoded = new PassThrough();
  const counter = new ByteCounter((n) => progress.add(n));
  const feeding = pipeline([await open(), ...decodeStages(manifest, passphrase), counter, decoded] as NodeJS.ReadWriteStream[]);
  // A decode failure errors `decoded` first, so the engine kills its tool before it sees end of input.
  const restoring = engine.restore(decoded, mode);
  const [fed, restored] = await Promise.allSettled([feeding, restoring]);
  if (fed.status === 'rejected') throw asIntegrityError(manifest, fed.reason);
  if (restored.status === 'rejected') throw restored.reason;
  progress.done();
  return Math.round(performance.now() - started);
}

/** Options for restoreBackup. */
export interface RestoreBackupOptions extends ReadBackupOptions {
  /** The target database. */
  engine: DatabaseEngine;
  /** `empty` (default): the target must exist and be empty. `replace`: the target is replaced. */
  mode?: RestoreMode;
  /** Must equal the target database's name; the restore refuses otherwise. */
  confirm: string | undefined;
  /** With `latest`: only backups with this label. */
  label?: string | undefined;
}

/** What a restore did. */
export interface RestoreResult {
  manifest: Manifest;
  verification: ObjectVerification;
  restoreMs: number;
  rowCounts: RowCountComparison;
}

/**
 * Restores a backup into the engine's database after verifying the whole object (checksum,
 * every chunk's authentication, decompression). Refuses unless `confirm` equals the target's
 * name; refuses a non-empty target unless mode is `replace`. Compares row counts afterwards.
 */
export async function restoreBackup(options: RestoreBackupOptions): Promise<RestoreResult> {
  const { engine, logger } = options;
  const mode = options.mode ?? 'empty';
  const manifest = await checkRestore(options);
  logger.info(`Restoring ${manifest.id} (${manifest.engine} ${manifest.serverVersion}, taken ${manifest.startedAt}) into ${engine.display}: verifying the whole object first`);
  return withLocalCopy(options, manifest, async (open, verification) => {
    const restoreMs = await restoreStream(engine, manifest, open, options.passphrase, mode, logger);
    const rowCounts = compareRowCounts(manifest.rowCounts, await engine.countRows());
    return { manifest, verification, restoreMs, rowCounts };
  });
}

/**
 * The checks restoreBackup makes before it reads the object, without touching anything:
 * `confirm`, the manifest, engine and encryption, the restore tool, an empty target for mode
 * `empty`. With `checkKey`, an encrypted object stored on this machine or in S3 also has its
 * header authenticated with the passphrase (a few bytes read), so a wrong key is found now.
 * For callers that must know a restore can start before they change something else (rollback
 * switches traffic first, then restores).
 */
export async function checkRestore(options: RestoreBackupOptions & { checkKey?: boolean }): Promise<Manifest> {
  const { engine } = options;
  const mode = options.mode ?? 'empty';
  if (options.confirm !== engine.name) {
    throw new ConfigurationError(
      `Restore refused: 'confirm' must equal the target database's name '${engine.name}'${options.confirm ? ` (got '${options.confirm}')` : ''}. This guard stops a restore into the wrong database.`,
    );
  }
  const manifest = await readManifest(options.storage, options.backupId, { ...engineFilter(engine), label: options.label });
  if (manifest.engine !== engine.kind) throw new ConfigurationError(`Backup ${manifest.id} is a ${manifest.engine} backup; the target is ${engine.kind}.`);
  checkEncryption(manifest, options.passphrase, options.allowUnencrypted ?? false);
  await engine.prepareRestore(manifest.tool);
  if (mode === 'empty') {
    if (engine.kind !== 'sqlite' && !(await engine.exists())) {
      throw new ConfigurationError(`The target database '${engine.name}' does not exist: create it empty first, or set restore-mode: replace.`);
    }
    if (!(await engine.isEmpty())) {
      throw new ConfigurationError(`The target database '${engine.name}' is not empty: restore into an empty database, or set restore-mode: replace to replace it.`);
    }
  }
  if (options.checkKey && manifest.encryption.algorithm !== 'none' && options.storage.kind !== 'artifact') await checkPassphrase(options.storage, manifest, options.passphrase as string);
  return manifest;
}

/** Authenticates the object's header (and its first chunk) with the passphrase, reading only the start of the object. */
async function checkPassphrase(storage: BackupStorage, manifest: Manifest, passphrase: string): Promise<void> {
  const source = await storage.readObject(manifest.object);
  const decrypt = createDecryptStream(passphrase, manifest.id);
  try {
    await new Promise<void>((resolve, reject) => {
      decrypt.once('data', () => resolve());
      decrypt.once('end', () => resolve());
      decrypt.once('error', reject);
      source.once('error', reject);
      source.pipe(decrypt);
    });
  } catch (error) {
    throw asIntegrityError(manifest, error);
  } finally {
    source.unpipe(decrypt);
    source.destroy();
    decrypt.destroy();
  }
}

/** What a verification did; `restoreMs` and `rowCounts` only for a restore verification. */
export interface VerifyResult {
  manifest: Manifest;
  verification: ObjectVerification;
  restoreMs?: number;
  rowCounts?: RowCountComparison;
  scratchDatabase?: string;
}

/** Options for verifyBackup. */
export interface VerifyBackupOptions extends ReadBackupOptions {
  /** `checksum`: re-read and authenticate. `restore`: also restore into a scratch database and compare row counts. */
  mode: 'checksum' | 'restore';
  /** For `restore`: the server to create the scratch database on (its database is never touched). */
  engine?: DatabaseEngine | undefined;
  /** For `latest` without an engine. */
  filter?: BackupFilter;
}

/** Verifies a stored backup; with mode `restore`, restores it into a scratch database that is dropped afterwards. */
export async function verifyBackup(options: VerifyBackupOptions): Promise<VerifyResult> {
  const { logger } = options;
  const filter = options.engine ? engineFilter(options.engine) : (options.filter ?? {});
  const manifest = await readManifest(options.storage, options.backupId, filter);
  checkEncryption(manifest, options.passphrase, options.allowUnencrypted ?? false);
  if (options.mode === 'checksum') {
    return { manifest, verification: await verifyObject(options.storage, manifest, options.passphrase, logger) };
  }
  const engine = options.engine;
  if (!engine) throw new ConfigurationError(`A restore verification needs 'database-url': the scratch database is created on that server.`);
  if (manifest.engine !== engine.kind) throw new ConfigurationError(`Backup ${manifest.id} is a ${manifest.engine} backup; 'database-url' is ${engine.kind}.`);
  await engine.prepareRestore(manifest.tool);
  return withLocalCopy(options, manifest, async (open, verification) => {
    const scratch = await engine.createScratch(`verify_${randomTag()}`);
    logger.info(`Restoring ${manifest.id} into the scratch database ${scratch.engine.display}`);
    try {
      await scratch.engine.prepareRestore(manifest.tool);
      const restoreMs = await restoreStream(scratch.engine, manifest, open, options.passphrase, 'empty', logger);
      const rowCounts = compareRowCounts(manifest.rowCounts, await scratch.engine.countRows());
      return { manifest, verification, restoreMs, rowCounts, scratchDatabase: scratch.engine.name };
    } finally {
      await scratch.drop().catch((error: unknown) => logger.warning(`Could not drop the scratch database ${scratch.engine.name}: ${(error as Error).message}`));
    }
  });
}
