// rollback with restore-database on the real PostgreSQL: the backup recorded with the release
// being undone comes back, checked before traffic moves, never restored twice.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@deploysafe/action-kit';
import { createTestContext, inputsFor } from '@deploysafe/action-kit/testing';
import { createBackup, FileStorage, openEngine, parseDatabaseUrl } from '@deploysafe/backup';
import { createPostgresDatabase, postgresFingerprint, psql, type TestDatabase } from '@deploysafe/backup/testing';
import { canConnect, hasCommand, requirement } from '../../../tests/support/requirements.ts';
import { definition } from './definition.ts';
import { run } from './run.ts';
import { createTestTarget, withMigration, type TestTarget } from './test-target.ts';

const key = 'rollback test passphrase 0123456789';
const pgReady = requirement('PostgreSQL at 127.0.0.1:5432 with pg_dump', (await canConnect('127.0.0.1', 5432)) && hasCommand('pg_dump'));
const env = { GITHUB_WORKSPACE: tmpdir(), GITHUB_RUN_ID: '901', GITHUB_ACTOR: 'oncall' };

describe.runIf(pgReady)('rollback with restore-database on PostgreSQL', () => {
  let db: TestDatabase;
  let t: TestTarget;
  let backups: string;
  let backupId: string;
  let beforeV2: Record<string, string>;

  async function rollback(raw: Record<string, string> = {}) {
    const c = createTestContext({ env });
    const inputs = { target: t.file, 'lock-wait': '0s', 'restore-database': 'true', 'database-url': db.url, destination: `file:${backups}`, 'encryption-key': key, confirm: db.name, ...raw };
    const result = await run(inputsFor(definition, inputs, c), c.ctx);
    return { ...result, log: c.logger.text(), summary: c.summary.toString() };
  }
  const live = () => readFileSync(join(t.dir, 'router'), 'utf8').trim();

  beforeAll(async () => {
    db = createPostgresDatabase();
    backups = mkdtempSync(join(tmpdir(), 'rollback-backups-'));
    // v2's deploy runs a migration that adds a table and writes rows.
    t = await createTestTarget({
      deployCommand: (script, dir) =>
        withMigration(script, dir, db.name, 'v2', "CREATE TABLE v2_flags (name text PRIMARY KEY); INSERT INTO v2_flags VALUES ('new-checkout'); INSERT INTO customers (name) VALUES ('made by v2')"),
    });
    await t.deploy('v1');
    const logger = silentLogger;
    const created = await createBackup({ engine: openEngine(parseDatabaseUrl(db.url), { logger, tempDir: tmpdir() }), storage: new FileStorage(backups), compression: 'zstd', passphrase: key, label: 'pre-deploy', logger });
    backupId = created.manifest.id;
    beforeV2 = postgresFingerprint(db.name);
    await t.deploy('v2', { backupId });
    expect(postgresFingerprint(db.name)).not.toEqual(beforeV2);
  });
  afterAll(() => {
    t?.cleanup();
    db?.drop();
  });

  it('refuses before traffic moves when the key is wrong or the backup is missing', async () => {
    await expect(rollback({ 'encryption-key': 'not the key that made the backup' })).rejects.toThrow(new RegExp(`Backup ${backupId} failed verification: the encryption key is wrong`));
    await expect(rollback({ 'backup-id': '20200101T000000Z-none-000000' })).rejects.toThrow(/Backup 20200101T000000Z-none-000000 was not found/);
    expect(live()).toBe('green');
    expect((await t.record()).history.map((e) => e.status)).toEqual(['superseded', 'live']);
  });

  it('switches to v1, then restores the backup recorded with v2, then checks health again', async () => {
    const r = await rollback({ reason: 'v2 migration broke orders' });
    expect(r.failure).toBeUndefined();
    expect(r.outputs).toMatchObject({ 'live-color': 'blue', release: 'v1', 'rolled-back-release': 'v2', 'restored-backup-id': backupId });
    expect(postgresFingerprint(db.name)).toEqual(beforeV2);
    expect(live()).toBe('blue');
    // The order: checks, switch, restore, health again.
    const at = (text: string) => r.log.indexOf(text);
    const order = [at('Checking backup'), at('Switching traffic'), at(`Restoring ${backupId} into`), at(`Restored ${backupId}`), r.log.lastIndexOf('Health check of')];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const v2 = (await t.record()).history[1];
    expect(v2).toMatchObject({ status: 'rolled-back', reason: 'v2 migration broke orders', rollback: { toRelease: 'v1', restoredBackupId: backupId } });
    expect(r.summary).toMatch(/\*\*Database restored\*\* \| yes/);
    expect(r.summary).toContain(backupId);
    expect(r.summary).toMatch(/\*\*Data window lost\*\* \| [\d.]+ ?m?s: everything written between .* and .* is gone/);
    expect(r.summary).toMatch(/recorded with v2 when it was deployed/);
    expect(r.summary).not.toContain(key);
  });

  it('running it again restores nothing a second time', async () => {
    psql(db.name, "INSERT INTO customers (name) VALUES ('written after the rollback')");
    const after = postgresFingerprint(db.name);
    const r = await rollback();
    expect(r.failure).toBeUndefined();
    expect(r.outputs).toMatchObject({ release: 'v1', 'rolled-back-release': '', 'restored-backup-id': '' });
    expect(r.log).toMatch(new RegExp(`already restored from ${backupId} by the rollback of v2 at .*not restored again`));
    expect(postgresFingerprint(db.name)).toEqual(after);
    await expect(rollback({ 'backup-id': '20200101T000000Z-other-000000' })).rejects.toThrow(new RegExp(`already restored backup ${backupId} .* not restoring 20200101T000000Z-other-000000 over it`));
  });

  it('finishes the restore of an earlier rollback that switched traffic but could not restore', async () => {
    // What a run whose restore failed after the switch leaves behind: v2 rolled back, no restore recorded.
    const file = join(t.stateDir, 'releases.json');
    const record = JSON.parse(readFileSync(file, 'utf8'));
    delete record.history[1].rollback.restoredBackupId;
    delete record.history[1].rollback.restoredAt;
    writeFileSync(file, JSON.stringify(record));
    psql(db.name, "INSERT INTO customers (name) VALUES ('v2 data the failed restore left')");
    const r = await rollback({ from: 'v2' });
    expect(r.failure).toBeUndefined();
    expect(r.log).toMatch(/The rollback of v2 switched traffic but did not restore the database: restoring now/);
    expect(r.outputs).toMatchObject({ release: 'v1', 'rolled-back-release': '', 'restored-backup-id': backupId });
    expect(postgresFingerprint(db.name)).toEqual(beforeV2);
    expect(live()).toBe('blue');
    expect((await t.record()).history[1]?.rollback?.restoredBackupId).toBe(backupId);
  });

  it('refuses a restore when the undone release has no backup recorded', async () => {
    await t.deploy('v3'); // no backup-id
    await expect(rollback()).rejects.toThrow(/No backup is recorded with v3 \(its deploy-bluegreen step had no backup-id\)/);
    expect(live()).toBe('green');
  });
});
