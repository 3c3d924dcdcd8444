import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '@deploysafe/action-kit';
import { DeployLock, LockBusyError, releaseLockIfHeldBy } from './deploy-lock.ts';
import { LocalTransport } from './local-transport.ts';

const transport = new LocalTransport();
const owner = (runId: string, actor: string) => ({ runId, actor, purpose: 'deploy-bluegreen full' });

describe('the deploy lock', () => {
  it('lets one deploy in and names the holder to the next', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    const results = await Promise.allSettled([
      DeployLock.acquire(transport, dir, owner('11', 'alice'), { leaseMs: 5000, waitMs: 0, logger: new MemoryLogger() }),
      DeployLock.acquire(transport, dir, owner('12', 'bob'), { leaseMs: 5000, waitMs: 0, logger: new MemoryLogger() }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const error = (lost[0] as PromiseRejectedResult).reason as LockBusyError;
    const holder = (won[0] as PromiseFulfilledResult<DeployLock>).value;
    expect(error).toBeInstanceOf(LockBusyError);
    expect(error.message).toContain(`run ${holder.info.runId} by ${holder.info.actor} (deploy-bluegreen full`);
    await holder.release();
  });

  it('waits for a busy lock up to lock-wait', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    const first = await DeployLock.acquire(transport, dir, owner('21', 'alice'), { leaseMs: 5000, waitMs: 0, logger: new MemoryLogger() });
    setTimeout(() => void first.release(), 300);
    const logger = new MemoryLogger();
    const second = await DeployLock.acquire(transport, dir, owner('22', 'bob'), { leaseMs: 5000, waitMs: 5000, logger });
    expect(logger.text()).toMatch(/Waiting for the deploy lock held by run 21 by alice/);
    expect(JSON.parse(readFileSync(second.path, 'utf8'))).toMatchObject({ runId: '22', actor: 'bob' });
    await second.release();
  });

  it('renews its lease while held, and a holder that lost it notices', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    const lock = await DeployLock.acquire(transport, dir, owner('31', 'alice'), { leaseMs: 600, waitMs: 0, logger: new MemoryLogger() });
    const before = Date.parse(lock.info.expiresAt);
    await new Promise((r) => setTimeout(r, 900));
    // Renewed while we slept, so nobody may take it over.
    expect(Date.parse(JSON.parse(readFileSync(lock.path, 'utf8')).expiresAt)).toBeGreaterThan(before);
    await expect(DeployLock.acquire(transport, dir, owner('32', 'bob'), { leaseMs: 600, waitMs: 0, logger: new MemoryLogger() })).rejects.toThrow(LockBusyError);
    expect(await releaseLockIfHeldBy(transport, lock.path, 'not-the-token')).toBe(false);
    await transport.remove(lock.path);
    await lock.renew();
    expect(() => lock.assertHeld()).toThrow(/deploy lock was lost: the lock file disappeared/);
    await lock.release();
  });

  it('takes over the lock of a killed process once its lease has run out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    const index = fileURLToPath(new URL('./index.ts', import.meta.url));
    const script = `
      import { DeployLock, LocalTransport } from ${JSON.stringify(index)};
      import { silentLogger } from '@deploysafe/action-kit';
      await DeployLock.acquire(new LocalTransport(), ${JSON.stringify(dir)}, { runId: '41', actor: 'crashed', purpose: 'deploy-bluegreen full' }, { leaseMs: 1000, waitMs: 0, logger: silentLogger });
      console.log('locked');
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('.', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
      child.once('exit', (code) => reject(new Error(`the lock holder exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    // Still within its lease: busy, naming the dead holder.
    await expect(DeployLock.acquire(transport, dir, owner('42', 'bob'), { leaseMs: 5000, waitMs: 0, logger: new MemoryLogger() })).rejects.toThrow(/run 41 by crashed/);
    const logger = new MemoryLogger();
    const started = Date.now();
    const lock = await DeployLock.acquire(transport, dir, owner('42', 'bob'), { leaseMs: 5000, waitMs: 10_000, logger });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(logger.of('warning').map((e) => e.message).join('\n')).toMatch(/Took over a stale deploy lock: run 41 by crashed/);
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ runId: '42', actor: 'bob' });
    await lock.release();
  });
});
