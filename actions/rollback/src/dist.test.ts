// rollback through its built bundle, exactly as the runner runs it: a rollback with a database
// restore that never shows the key, the database password or the token; running it twice;
// input errors before any work; the lock held; the post step after a killed job.
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@deploysafe/action-kit';
import { createBackup, FileStorage, openEngine, parseDatabaseUrl } from '@deploysafe/backup';
import { createPostgresDatabase, postgresFingerprint, psql, type TestDatabase } from '@deploysafe/backup/testing';
import { DeployLock, GitHubDeployments, LocalTransport } from '@deploysafe/deploy';
import { runDist, type DistRun } from '../../../tests/harness/run-dist.ts';
import { startGitHubApi } from '../../../tests/support/github-api.ts';
import { canConnect, hasCommand, requirement } from '../../../tests/support/requirements.ts';
import { createTestTarget, type TestTarget } from './test-target.ts';

const key = 'dist-rollback-encryption-passphrase';
const password = 'pw-Rb7!x@9/secret';
const token = 'ghs_rollbackDistToken1234567890abcdef';
const pgReady = requirement('PostgreSQL at 127.0.0.1:5432 with pg_dump', (await canConnect('127.0.0.1', 5432)) && hasCommand('pg_dump'));

describe.runIf(pgReady)('rollback dist/', () => {
  let db: TestDatabase;
  let t: TestTarget;
  let api: Awaited<ReturnType<typeof startGitHubApi>>;
  let url: string;
  let backups: string;
  let backupId: string;
  let beforeV2: Record<string, string>;

  const env = () => ({ GITHUB_TOKEN: token, GITHUB_API_URL: api.url });
  const restoreInputs = () => ({ target: t.file, 'restore-database': 'true', 'database-url': url, destination: `file:${backups}`, 'encryption-key': key, confirm: db.name, 'lock-wait': '0s' });

  /** Everything a user or a later step could see: the log less the mask commands, summary, outputs, state and the files written. */
  function visible(run: DistRun): string {
    const files = [join(t.stateDir, 'releases.json'), ...readdirSync(backups).filter((n) => n.endsWith('.json')).map((n) => join(backups, n))];
    return [run.log, run.summary, JSON.stringify(run.outputs), JSON.stringify(run.state), ...files.map((f) => readFileSync(f, 'utf8')), JSON.stringify(api.calls.map((c) => c.body))].join('\n');
  }

  beforeAll(async () => {
    db = createPostgresDatabase();
    // Trust authentication ignores the password, but every tool and message still sees it.
    url = db.url.replace('postgres@', `postgres:${encodeURIComponent(password)}@`);
    api = await startGitHubApi();
    t = await createTestTarget({ prefix: 'rollback-dist-' });
    backups = join(t.dir, 'backups');
    const deployments = new GitHubDeployments({ token, apiUrl: api.url, owner: 'acme', repo: 'shop', logger: silentLogger });
    await t.deploy('v1', { deployments });
    const engine = openEngine(parseDatabaseUrl(url), { logger: silentLogger, tempDir: tmpdir() });
    backupId = (await createBackup({ engine, storage: new FileStorage(backups), compression: 'zstd', passphrase: key, logger: silentLogger })).manifest.id;
    beforeV2 = postgresFingerprint(db.name);
    await t.deploy('v2', { backupId, deployments });
    psql(db.name, "INSERT INTO customers (name) VALUES ('written by v2')");
  });

  afterAll(() => {
    api?.server.close();
    t?.cleanup();
    db?.drop();
  });

  it('rolls back with a restore, masks the key, the password and the token, and shows none of them anywhere', async () => {
    const run = await runDist('rollback', { inputs: { ...restoreInputs(), reason: 'v2 corrupts carts' }, env: env() });
    expect(run.exitCode, run.log).toBe(0);
    expect(run.outputs).toMatchObject({ 'live-color': 'blue', release: 'v1', 'rolled-back-release': 'v2', 'restored-backup-id': backupId });
    expect(Number(run.outputs['duration-ms'])).toBeGreaterThan(0);
    expect(postgresFingerprint(db.name)).toEqual(beforeV2);
    expect(run.summary).toMatch(/Rolled back v2 → v1: v1 is live on blue/);
    expect(run.summary).toMatch(/\*\*Data window lost\*\*/);
    expect(run.masks).toEqual(expect.arrayContaining([key, password, encodeURIComponent(password), token]));
    const seen = visible(run);
    for (const secret of [key, password, encodeURIComponent(password), token]) expect(seen).not.toContain(secret);
    expect(run.log).toContain(db.name);
    // GitHub: the restored release got a new deployment with success; the undone one failure.
    expect(api.calls.filter((c) => c.path.endsWith('/statuses')).slice(-3).map((c) => c.body.state)).toEqual(['in_progress', 'success', 'failure']);
  });

  it('running it again does nothing, restores nothing, and says so', async () => {
    psql(db.name, "INSERT INTO customers (name) VALUES ('written after the rollback')");
    const after = postgresFingerprint(db.name);
    const run = await runDist('rollback', { inputs: restoreInputs(), env: env() });
    expect(run.exitCode, run.log).toBe(0);
    expect(run.outputs).toMatchObject({ 'live-color': 'blue', release: 'v1', 'rolled-back-release': '', 'restored-backup-id': '' });
    expect(run.annotations.find((a) => a.level === 'notice')?.message).toMatch(/Nothing to roll back: v1 is live on blue because run 4242 by octocat rolled back v2/);
    expect(run.summary).toMatch(/Nothing to roll back/);
    expect(run.summary).toMatch(/already restored from .* not restored again/);
    expect(postgresFingerprint(db.name)).toEqual(after);
  });

  it('fails in one line naming every bad input, before any work', async () => {
    const run = await runDist('rollback', { inputs: { target: t.file, 'restore-database': 'true', 'database-url': url, confirm: 'production' } });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^3 inputs are invalid:/);
    expect(errors[0]).toMatch(/Input 'destination' is required/);
    expect(errors[0]).toMatch(/Input 'encryption-key' is required/);
    expect(errors[0]).toMatch(new RegExp(`Input 'confirm' has an invalid value "production": expected the target database's name '${db.name}'`));
    expect(run.log).not.toMatch(/\n\s+at /);
    expect(visible(run)).not.toContain(password);
    expect(existsSync(join(t.stateDir, 'deploy.lock'))).toBe(false);
    const bad = await runDist('rollback', { inputs: { target: t.file, to: 'v1 && curl evil' } });
    expect(bad.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([expect.stringMatching(/^Input 'to' has an invalid value "v1 && curl evil": expected previous, or a release id/)]);
  });

  it('refuses while the target is locked, naming the holder', async () => {
    const lock = await DeployLock.acquire(new LocalTransport(), t.stateDir, { runId: '5150', actor: 'dave', purpose: 'deploy-bluegreen full v3' }, { leaseMs: 10_000, waitMs: 0, logger: silentLogger });
    try {
      const run = await runDist('rollback', { inputs: { target: t.file, to: 'v2', 'lock-wait': '0s' } });
      expect(run.exitCode).toBe(1);
      expect(run.annotations.find((a) => a.level === 'error')?.message).toMatch(/The target is locked by another deploy: run 5150 by dave \(deploy-bluegreen full v3, since/);
    } finally {
      await lock.release();
    }
    expect(readFileSync(join(t.dir, 'router'), 'utf8').trim()).toBe('blue');
  });

  it('the post step releases the lock a killed rollback left', async () => {
    const slowDeploy = join(t.dir, 'slow-deploy.sh');
    writeFileSync(slowDeploy, '#!/bin/sh\necho "redeploying slowly"\nexec sleep 20\n');
    chmodSync(slowDeploy, 0o755);
    const slow = t.variant('slow', { 'deploy-command': slowDeploy });
    // blue (live) runs v1, green runs v2: rolling forward to v2 after stopping green forces a redeploy.
    const { stopColor } = await import('../../../tests/support/deploy-fixture.ts');
    stopColor(t.dir, 'green');
    const killed = await runDist('rollback', { inputs: { target: slow, to: 'v2', 'lock-wait': '0s' }, timeoutMs: 5000 });
    expect(killed.exitCode).toBeNull();
    expect(killed.log).toMatch(/redeploying slowly/);
    expect(killed.state['lock-token']).toMatch(/^[0-9a-f]{24}$/);
    expect(existsSync(join(t.stateDir, 'deploy.lock'))).toBe(true);
    const post = await runDist('rollback', { entry: 'post', state: killed.state });
    expect(post.exitCode, post.log).toBe(0);
    expect(post.annotations.find((a) => a.level === 'warning')?.message).toMatch(/ended without releasing the target's lock .*released/);
    expect(existsSync(join(t.stateDir, 'deploy.lock'))).toBe(false);
    expect(readFileSync(join(t.dir, 'router'), 'utf8').trim()).toBe('blue');
  });
});
