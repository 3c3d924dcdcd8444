import { mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, MemoryLogger } from '@deploysafe/action-kit';
import { canRunSshd, startSshd, type TestSshd } from '../../../tests/support/sshd.ts';
import { requirement } from '../../../tests/support/requirements.ts';
import { DeployLock, LockBusyError } from './deploy-lock.ts';
import { addEntry, ReleaseRecordStore } from './release-record.ts';
import { SshTransport } from './ssh-transport.ts';

describe.runIf(requirement('sshd (openssh-server, as root)', canRunSshd()))('the ssh transport against a local sshd', () => {
  let dir: string;
  let sshd: TestSshd;
  let ssh: SshTransport;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ssh-transport-'));
    sshd = await startSshd(join(dir, 'sshd'));
    ssh = new SshTransport({ host: sshd.host, port: sshd.port, knownHosts: sshd.knownHosts, key: sshd.key, connectTimeoutMs: 5000 });
  });
  afterAll(async () => {
    await ssh?.close();
    sshd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs argument arrays remotely without letting the remote shell interpret them', async () => {
    const marker = join(dir, 'pwned');
    const result = await ssh.run(['printf', '%s|', 'a b', "it's", `$(touch ${marker})`, '; echo x'], { timeoutMs: 20_000, env: { DEPLOY_COLOR: 'green; touch /tmp/x' } });
    expect(result.stdout).toBe(`a b|it's|$(touch ${marker})|; echo x|`);
    const env = await ssh.run(['sh', '-c', 'printf %s "$DEPLOY_COLOR"'], { timeoutMs: 20_000, env: { DEPLOY_COLOR: 'green; touch /tmp/x' } });
    expect(env.stdout).toBe('green; touch /tmp/x');
    await expect(ssh.run(['false'], { timeoutMs: 20_000 })).rejects.toThrow(/`false` exited with code 1/);
  });

  it('reads, writes atomically, creates exclusively, renames and replaces symlinks on the host', async () => {
    const file = join(dir, 'state', 'a.json');
    expect(await ssh.readFile(file)).toBeUndefined();
    await ssh.writeFileAtomic(file, '{"a":1}\n');
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n');
    expect(await ssh.createExclusive(join(dir, 'state', 'lock'), 'one')).toBe(true);
    expect(await ssh.createExclusive(join(dir, 'state', 'lock'), 'two')).toBe(false);
    expect(await ssh.readFile(join(dir, 'state', 'lock'))).toBe('one');
    expect(await ssh.rename(join(dir, 'state', 'lock'), join(dir, 'state', 'lock2'))).toBe(true);
    expect(await ssh.rename(join(dir, 'state', 'lock'), join(dir, 'state', 'lock3'))).toBe(false);
    await ssh.replaceSymlink(join(dir, 'current'), join(dir, 'blue'));
    await ssh.replaceSymlink(join(dir, 'current'), join(dir, 'green'));
    expect(readlinkSync(join(dir, 'current'))).toBe(join(dir, 'green'));
    expect(await ssh.readLink(join(dir, 'current'))).toBe(join(dir, 'green'));
    expect(await ssh.readLink(file)).toBeUndefined();
  });

  it('keeps the release record and the lock on the host', async () => {
    const stateDir = join(dir, 'remote-state');
    const store = new ReleaseRecordStore(ssh, stateDir);
    await store.update((r) => addEntry(r, { release: 'v1', color: 'blue', environment: 'production', commit: 'c' }, { actor: 'a', runId: '1' }));
    expect(JSON.parse(readFileSync(join(stateDir, 'releases.json'), 'utf8')).history[0].release).toBe('v1');
    const lock = await DeployLock.acquire(ssh, stateDir, { runId: '1', actor: 'a', purpose: 'test' }, { leaseMs: 30_000, waitMs: 0, logger: new MemoryLogger() });
    await expect(DeployLock.acquire(ssh, stateDir, { runId: '2', actor: 'b', purpose: 'test' }, { leaseMs: 30_000, waitMs: 0, logger: new MemoryLogger() })).rejects.toThrow(LockBusyError);
    await lock.release();
  });

  it('refuses a host whose key is not in known-hosts', async () => {
    const stranger = new SshTransport({ host: sshd.host, port: sshd.port, knownHosts: '[127.0.0.1]:1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ0bOgUs3Wn3+1Tqk5qfUNgxB6f5N0PfGs1g0tEYhCqX', key: sshd.key, connectTimeoutMs: 5000 });
    const error = await stranger.readFile('/etc/hostname').catch((e: unknown) => e);
    await stranger.close();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/Cannot reach the target host over ssh .*Host key verification failed/);
  });
});
