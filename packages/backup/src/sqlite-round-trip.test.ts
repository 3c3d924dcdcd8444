import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '@deploysafe/action-kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBackup } from './create-backup.ts';
import { listBackups } from './catalog.ts';
import { parseDatabaseUrl } from './database-url.ts';
import { openEngine } from './engines.ts';
import { FileStorage } from './file-storage.ts';
import { restoreBackup, verifyBackup } from './restore-backup.ts';
import { createSqliteDatabase, sqliteFingerprint } from './testing.ts';

const key = 'a test passphrase of some length';

describe('SQLite round trip through node:sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dsb-sqlite-'));
  const source = join(dir, 'app.db');
  const storage = new FileStorage(join(dir, 'backups'));
  const logger = new MemoryLogger();
  const engineFor = (path: string) => openEngine(parseDatabaseUrl(path), { logger, tempDir: dir });

  beforeAll(() => createSqliteDatabase(source));

  it.each(['zstd', 'gzip', 'none'] as const)('backs up and restores identical data (%s, encrypted)', async (compression) => {
    const created = await createBackup({ engine: engineFor(source), storage, compression, passphrase: key, label: 'test', logger });
    expect(created.manifest.rowCounts).toEqual({ exact: true, tables: { customers: 302, orders: 500 } });
    const target = join(dir, `restored-${compression}.db`);
    const result = await restoreBackup({ engine: engineFor(target), storage, backupId: created.manifest.id, passphrase: key, confirm: `restored-${compression}.db`, logger, tempDir: dir });
    expect(result.rowCounts.matches).toBe(true);
    expect(sqliteFingerprint(target)).toEqual(sqliteFingerprint(source));
  });

  it('verifies by restoring into a scratch file and comparing row counts', async () => {
    const created = await createBackup({ engine: engineFor(source), storage, compression: 'zstd', passphrase: undefined, logger });
    const result = await verifyBackup({ storage, backupId: created.manifest.id, passphrase: undefined, mode: 'restore', engine: engineFor(source), logger, tempDir: dir });
    expect(result.rowCounts?.matches).toBe(true);
    expect(result.restoreMs).toBeGreaterThanOrEqual(0);
  });

  it('refuses to replace a non-empty target unless asked, and replaces it when asked', async () => {
    const created = await createBackup({ engine: engineFor(source), storage, compression: 'zstd', passphrase: key, logger });
    const target = join(dir, 'busy.db');
    createSqliteDatabase(target);
    writeFileSync(`${target}-wal`, 'stale wal that must not be replayed');
    const options = { engine: engineFor(target), storage, backupId: created.manifest.id, passphrase: key, confirm: 'busy.db', logger, tempDir: dir };
    await expect(restoreBackup(options)).rejects.toThrow(/is not empty/);
    await restoreBackup({ ...options, mode: 'replace' });
    expect(sqliteFingerprint(target)).toEqual(sqliteFingerprint(source));
  });

  it('lists complete backups only', async () => {
    const { backups } = await listBackups(storage);
    expect(backups.length).toBeGreaterThanOrEqual(5);
    expect(readFileSync(join(storage.dir, `${backups[0]?.id}.manifest.json`), 'utf8')).toContain('"format": "deploysafe-backup/1"');
  });
});
