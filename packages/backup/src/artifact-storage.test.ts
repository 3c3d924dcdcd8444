// artifact: storage through the real @actions/artifact client against a local service speaking its protocol.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '@deploysafe/action-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtifactStorage } from './artifact-storage.ts';
import { type LocalArtifactService, startLocalArtifactService } from './artifact-test-server.ts';
import { listBackups } from './catalog.ts';
import { createBackup } from './create-backup.ts';
import { parseDatabaseUrl } from './database-url.ts';
import { openEngine } from './engines.ts';
import { restoreBackup } from './restore-backup.ts';
import { createSqliteDatabase, sqliteFingerprint } from './testing.ts';

describe('artifact storage against a local artifact service', () => {
  let service: LocalArtifactService;
  const dir = mkdtempSync(join(tmpdir(), 'dsb-artifact-'));
  const logger = new MemoryLogger();
  const saved = { ...process.env };

  beforeAll(async () => {
    service = await startLocalArtifactService();
    Object.assign(process.env, service.env, { GITHUB_WORKSPACE: dir });
  });
  afterAll(async () => {
    process.env = saved;
    await service?.close();
  });

  it('stores the object and then the manifest as artifacts, lists, restores and deletes', async () => {
    const db = join(dir, 'app.db');
    createSqliteDatabase(db);
    const storage = new ArtifactStorage({ name: 'db-backups', tempDir: dir });
    const { manifest } = await createBackup({ engine: openEngine(parseDatabaseUrl(db), { logger, tempDir: dir }), storage, compression: 'zstd', passphrase: 'artifact test passphrase', logger });
    expect(service.names()).toEqual([`db-backups-${manifest.id}.manifest.json`, `db-backups-${manifest.object}`].sort());
    expect(service.pending()).toEqual([]);

    const { backups } = await listBackups(storage);
    expect(backups.map((b) => b.id)).toEqual([manifest.id]);

    const target = join(dir, 'restored.db');
    const result = await restoreBackup({
      engine: openEngine(parseDatabaseUrl(target), { logger, tempDir: dir }),
      storage,
      backupId: manifest.id,
      passphrase: 'artifact test passphrase',
      confirm: 'restored.db',
      logger,
      tempDir: dir,
    });
    expect(result.rowCounts.matches).toBe(true);
    expect(sqliteFingerprint(target)).toEqual(sqliteFingerprint(db));

    await storage.remove(`${manifest.id}.manifest.json`);
    expect((await listBackups(storage)).backups).toEqual([]);
  });
});
