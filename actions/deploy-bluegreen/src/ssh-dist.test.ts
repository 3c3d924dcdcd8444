// A full deploy through dist/ to a "remote" host over ssh (a local sshd): commands, state and
// lock live on the host, and the private key never shows.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runDist } from '../../../tests/harness/run-dist.ts';
import { stopServices, writeDeployScript } from '../../../tests/support/deploy-fixture.ts';
import { freePort } from '../../../tests/support/nginx.ts';
import { requirement } from '../../../tests/support/requirements.ts';
import { canRunSshd, startSshd, type TestSshd } from '../../../tests/support/sshd.ts';

describe.runIf(requirement('sshd (openssh-server, as root)', canRunSshd()))('deploy-bluegreen dist/ over ssh', () => {
  let dir: string;
  let sshd: TestSshd;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'deploy-ssh-'));
    sshd = await startSshd(join(dir, 'sshd'));
  });
  afterAll(() => {
    sshd?.stop();
    if (dir) {
      stopServices(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('deploys with every command, the record and the lock on the host, and masks the key', async () => {
    const deployScript = writeDeployScript(dir);
    const router = join(dir, 'router');
    writeFileSync(join(dir, 'switch.sh'), `#!/bin/sh\nset -e\necho "routing to $DEPLOY_COLOR"\necho "$DEPLOY_COLOR" > ${router}\n`);
    writeFileSync(join(dir, 'live.sh'), `#!/bin/sh\ncat ${router} 2>/dev/null || true\n`);
    chmodSync(join(dir, 'switch.sh'), 0o755);
    chmodSync(join(dir, 'live.sh'), 0o755);
    const workspace = join(dir, 'workspace');
    const target = join(dir, 'target.yml');
    writeFileSync(
      target,
      stringify({
        provider: 'command',
        'state-dir': join(dir, 'remote-state'),
        health: { path: '/health', 'expect-body': '"release":"{release}"', timeout: '10s', interval: '100ms' },
        colors: { blue: { url: `http://127.0.0.1:${await freePort()}` }, green: { url: `http://127.0.0.1:${await freePort()}` } },
        'deploy-command': deployScript,
        command: { switch: join(dir, 'switch.sh'), 'read-live-color': join(dir, 'live.sh') },
        ssh: { host: sshd.host, port: sshd.port, 'known-hosts': sshd.knownHosts, key: 'env:DEPLOY_SSH_KEY' },
      }),
    );
    const run = await runDist('deploy-bluegreen', { inputs: { target, release: 'v1' }, env: { DEPLOY_SSH_KEY: sshd.key }, workspace, timeoutMs: 90_000 });
    expect(run.exitCode, run.log).toBe(0);
    expect(run.outputs).toMatchObject({ 'live-color': 'blue', switched: 'true', release: 'v1' });
    expect(run.log).toMatch(/Deploy v1 to blue: .*deploy\.sh \(on ssh .*@127\.0\.0\.1:\d+\)/);
    expect(readFileSync(router, 'utf8').trim()).toBe('blue');
    expect(JSON.parse(readFileSync(join(dir, 'remote-state', 'releases.json'), 'utf8')).history[0]).toMatchObject({ release: 'v1', status: 'live' });
    expect(existsSync(join(dir, 'remote-state', 'deploy.lock'))).toBe(false);

    const keyLines = sshd.key.split('\n').map((l) => l.trim()).filter((l) => l.length > 10 && !l.startsWith('-----'));
    expect(keyLines.length).toBeGreaterThan(0);
    for (const line of keyLines) {
      expect(run.masks).toContain(line);
      expect(run.log).not.toContain(line);
      expect(run.summary).not.toContain(line);
    }
  });
});
