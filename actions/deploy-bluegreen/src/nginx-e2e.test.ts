// End to end on a real nginx with a real service per colour, under continuous load.
import { execFileSync } from 'node:child_process';
import { get } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAction, type RunResult } from '@deploysafe/action-kit';
import { createTestContext, inputsFor } from '@deploysafe/action-kit/testing';
import { LockBusyError, ReleaseRecordStore, LocalTransport, type ReleaseRecord } from '@deploysafe/deploy';
import { stringify } from 'yaml';
import { writeDeployScript, stopServices } from '../../../tests/support/deploy-fixture.ts';
import { startLoad } from '../../../tests/support/load.ts';
import { freePort, hasNginx, startNginx, type TestNginx } from '../../../tests/support/nginx.ts';
import { requirement } from '../../../tests/support/requirements.ts';
import { inputs, outputs, type Output } from './inputs.ts';
import { run } from './run.ts';

const definition = defineAction({ name: 'deploy-bluegreen', inputs, outputs, run });
const env = { GITHUB_WORKSPACE: tmpdir(), GITHUB_RUN_ID: '100', GITHUB_ACTOR: 'alice', GITHUB_SHA: 'c0ffee0000000000000000000000000000000000' };

describe.runIf(requirement('nginx', hasNginx()))('deploy-bluegreen on a real nginx', () => {
  let dir: string;
  let nginx: TestNginx;
  let ports: { blue: number; green: number };
  let deployScript: string;

  function writeTarget(name: string, overrides: { testCommand?: string[]; reloadCommand?: string[] } = {}): string {
    const file = join(dir, `${name}.yml`);
    writeFileSync(
      file,
      stringify({
        provider: 'nginx',
        'state-dir': join(dir, 'state'),
        'public-url': nginx.url,
        health: { path: '/health', 'expect-body': '"release":"{release}"', timeout: '4s', interval: '100ms', 'request-timeout': '2s', 'post-switch-timeout': '2s' },
        colors: { blue: { url: `http://127.0.0.1:${ports.blue}` }, green: { url: `http://127.0.0.1:${ports.green}` } },
        'deploy-command': { run: [deployScript], timeout: '20s' },
        nginx: {
          'upstream-file': join(dir, 'upstream.conf'),
          'upstream-name': 'app',
          'test-command': overrides.testCommand ?? nginx.testArgs,
          'reload-command': overrides.reloadCommand ?? nginx.reloadArgs,
          'pid-file': nginx.pidFile,
        },
        lock: { lease: '5s' },
      }),
    );
    return file;
  }

  async function deploy(target: string, release: string, extra: Record<string, string> = {}): Promise<RunResult<Output> & { log: string }> {
    const t = createTestContext({ env });
    const result = await run(inputsFor(definition, { target, release, 'lock-wait': '0s', ...extra }, t), t.ctx);
    return { ...result, log: t.logger.text() };
  }

  async function record(): Promise<ReleaseRecord> {
    return new ReleaseRecordStore(new LocalTransport(), join(dir, 'state')).read();
  }

  // A new connection, as a new visitor: kept-alive connections may finish on an old nginx worker for a moment after a reload.
  async function servedRelease(): Promise<string | undefined> {
    const body = await new Promise<string>((resolve, reject) => {
      get(`${nginx.url}/`, { agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve(text));
      }).on('error', reject);
    });
    return /release=(\S+)/.exec(body)?.[1];
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'deploy-e2e-'));
    ports = { blue: await freePort(), green: await freePort() };
    deployScript = writeDeployScript(dir);
    // A host set up by hand: v0 runs on blue and a hand-written upstream file points at it.
    execFileSync(deployScript, [], { env: { ...process.env, DEPLOY_COLOR: 'blue', DEPLOY_RELEASE: 'v0', DEPLOY_URL: `http://127.0.0.1:${ports.blue}` } });
    writeFileSync(join(dir, 'upstream.conf'), `# set up by hand\nupstream app {\n  server 127.0.0.1:${ports.blue} max_fails=0;\n  keepalive 8;\n}\n`);
    nginx = await startNginx(dir, { upstreamFile: join(dir, 'upstream.conf'), upstreamName: 'app' });
    for (let i = 0; i < 50 && (await servedRelease().catch(() => undefined)) !== 'v0'; i++) await new Promise((r) => setTimeout(r, 100));
  });

  afterAll(() => {
    nginx?.stop();
    if (dir) {
      stopServices(dir);
      if (!process.env.KEEP_E2E) rmSync(dir, { recursive: true, force: true });
      else console.log(dir);
    }
  });

  it('deploys v1 and v2 and refuses a release whose health check fails, with zero failed requests under load', async () => {
    const target = writeTarget('target');
    const load = startLoad(`${nginx.url}/`, { concurrency: 4, maxMs: 60_000, pauseMs: 2 });

    const first = await deploy(target, 'v1');
    expect(first.failure).toBeUndefined();
    // The hand-written upstream file was understood: blue was live, so v1 went to green.
    expect(first.outputs).toMatchObject({ 'live-color': 'green', 'idle-color': 'blue', switched: true, release: 'v1', 'live-url': `${nginx.url}/` });
    expect(await servedRelease()).toBe('v1');
    expect(first.log).toMatch(/Old nginx workers finished their connections in \d+ms/);
    expect(readFileSync(join(dir, 'upstream.conf'), 'utf8')).toMatch(new RegExp(`server 127\\.0\\.0\\.1:${ports.green};[^\\n]*\\n\\s*max_fails|keepalive 8;`));
    expect((await record()).history.map((e) => [e.release, e.color, e.status])).toEqual([['v1', 'green', 'live']]);

    const second = await deploy(target, 'v2', { 'backup-id': 'db-20260101-0001' });
    expect(second.failure).toBeUndefined();
    expect(second.outputs).toMatchObject({ 'live-color': 'blue', 'idle-color': 'green', switched: true, release: 'v2', 'previous-release': 'v1' });
    expect(await servedRelease()).toBe('v2');
    const afterSecond = await record();
    expect(afterSecond.history.map((e) => [e.release, e.color, e.status])).toEqual([
      ['v1', 'green', 'superseded'],
      ['v2', 'blue', 'live'],
    ]);
    expect(afterSecond.history[1]).toMatchObject({ backupId: 'db-20260101-0001', actor: 'alice', runId: '100', commit: env.GITHUB_SHA });

    const bad = await deploy(target, 'bad3');
    expect(bad.failure).toMatch(/bad3 on green failed its health check/);
    expect(bad.outputs).toMatchObject({ 'live-color': 'blue', switched: false, 'previous-release': 'v2' });
    expect(await servedRelease()).toBe('v2');
    expect((await record()).history.map((e) => [e.release, e.status])).toEqual([
      ['v1', 'superseded'],
      ['v2', 'live'],
      ['bad3', 'failed'],
    ]);

    const report = await load.stop();
    console.info(`load through nginx: ${report.sent} requests, ${report.failed} failed, ${report.staleConnectionRetries} sent again after a kept-alive connection closed`, report.failures);
    expect(report.failures).toEqual([]);
    expect(report.failed).toBe(0);
    expect(report.sent).toBeGreaterThan(100);
    expect(report.byRelease.bad3).toBeUndefined();
    expect(Object.keys(report.byRelease).sort()).toEqual(['v0', 'v1', 'v2']);
  });

  it('re-running the deploy of the live release changes nothing', async () => {
    const again = await deploy(writeTarget('target'), 'v2');
    expect(again.failure).toBeUndefined();
    expect(again.outputs).toMatchObject({ 'live-color': 'blue', switched: false, release: 'v2' });
    expect(again.log).toMatch(/already live on blue/);
  });

  describe('faults leave traffic on the healthy colour', () => {
    async function expectUnchanged(attempt: () => Promise<RunResult<Output>>, pattern: RegExp): Promise<void> {
      const servers = () => [...readFileSync(join(dir, 'upstream.conf'), 'utf8').matchAll(/server\s+(\S+);/g)].map((m) => m[1]);
      const before = servers();
      const load = startLoad(`${nginx.url}/`, { concurrency: 2, maxMs: 30_000, pauseMs: 2 });
      const result = await attempt();
      const report = await load.stop();
      expect(result.failure).toMatch(pattern);
      expect(result.outputs['live-color']).toBe('blue');
      expect(result.outputs.switched).toBe(false);
      expect(servers()).toEqual(before);
      expect(await servedRelease()).toBe('v2');
      expect(report.failed).toBe(0);
      expect((await record()).history.at(-1)?.status).toBe('failed');
    }

    it('nginx -t failing', async () => {
      await expectUnchanged(() => deploy(writeTarget('t-test', { testCommand: ['false'] }), 'v3'), /configuration test failed.*restored/);
    });

    it('the reload failing', async () => {
      await expectUnchanged(() => deploy(writeTarget('t-reload', { reloadCommand: ['false'] }), 'v4'), /Reloading nginx failed.*restored/);
    });

    it('the deploy command exiting non-zero', async () => {
      await expectUnchanged(() => deploy(writeTarget('target'), 'crash5'), /deploy command failed for crash5 on green/);
    });

    it('the post-switch check failing: traffic goes back at once', async () => {
      let log = '';
      await expectUnchanged(async () => {
        const r = await deploy(writeTarget('target'), 'proxybad6');
        log = r.log;
        return r;
      }, /post-switch check through .*health failed/);
      expect(log).toMatch(/Traffic is back on blue/);
    });
  });

  it('two deploys at once: the second fails naming the holder', async () => {
    const target = writeTarget('target');
    const t1 = createTestContext({ env: { ...env, GITHUB_RUN_ID: '201', GITHUB_ACTOR: 'first' } });
    const t2 = createTestContext({ env: { ...env, GITHUB_RUN_ID: '202', GITHUB_ACTOR: 'second' } });
    const one = run(inputsFor(definition, { target, release: 'v7', 'lock-wait': '0s' }, t1), t1.ctx);
    // Start the second once the first holds the lock.
    for (let i = 0; i < 200 && !existsSync(join(dir, 'state', 'deploy.lock')); i++) await new Promise((r) => setTimeout(r, 25));
    const two = run(inputsFor(definition, { target, release: 'v8', 'lock-wait': '0s' }, t2), t2.ctx);
    await expect(two).rejects.toThrow(LockBusyError);
    await expect(two).rejects.toThrow(/locked by another deploy: run 201 by first/);
    expect((await one).outputs['live-color']).toBe('green');
  });
});
