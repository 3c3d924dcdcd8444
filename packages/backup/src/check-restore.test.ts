import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '@deploysafe/action-kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBackup } from './create-backup.ts';
import { parseDatabaseUrl } from './database-url.ts';
import { openEngine } from './engines.ts';
import { BackupIntegrityError } from './errors.ts';
import { FileStorage } from './file-storage.ts';
import { checkRestore } from './restore-backup.ts';
import { createSqliteDatabase, sqliteFingerprint } from './testing.ts';

const key = 'a test passphrase of some length';

describe('checkRestore: everything a restore checks before it reads the object', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dsb-check-'));
  const source = join(dir, 'app.db');
  const storage = new FileStorage(join(dir, 'backups'));
  const logger = new MemoryLogger();
  const engine = () => openEngine(parseDatabaseUrl(source), { logger, tempDir: dir });
  let encrypted: string;
  let plain: string;

  beforeAll(async () => {
    createSqliteDatabase(source);
    encrypted = (await createBackup({ engine: engine(), storage, compression: 'zstd', passphrase: key, logger })).manifest.id;
    plain = (await createBackup({ engine: engine(), storage, compression: 'gzip', passphrase: undefined, logger })).manifest.id;
  });

  const options = (over: Partial<Parameters<typeof checkRestore>[0]> = {}) => ({
    engine: engine(),
    storage,
    backupId: encrypted,
    passphrase: key,
    mode: 'replace' as const,
    confirm: 'app.db',
    logger,
    tempDir: dir,
    checkKey: true,
    ...over,
  });

  it('returns the manifest when the restore can start, touching nothing', async () => {
    const before = sqliteFingerprint(source);
    const manifest = await checkRestore(options());
    expect(manifest).toMatchObject({ id: encrypted, engine: 'sqlite', database: 'app.db' });
    expect(sqliteFingerprint(source)).toEqual(before);
  });

  it('finds a wrong key by authenticating the header only', async () => {
    const error = await checkRestore(options({ passphrase: 'not the right passphrase at all' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupIntegrityError);
    expect((error as Error).message).toMatch(new RegExp(`Backup ${encrypted} failed verification: the encryption key is wrong`));
    // Without checkKey the key is not read (restoreBackup finds it in its verification pass).
    await expect(checkRestore(options({ passphrase: 'not the right passphrase at all', checkKey: false }))).resolves.toMatchObject({ id: encrypted });
  });

  it('refuses a wrong confirm, an unknown backup, a missing key and an unexpected unencrypted backup', async () => {
    await expect(checkRestore(options({ confirm: 'production' }))).rejects.toThrow(/'confirm' must equal the target database's name 'app.db' \(got 'production'\)/);
    await expect(checkRestore(options({ backupId: '20200101T000000Z-app.db-000000' }))).rejects.toThrow(/was not found/);
    await expect(checkRestore(options({ passphrase: undefined }))).rejects.toThrow(/is encrypted: give its 'encryption-key'/);
    await expect(checkRestore(options({ backupId: plain }))).rejects.toThrow(/is not encrypted, but an encryption key was given/);
    await expect(checkRestore(options({ backupId: plain, passphrase: undefined }))).resolves.toMatchObject({ id: plain });
  });
});
