// rollback through run() on a command-provider target with a real service per colour.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, InputError, silentLogger } from '@deploysafe/action-kit';
import { createTestContext, inputsFor } from '@deploysafe/action-kit/testing';
import { DeployLock, GitHubDeployments, LocalTransport, LockBusyError, type ReleaseRecord } from '@deploysafe/deploy';
import { stopColor } from '../../../tests/support/deploy-fixture.ts';
import { startGitHubApi } from '../../../tests/support/github-api.ts';
import { definition } from './definition.ts';
import { run } from './run.ts';
import { createTestTarget, type TestTarget } from './test-target.ts';

const env = { GITHUB_WORKSPACE: tmpdir(), GITHUB_RUN_ID: '900', GITHUB_ACTOR: 'oncall', GITHUB_REPOSITORY: 'acme/shop' };

async function rollback(file: string, raw: Record<string, string> = {}, extraEnv: Record<string, string> = {}) {
  const t = createTestContext({ env: { ...env, ...extraEnv } });
  const result = await run(inputsFor(definition, { target: file, 'lock-wait': '0s', ...raw }, t), t.ctx);
  return { ...result, log: t.logger.text(), summary: t.summary.toString() };
}

function history(record: ReleaseRecord): string[] {
  return record.history.map((e) => `${e.release}@${e.color}:${e.status}`);
}

function liveColor(t: TestTarget): string {
  return readFileSync(join(t.dir, 'router'), 'utf8').trim();
}

describe('rollback on a command target', () => {
  let t: TestTarget;

  beforeAll(async () => {
    t = await createTestTarget();
    await t.deploy('v1');
    await t.deploy('v2');
  });
  afterAll(() => t?.cleanup());

  it('to: previous switches back to the colour that still runs v1, after a health check, and records why and who', async () => {
    expect(liveColor(t)).toBe('green');
    const r = await rollback(t.file, { reason: 'checkout returns 500' });
    expect(r.failure).toBeUndefined();
    expect(r.outputs).toMatchObject({ 'live-color': 'blue', release: 'v1', 'rolled-back-release': 'v2', 'restored-backup-id': '' });
    expect(Number(r.outputs['duration-ms'])).toBeGreaterThan(0);
    expect(liveColor(t)).toBe('blue');
    expect(await t.served('blue')).toBe('v1');
    expect(r.log).toMatch(/Health check of blue .* for v1/);
    expect(r.log).not.toMatch(/Redeploying/);
    const record = await t.record();
    expect(history(record)).toEqual(['v1@blue:live', 'v2@green:rolled-back']);
    expect(record.history[1]).toMatchObject({ reason: 'checkout returns 500', rollback: { toRelease: 'v1', toEntryId: 1, actor: 'oncall', runId: '900' } });
    expect(record.history[1]?.events.at(-1)).toMatchObject({ status: 'rolled-back', actor: 'oncall', runId: '900', reason: 'checkout returns 500' });
    expect(r.summary).toMatch(/Rolled back v2 → v1: v1 is live on blue/);
    expect(r.summary).toMatch(/Traffic back on the old release after/);
    expect(r.summary).toMatch(/not touched \(restore-database: false\)/);
    expect(r.summary).toMatch(/To undo this rollback, run rollback with to: v2/);
  });

  it('running it again changes nothing and says so', async () => {
    const before = await t.record();
    const r = await rollback(t.file, { reason: 'checkout returns 500' });
    expect(r.failure).toBeUndefined();
    expect(r.outputs).toMatchObject({ 'live-color': 'blue', release: 'v1', 'rolled-back-release': '', 'restored-backup-id': '' });
    expect(r.log).toMatch(/Nothing to roll back: v1 is live on blue because run 900 by oncall rolled back v2 at .*to: previous does nothing more/);
    expect(r.summary).toMatch(/Nothing to roll back: v1 is live on blue/);
    expect(await t.record()).toEqual(before);
    expect(liveColor(t)).toBe('blue');
  });

  it('to: <release> goes to any release in the record, redeploying it when the idle colour runs something else', async () => {
    await t.deploy('v3'); // to green, where the rolled-back v2 ran
    expect(liveColor(t)).toBe('green');
    const r = await rollback(t.file, { to: 'v2', reason: 'v3 is worse than v2' });
    expect(r.failure).toBeUndefined();
    expect(r.outputs).toMatchObject({ 'live-color': 'blue', release: 'v2', 'rolled-back-release': 'v3' });
    expect(r.log).toMatch(/Redeploying v2 to blue through the deploy command: blue runs v1 now, not v2/);
    expect(await t.served('blue')).toBe('v2');
    expect(history(await t.record())).toEqual(['v1@blue:superseded', 'v2@green:rolled-back', 'v3@green:rolled-back', 'v2@blue:live']);
    // The same request again: v2 is live, nothing to do.
    const again = await rollback(t.file, { to: 'v2' });
    expect(again.outputs).toMatchObject({ release: 'v2', 'rolled-back-release': '' });
    expect(again.log).toMatch(/v2 is already live on blue/);
  });

  it('redeploys the previous release when its colour was stopped, then switches', async () => {
    await t.deploy('v4'); // to green; blue keeps v2
    stopColor(t.dir, 'blue');
    const r = await rollback(t.file, { reason: 'v4 leaks memory' });
    expect(r.failure).toBeUndefined();
    expect(r.outputs).toMatchObject({ 'live-color': 'blue', release: 'v2', 'rolled-back-release': 'v4' });
    expect(r.log).toMatch(/blue still has v2 in the record but does not answer healthily .*it was stopped or crashed/);
    expect(r.log).toMatch(/Redeploying v2 to blue/);
    expect(await t.served('blue')).toBe('v2');
    const record = await t.record();
    expect(history(record).slice(-2)).toEqual(['v4@green:rolled-back', 'v2@blue:live']);
    expect(record.history.at(-1)).toMatchObject({ actor: 'oncall', runId: '900', commit: 'commit-v2' });
  });

  it('from: does nothing when that release is not live (its deploy failed, or it was already rolled back)', async () => {
    const unknown = await rollback(t.file, { from: 'v9' });
    expect(unknown.failure).toBeUndefined();
    expect(unknown.outputs).toMatchObject({ release: 'v2', 'rolled-back-release': '' });
    expect(unknown.log).toMatch(/v9 is not live: it is not in the release record/);
    const done = await rollback(t.file, { from: 'v4' });
    expect(done.log).toMatch(/v4 was already rolled back: run 900 by oncall rolled back v4 at .* \(v4 leaks memory\)/);
  });

  it('a release that fails its health check after the redeploy never gets traffic', async () => {
    const quick = t.variant('quick-health', { health: { path: '/health', 'expect-body': '"release":"{release}"', timeout: '1s', interval: '100ms', 'post-switch-timeout': '1s' } });
    await expect(t.deploy('bad5', { file: quick })).rejects.toThrow(/stage of bad5 failed/);
    const r = await rollback(quick, { to: 'bad5' });
    expect(r.failure).toMatch(/rollback of v2 to bad5 failed: bad5 on green failed its health check after the redeploy .*traffic stays on v2/);
    expect(r.outputs).toMatchObject({ 'live-color': 'blue', release: 'v2', 'rolled-back-release': '' });
    expect(liveColor(t)).toBe('blue');
    expect(history(await t.record()).slice(-2)).toEqual(['bad5@green:failed', 'bad5@green:failed']);
    expect(r.summary).toMatch(/The rollback of v2 to bad5 failed/);
  });

  it('refuses an unknown release, naming the releases it knows', async () => {
    await expect(rollback(t.file, { to: 'v99' })).rejects.toThrow(/Unknown release v99: it is not in the release record of .*target\.yml\. Releases it knows, newest first: bad5 \(failed\), v2 \(live\), v4 \(rolled-back\)/);
  });

  it('refuses while another deploy holds the lock, naming the holder', async () => {
    const lock = await DeployLock.acquire(new LocalTransport(), t.stateDir, { runId: '777', actor: 'carol', purpose: 'deploy-bluegreen full v6' }, { leaseMs: 5000, waitMs: 0, logger: silentLogger });
    try {
      const attempt = rollback(t.file);
      await expect(attempt).rejects.toThrow(LockBusyError);
      await expect(rollback(t.file)).rejects.toThrow(/locked by another deploy: run 777 by carol \(deploy-bluegreen full v6/);
    } finally {
      await lock.release();
    }
    expect(liveColor(t)).toBe('blue');
  });
});

describe('rollback refusals on fresh targets', () => {
  const targets: TestTarget[] = [];
  afterAll(() => targets.forEach((t) => t.cleanup()));

  it('nothing deployed: nothing to roll back', async () => {
    const t = await createTestTarget();
    targets.push(t);
    const error = await rollback(t.file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/Nothing to roll back on .*: no release is live in its release record\. Deploy with deploy-bluegreen first/);
  });

  it('one release only: nothing to roll back to', async () => {
    const t = await createTestTarget();
    targets.push(t);
    await t.deploy('v1');
    await expect(rollback(t.file)).rejects.toThrow(/Nothing to roll back to on .*: v1 is live and no release was live before it/);
    expect(history(await t.record())).toEqual(['v1@blue:live']);
  });

  it('a switch that fails leaves traffic and the record as they were', async () => {
    const t = await createTestTarget();
    targets.push(t);
    await t.deploy('v1');
    await t.deploy('v2');
    const before = await t.record();
    const broken = t.variant('broken-router', { command: { switch: 'false', 'read-live-color': join(t.dir, 'live.sh') } });
    const r = await rollback(broken, { reason: 'test' });
    expect(r.failure).toMatch(/rollback of v2 to v1 failed: .*switch/i);
    expect(r.outputs).toMatchObject({ 'live-color': 'green', release: 'v2', 'rolled-back-release': '' });
    expect(liveColor(t)).toBe('green');
    expect(await t.record()).toEqual(before);
    expect(r.summary).toMatch(/The rollback of v2 to v1 failed/);
  });

  it('marks the rolled-back deployment failed and gives the restored release a new successful one', async () => {
    const api = await startGitHubApi();
    try {
      const t = await createTestTarget();
      targets.push(t);
      const deployments = new GitHubDeployments({ token: 'ghs_x', apiUrl: api.url, owner: 'acme', repo: 'shop', logger: silentLogger });
      await t.deploy('v1', { deployments });
      await t.deploy('v2', { deployments });
      const v2Deployment = (await t.record()).history[1]?.deploymentId;
      api.calls.length = 0;
      const r = await rollback(t.file, { reason: 'errors after deploy', 'github-token': 'ghs_rollbackToken' }, { GITHUB_API_URL: api.url });
      expect(r.failure).toBeUndefined();
      const created = api.calls.find((c) => c.path === '/repos/acme/shop/deployments');
      expect(created?.body).toMatchObject({ ref: 'commit-v1', environment: 'production', payload: { release: 'v1', color: 'blue', rollback: { from: 'v2', reason: 'errors after deploy' } } });
      const statuses = api.calls.filter((c) => c.path.endsWith('/statuses')).map((c) => [Number(c.path.split('/')[5]), c.body.state, c.body.description]);
      const newId = (await t.record()).history[0]?.deploymentId;
      expect(newId).not.toBe(v2Deployment);
      expect(statuses).toEqual([
        [newId, 'in_progress', 'Rolling back v2 to v1'],
        [newId, 'success', 'v1 is live again on blue (rolled back from v2)'],
        [v2Deployment, 'failure', 'Rolled back to v1 by oncall: errors after deploy'],
      ]);
      expect(api.calls.every((c) => c.auth === 'token ghs_rollbackToken')).toBe(true);
    } finally {
      api.server.close();
    }
  });
});

describe('rollback inputs', () => {
  const t = createTestContext({ env });
  const target = join(import.meta.dirname, 'inputs.ts');
  const parse = (raw: Record<string, string>) => () => inputsFor(definition, { target, ...raw }, t);

  it('restore-database without what a restore needs is one input error naming each input, before any work', () => {
    expect(parse({ 'restore-database': 'true' })).toThrow(InputError);
    expect(parse({ 'restore-database': 'true' })).toThrow(
      /4 inputs are invalid:\n {2}- Input 'database-url' is required.*\n {2}- Input 'destination' is required.*\n {2}- Input 'encryption-key' is required.*'encryption: none'.*\n {2}- Input 'confirm' is required/,
    );
  });

  it('confirm must be the database name, checked up front', () => {
    expect(parse({ 'restore-database': 'true', 'database-url': 'postgres://app:pw@db/shop', destination: 'file:/b', 'encryption-key': 'k'.repeat(20), confirm: 'prod' })).toThrow(
      /Input 'confirm' has an invalid value "prod": expected the target database's name 'shop'/,
    );
    expect(() => parse({ 'restore-database': 'true', 'database-url': 'postgres://app:pw@db/shop', destination: 'file:/b', 'encryption-key': 'k'.repeat(20), confirm: 'shop' })()).not.toThrow();
  });

  it('bad release ids, from equal to to, half of the S3 credentials', () => {
    expect(parse({ to: 'v1; rm -rf /' })).toThrow(/Input 'to' has an invalid value "v1; rm -rf \/": expected previous, or a release id/);
    expect(parse({ to: 'v1', from: 'v1' })).toThrow(/Input 'from' has an invalid value "v1": expected the release to undo, not the release to go back to/);
    expect(parse({ 's3-access-key-id': 'AKIA' })).toThrow(/Input 's3-secret-access-key' is required/);
    expect(parse({ 'restore-database': 'maybe' })).toThrow(/Input 'restore-database' has an invalid value "maybe": expected true or false/);
  });
});
