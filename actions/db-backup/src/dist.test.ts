// The built bundle, run the way the runner runs it: outputs, summary, masking and no secret anywhere.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabase, createSqliteDatabase, type TestDatabase } from '@deploysafe/backup/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DistRun, runDist } from '../../../tests/harness/run-dist.ts';
import { canConnect, hasCommand, requirement } from '../../../tests/support/requirements.ts';
import { type LocalArtifactService, startLocalArtifactService } from '../../../packages/backup/src/artifact-test-server.ts';
import { type LocalS3, startLocalS3 } from '../../../packages/backup/src/s3-test-server.ts';

const key = 'dist-test-encryption-passphrase';
const password = 'pw-Zq7!x@9/secret';
const pgReady = requirement('PostgreSQL at 127.0.0.1:5432 with pg_dump', (await canConnect('127.0.0.1', 5432)) && hasCommand('pg_dump'));

/** Everything a user or a later step could see: the log less the mask commands, summary, outputs and files written. */
function visible(run: DistRun, dirs: string[] = []): string {
  const files = dirs.flatMap((d) => readdirSync(d).filter((n) => n.endsWith('.json')).map((n) => readFileSync(join(d, n), 'utf8')));
  return [run.log, run.summary, JSON.stringify(run.outputs), ...files].join('\n');
}

describe.runIf(pgReady)('db-backup dist on PostgreSQL', () => {
  let db: TestDatabase;
  const home = mkdtempSync(join(tmpdir(), 'dsb-dist-'));
  const bin = join(home, 'bin');
  const argvLog = join(home, 'argv.log');

  beforeAll(() => {
    db = createPostgresDatabase();
    // Wrappers record each tool's command line and whether PGPASSWORD reached it, then run the real tool.
    mkdirSync(bin);
    for (const tool of ['pg_dump', 'pg_restore', 'psql']) {
      const wrapper = join(bin, tool);
      writeFileSync(wrapper, `#!/bin/sh\necho "${tool} $* PGPASSWORD=\${PGPASSWORD:+set}" >> ${argvLog}\nexec /usr/bin/${tool} "$@"\n`);
      chmodSync(wrapper, 0o755);
    }
  });
  afterAll(() => db?.drop());

  it('backs up with the password and key masked, passes the password only through the environment, and never prints either', async () => {
    const url = db.url.replace('postgres@', `postgres:${encodeURIComponent(password)}@`);
    const run = await runDist('db-backup', {
      inputs: { 'database-url': url, destination: `file:${join(home, 'backups')}`, 'encryption-key': key, label: 'pre-deploy' },
      env: { PATH: `${bin}:${process.env.PATH}` },
    });
    expect(run.exitCode, run.log).toBe(0);
    expect(run.masks).toEqual(expect.arrayContaining([key, encodeURIComponent(password), password]));
    const seen = visible(run, [join(home, 'backups')]);
    expect(seen).not.toContain(password);
    expect(seen).not.toContain(encodeURIComponent(password));
    expect(seen).not.toContain(key);
    const argv = readFileSync(argvLog, 'utf8');
    expect(argv).toContain('pg_dump --format=custom');
    expect(argv).not.toContain(password);
    expect(argv).not.toContain(encodeURIComponent(password));
    expect(argv.split('\n').filter((l) => l.startsWith('pg_dump --format')).every((l) => l.endsWith('PGPASSWORD=set'))).toBe(true);

    expect(run.outputs['backup-id']).toMatch(new RegExp(`^\\d{8}T\\d{6}Z-${db.name}-[0-9a-f]{6}$`));
    expect(run.outputs.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Number(run.outputs.size)).toBeGreaterThan(0);
    expect(JSON.parse(run.outputs.manifest as string)).toMatchObject({ engine: 'postgres', database: db.name, source: { runId: '4242' } });
    expect(run.summary).toContain(`Backup ${run.outputs['backup-id']} stored`);
    expect(run.log).toMatch(/dumped: .* \(done\)/);

    const restore = await runDist('db-backup', {
      inputs: { operation: 'restore', 'database-url': url, destination: `file:${join(home, 'backups')}`, 'encryption-key': key, 'backup-id': run.outputs['backup-id'] as string, confirm: 'production' },
    });
    expect(restore.exitCode).toBe(1);
    expect(restore.log).toContain(`::error::Restore refused: 'confirm' must equal the target database's name '${db.name}' (got 'production')`);
    expect(visible(restore)).not.toContain(password);
  });
});

describe('db-backup dist', () => {
  it('fails with one line naming the input when the key is missing', async () => {
    const run = await runDist('db-backup', { inputs: { 'database-url': 'app.db' } });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^Input 'encryption-key' is required: expected a passphrase/);
    expect(run.log).not.toMatch(/\n\s+at /);
  });

  describe('with S3', () => {
    let s3: LocalS3;
    beforeAll(async () => {
      s3 = await startLocalS3('dist-bucket');
    });
    afterAll(async () => {
      await s3?.close();
    });

    it('backs up a SQLite file to an S3-compatible server and lists it, credentials masked', async () => {
      const workspace = mkdtempSync(join(tmpdir(), 'dsb-dist-s3-'));
      createSqliteDatabase(join(workspace, 'app.sqlite'));
      const common = {
        destination: 's3://dist-bucket/backups/app',
        's3-endpoint': s3.endpoint,
        's3-force-path-style': 'true',
        's3-access-key-id': s3.credentials.accessKeyId,
        's3-secret-access-key': s3.credentials.secretAccessKey,
      };
      const backup = await runDist('db-backup', { workspace, inputs: { ...common, 'database-url': 'app.sqlite', 'encryption-key': key, verify: 'restore' } });
      expect(backup.exitCode, backup.log).toBe(0);
      expect(backup.outputs.location).toMatch(/^s3:\/\/dist-bucket\/backups\/app\/\d{8}T\d{6}Z-app-[0-9a-f]{6}\.sqlite\.zst\.enc$/);
      expect(backup.masks).toContain(s3.credentials.secretAccessKey);
      expect(backup.summary).toContain('verified by a scratch restore');

      const list = await runDist('db-backup', { workspace, inputs: { ...common, operation: 'list' } });
      expect(list.exitCode, list.log).toBe(0);
      expect(list.outputs['backup-id']).toBe(backup.outputs['backup-id']);
      expect(list.summary).toContain('1 complete backup(s)');
    });
  });

  describe('with artifacts', () => {
    let service: LocalArtifactService;
    beforeAll(async () => {
      service = await startLocalArtifactService();
    });
    afterAll(async () => {
      await service?.close();
    });

    it('backs up to the run artifacts, lists and verifies them, and refuses to prune them', async () => {
      const workspace = mkdtempSync(join(tmpdir(), 'dsb-dist-artifact-'));
      createSqliteDatabase(join(workspace, 'app.db'));
      const env = { ...service.env };
      const backup = await runDist('db-backup', { workspace, env, inputs: { 'database-url': 'app.db', destination: 'artifact:db-backups', 'encryption-key': key } });
      expect(backup.exitCode, backup.log).toBe(0);
      expect(backup.outputs.location).toBe(`artifact db-backups-${backup.outputs['backup-id']}.sqlite.zst.enc`);
      expect(backup.summary).toContain('not applied to artifact: destinations');
      expect(service.names()).toHaveLength(2);

      const verify = await runDist('db-backup', { workspace, env, inputs: { operation: 'verify', destination: 'artifact:db-backups', 'encryption-key': key } });
      expect(verify.exitCode, verify.log).toBe(0);
      expect(verify.outputs['backup-id']).toBe(backup.outputs['backup-id']);

      const prune = await runDist('db-backup', { workspace, env, inputs: { operation: 'prune', destination: 'artifact:db-backups' } });
      expect(prune.exitCode).toBe(1);
      expect(prune.log).toContain('prune does not apply to artifact: destinations');
    });
  });
});
