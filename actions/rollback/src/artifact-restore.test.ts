// The in-job form: a rollback in the deploy's own run restores the SQLite backup that run stored
// as a workflow artifact (through the real @actions/artifact client against a local artifact service).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@deploysafe/action-kit';
import { createTestContext, inputsFor } from '@deploysafe/action-kit/testing';
import { createBackup, openEngine, openStorage, parseDatabaseUrl, parseDestination } from '@deploysafe/backup';
import { createSqliteDatabase, sqliteFingerprint } from '@deploysafe/backup/testing';
import { startLocalArtifactService, type LocalArtifactService } from '../../../packages/backup/src/artifact-test-server.ts';
import { DatabaseSync } from 'node:sqlite';
import { definition } from './definition.ts';
import { run } from './run.ts';
import { createTestTarget, type TestTarget } from './test-target.ts';

const key = 'artifact rollback passphrase 0123';

describe('rollback restoring a SQLite backup stored as an artifact of the same run', () => {
  let service: LocalArtifactService;
  let t: TestTarget;
  const saved = { ...process.env };

  beforeAll(async () => {
    service = await startLocalArtifactService();
    Object.assign(process.env, service.env);
    t = await createTestTarget({ prefix: 'rollback-artifact-' });
  });
  afterAll(async () => {
    process.env = saved;
    t?.cleanup();
    await service?.close();
  });

  it('finds the backup recorded with v2 among the run\'s artifacts and restores it', async () => {
    const db = join(t.dir, 'app.db');
    createSqliteDatabase(db);
    await t.deploy('v1', { runId: '903' });
    const storage = await openStorage(parseDestination('artifact:db-backups')!, { artifact: { tempDir: t.dir } });
    const { manifest } = await createBackup({ engine: openEngine(parseDatabaseUrl(db), { logger: silentLogger, tempDir: t.dir }), storage, compression: 'zstd', passphrase: key, logger: silentLogger });
    const before = sqliteFingerprint(db);
    await t.deploy('v2', { runId: '903', backupId: manifest.id });
    const conn = new DatabaseSync(db);
    conn.exec("INSERT INTO customers (name) VALUES ('written by v2')");
    conn.close();
    expect(sqliteFingerprint(db)).not.toEqual(before);

    const c = createTestContext({ env: { GITHUB_WORKSPACE: tmpdir(), GITHUB_RUN_ID: '903', GITHUB_ACTOR: 'deploy-job', RUNNER_TEMP: t.dir } });
    const inputs = inputsFor(
      definition,
      { target: t.file, from: 'v2', 'restore-database': 'true', 'database-url': db, destination: 'artifact:db-backups', 'encryption-key': key, confirm: 'app.db', 'github-token': 'ghs_x', 'lock-wait': '0s' },
      c,
    );
    const result = await run(inputs, c.ctx);
    expect(result.failure, c.logger.text()).toBeUndefined();
    expect(result.outputs).toMatchObject({ release: 'v1', 'rolled-back-release': 'v2', 'restored-backup-id': manifest.id });
    expect(sqliteFingerprint(db)).toEqual(before);
    expect(c.summary.toString()).toMatch(/Backup storage\*\* \| `artifact:db-backups`/);
  });
});
