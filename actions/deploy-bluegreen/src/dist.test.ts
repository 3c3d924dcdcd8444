// deploy-bluegreen through its built bundle, exactly as the runner runs it: outputs, summary,
// masking, GitHub Deployments against a local API, and the post step after a killed job.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { writeCommandRouter, writeDeployScript, stopServices } from '../../../tests/support/deploy-fixture.ts';
import { startGitHubApi } from '../../../tests/support/github-api.ts';
import { freePort } from '../../../tests/support/nginx.ts';
import { runDist } from '../../../tests/harness/run-dist.ts';

const TOKEN = 'ghs_deploysafeTestToken1234567890abcdef';

describe('deploy-bluegreen dist/', () => {
  let dir: string;
  let api: Awaited<ReturnType<typeof startGitHubApi>>;
  let target: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'deploy-dist-'));
    api = await startGitHubApi();
    const deployScript = writeDeployScript(dir);
    // A command router: the live colour is a file, switched by a script.
    const command = writeCommandRouter(dir);
    target = join(dir, 'target.yml');
    writeFileSync(
      target,
      stringify({
        provider: 'command',
        'state-dir': join(dir, 'state'),
        health: { path: '/health', 'expect-body': '"release":"{release}"', timeout: '5s', interval: '100ms' },
        colors: { blue: { url: `http://127.0.0.1:${await freePort()}` }, green: { url: `http://127.0.0.1:${await freePort()}` } },
        'deploy-command': deployScript,
        command,
      }),
    );
  });

  afterAll(() => {
    api?.server.close();
    if (dir) {
      stopServices(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('deploys twice, mirrors GitHub Deployments and never shows the token', async () => {
    const env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: api.url };
    const first = await runDist('deploy-bluegreen', { inputs: { target, release: 'v1' }, env });
    expect(first.exitCode, first.log).toBe(0);
    expect(first.outputs).toMatchObject({ 'live-color': 'blue', 'idle-color': 'green', release: 'v1', 'previous-release': '', switched: 'true' });
    const second = await runDist('deploy-bluegreen', { inputs: { target, release: 'v2', 'backup-id': 'pg-20260101T000000Z-ab12' }, env });
    expect(second.exitCode, second.log).toBe(0);
    expect(second.outputs).toMatchObject({ 'live-color': 'green', 'idle-color': 'blue', release: 'v2', 'previous-release': 'v1', switched: 'true' });
    expect(second.outputs['live-url']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(second.summary).toMatch(/v2 is live on green/);
    expect(second.summary).toContain('pg-20260101T000000Z-ab12');

    // Deployments: created with in_progress, success with the live URL, and the replaced one inactive.
    const states = api.calls.filter((c) => c.path.endsWith('/statuses')).map((c) => `${c.path.split('/')[5]}:${String(c.body.state)}`);
    expect(states).toEqual(['1001:in_progress', '1001:in_progress', '1001:success', '1005:in_progress', '1005:in_progress', '1005:success', '1001:inactive']);
    expect(api.calls.find((c) => c.body.state === 'success')?.body.environment_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(api.calls.every((c) => c.auth === `token ${TOKEN}`)).toBe(true);

    for (const run of [first, second]) {
      expect(run.masks).toContain(TOKEN);
      const shown = [run.log, run.summary, JSON.stringify(run.outputs), JSON.stringify(run.state)].join('\n');
      expect(shown).not.toContain(TOKEN);
    }
    // A release whose deploy command fails: its deployment gets a failure status; traffic stays.
    const crash = await runDist('deploy-bluegreen', { inputs: { target, release: 'crash2' }, env });
    expect(crash.exitCode).toBe(1);
    expect(crash.outputs).toMatchObject({ 'live-color': 'green', switched: 'false' });
    expect(api.calls.at(-1)?.body).toMatchObject({ state: 'failure', description: expect.stringMatching(/deploy command failed for crash2/) });
    expect(crash.summary).toMatch(/crash2 was not deployed.*traffic stays on green \(v2\)/);

    const record = readFileSync(join(dir, 'state', 'releases.json'), 'utf8');
    expect(record).not.toContain(TOKEN);
    expect(JSON.parse(record).history.map((e: { release: string; status: string }) => `${e.release}:${e.status}`)).toEqual(['v1:superseded', 'v2:live', 'crash2:failed']);
  });

  it('fails in one line naming a bad input, before any work', async () => {
    const run = await runDist('deploy-bluegreen', { inputs: { target, step: 'deploy', release: 'v3; rm -rf /' } });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Input 'step' has an invalid value "deploy": expected one of full, stage, promote/);
    expect(errors[0]).toMatch(/Input 'release' has an invalid value/);
    expect(run.log).not.toMatch(/\n\s+at /);
  });

  it('a promote with nothing staged refuses clearly', async () => {
    const run = await runDist('deploy-bluegreen', { inputs: { target, step: 'promote', release: 'v9' } });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toMatch(/Nothing is staged .*live: v2 on green.*run step: stage first/);
  });

  it('stage then promote in two steps, with the preview URL for smoke tests in between', async () => {
    const stage = await runDist('deploy-bluegreen', { inputs: { target, step: 'stage', release: 'v3' } });
    expect(stage.exitCode, stage.log).toBe(0);
    expect(stage.outputs).toMatchObject({ 'live-color': 'green', switched: 'false' });
    expect(stage.summary).toMatch(/v3 is staged on blue/);
    const preview = await fetch(`${stage.outputs['preview-url']}`);
    expect(await preview.text()).toMatch(/release=v3 color=blue/);
    const wrong = await runDist('deploy-bluegreen', { inputs: { target, step: 'promote', release: 'v4' } });
    expect(wrong.annotations.find((a) => a.level === 'error')?.message).toMatch(/The staged release is v3 \(on blue\), not v4/);
    const promote = await runDist('deploy-bluegreen', { inputs: { target, step: 'promote', release: 'v3' } });
    expect(promote.exitCode, promote.log).toBe(0);
    expect(promote.outputs).toMatchObject({ 'live-color': 'blue', 'previous-release': 'v2', switched: 'true' });
  });

  it('the post step releases a lock left by a killed job, and only that one', async () => {
    const slow = join(dir, 'slow.yml');
    const slowDeploy = join(dir, 'slow-deploy.sh');
    writeFileSync(slowDeploy, '#!/bin/sh\necho "deploying slowly"\nexec sleep 30\n');
    chmodSync(slowDeploy, 0o755);
    writeFileSync(slow, readFileSync(target, 'utf8').replace(/deploy-command: .*/, `deploy-command: ${slowDeploy}`));
    // The runner kills the job mid-deploy (a cancelled workflow).
    const killed = await runDist('deploy-bluegreen', { inputs: { target: slow, release: 'v5' }, timeoutMs: 7000 });
    expect(killed.exitCode).toBeNull();
    expect(killed.state['lock-token']).toMatch(/^[0-9a-f]{24}$/);
    const lockFile = join(dir, 'state', 'deploy.lock');
    expect(existsSync(lockFile)).toBe(true);

    const post = await runDist('deploy-bluegreen', { entry: 'post', state: killed.state });
    expect(post.exitCode, post.log).toBe(0);
    expect(post.annotations.find((a) => a.level === 'warning')?.message).toMatch(/The deploy step ended without releasing the target's lock .*released/);
    expect(existsSync(lockFile)).toBe(false);

    // After a normal run the post step has nothing to do.
    const normal = await runDist('deploy-bluegreen', { inputs: { target, release: 'v6' } });
    expect(normal.exitCode, normal.log).toBe(0);
    const quiet = await runDist('deploy-bluegreen', { entry: 'post', state: normal.state });
    expect(quiet.exitCode).toBe(0);
    expect(quiet.annotations).toEqual([]);
  });
});
