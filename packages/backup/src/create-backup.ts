import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ByteProgress, type Logger, formatBytes } from '@deploysafe/action-kit';
import { ByteCounter, Sha256Meter } from './byte-streams.ts';
import { type Compression, DEFAULT_LEVEL, compressionSuffix, createCompressStream } from './compression.ts';
import type { DatabaseEngine } from './engine.ts';
import { MANIFEST_FORMAT, type Manifest, manifestName, newBackupId } from './manifest.ts';
import type { BackupStorage } from './storage.ts';
import { createEncryptStream } from './stream-cipher.ts';

/** Where a backup came from, recorded in its manifest. */
export type BackupSource = Manifest['source'];

/** What createBackup needs. */
export interface CreateBackupOptions {
  engine: DatabaseEngine;
  storage: BackupStorage;
  compression: Compression;
  compressionLevel?: number;
  /** The encryption passphrase; undefined stores the backup unencrypted (the caller must have been told so explicitly). */
  passphrase: string | undefined;
  label?: string;
  environment?: string;
  source?: Partial<BackupSource>;
  logger: Logger;
  /** Progress lines at most this often (default 5 s). */
  progressIntervalMs?: number;
}

/** A stored backup. */
export interface CreatedBackup {
  manifest: Manifest;
  /** Where the object is. */
  location: string;
  /** Where the manifest is. */
  manifestLocation: string;
}

/**
 * Dumps the database and streams it through compression, encryption and SHA-256 into storage,
 * in constant memory. The manifest is written last: until then nothing lists as a backup, and a
 * failed dump (even one that wrote bytes) removes its object.
 */
export async function createBackup(options: CreateBackupOptions): Promise<CreatedBackup> {
  const { engine, storage, compression, logger } = options;
  const level = options.compressionLevel ?? DEFAULT_LEVEL[compression];
  const info = await engine.prepareDump();
  logger.info(`${engine.kind} ${info.serverVersion} at ${engine.display}; dumping with ${info.tool.name} ${info.tool.version}`);
  const sizeHint = await engine.estimateSize().catch(() => undefined);
  const started = new Date();
  const id = newBackupId(engine.name, started);
  const object = `${id}${engine.formatSuffix}${compressionSuffix(compression)}${options.passphrase ? '.enc' : ''}`;
  const encryption = options.passphrase ? await createEncryptStream(options.passphrase, id) : undefined;

  const dump = await engine.startDump();
  const progress = new ByteProgress(logger, `${engine.name}: dumped`, options.progressIntervalMs);
  const dumped = new ByteCounter((n) => progress.add(n));
  const compressed = new ByteCounter();
  const stored = new Sha256Meter();
  const body = new PassThrough();
  let rowCounts: Manifest['rowCounts'];
  try {
    const flowing = pipeline([dump.stream, dumped, createCompressStream(compression, level), compressed, ...(encryption ? [encryption.stream] : []), stored, body]);
    const writing = storage.writeObject(object, body, { sizeHint }).catch((error: unknown) => {
      body.destroy(error as Error);
      throw error;
    });
    // Settle both, so a failed upload has cleaned up (temp file removed, multipart aborted) before we return.
    const [flowed, written, counted] = await Promise.allSettled([flowing, writing, dump.rowCounts]);
    if (flowed.status === 'rejected') throw flowed.reason;
    if (written.status === 'rejected') throw written.reason;
    if (counted.status === 'rejected') {
      await storage.remove(object).catch(() => {});
      throw counted.reason;
    }
    rowCounts = counted.value;
  } finally {
    await dump.close();
  }
  const elapsed = progress.done();

  const finished = new Date();
  const src = options.source ?? {};
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    id,
    object,
    engine: engine.kind,
    database: engine.name,
    serverVersion: info.serverVersion,
    tool: info.tool,
    label: options.label ?? '',
    environment: options.environment ?? '',
    source: {
      repository: src.repository ?? '',
      commit: src.commit ?? '',
      ref: src.ref ?? '',
      runId: src.runId ?? '',
      runAttempt: src.runAttempt ?? '',
      workflow: src.workflow ?? '',
      actor: src.actor ?? '',
    },
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: Math.max(0, Math.round(elapsed)),
    sizes: { dump: dumped.bytes, compressed: compressed.bytes, stored: stored.bytes },
    sha256: stored.sha256,
    compression: { algorithm: compression, level },
    encryption: encryption ? encryption.parameters : { algorithm: 'none' },
    rowCounts,
  };
  try {
    await storage.writeText(manifestName(id), `${JSON.stringify(manifest, null, 2)}\n`);
  } catch (error) {
    await storage.remove(object).catch(() => {});
    throw error;
  }
  logger.info(
    `Backup ${id}: ${formatBytes(manifest.sizes.dump)} dumped, ${formatBytes(manifest.sizes.stored)} stored at ${storage.locationOf(object)} (sha256 ${manifest.sha256})`,
  );
  return { manifest, location: storage.locationOf(object), manifestLocation: storage.locationOf(manifestName(id)) };
}
