// A dump that fails, even after writing bytes, and a backup killed mid-way, leave nothing list or restore would take.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '@deploysafe/action-kit';
import { describe, expect, it } from 'vitest';
import { listBackups, pruneBackups, readManifest } from './catalog.ts';
import { createBackup } from './create-backup.ts';
import { FileStorage } from './file-storage.ts';
import { shellDumpEngine } from './shell-dump-engine.ts';

describe('a failed or interrupted backup', () => {
  it('fails when the dump exits non-zero after writing bytes, and leaves no object', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsb-fail-'));
    const storage = new FileStorage(dir);
    const engine = shellDumpEngine('head -c 300000 /dev/urandom; echo "pg_dump: error: connection lost" >&2; exit 3');
    await expect(createBackup({ engine, storage, compression: 'zstd', passphrase: 'a passphrase for the test', logger: new MemoryLogger() })).rejects.toThrow(
      /exited with code 3: pg_dump: error: connection lost/,
    );
    expect(readdirSync(dir)).toEqual([]);
    expect((await listBackups(storage)).backups).toEqual([]);
  });

  it('leaves no listable backup when the process is killed mid-upload', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsb-kill-'));
    const script = join(dir, 'slow-backup.ts');
    writeFileSync(
      script,
      `import { createBackup } from ${JSON.stringify(join(import.meta.dirname, 'create-backup.ts'))};
import { FileStorage } from ${JSON.stringify(join(import.meta.dirname, 'file-storage.ts'))};
import { shellDumpEngine } from ${JSON.stringify(join(import.meta.dirname, 'shell-dump-engine.ts'))};
const engine = shellDumpEngine('while head -c 65536 /dev/urandom; do sleep 0.05; done');
const logger = { debug() {}, info() {}, notice() {}, warning() {}, error() {}, group: (_n, work) => work() };
await createBackup({ engine, storage: new FileStorage(${JSON.stringify(join(dir, 'backups'))}), compression: 'zstd', passphrase: 'a passphrase for the test', logger });
`,
    );
    const child = spawn(process.execPath, [script], { cwd: import.meta.dirname, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise((r) => child.once('exit', r));
    const backups = join(dir, 'backups');
    const deadline = Date.now() + 30_000;
    // Kill it once the partial object holds data.
    while (Date.now() < deadline && !(existsSync(backups) && readdirSync(backups).some((n) => n.includes('.partial-')))) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    expect(child.exitCode, stderr).toBeNull();
    child.kill('SIGKILL');
    await exited;
    const names = readdirSync(backups);
    expect(names.some((n) => n.includes('.partial-'))).toBe(true);
    expect(names.filter((n) => n.endsWith('.manifest.json'))).toEqual([]);
    const storage = new FileStorage(backups);
    expect((await listBackups(storage)).backups).toEqual([]);
    await expect(readManifest(storage, 'latest')).rejects.toThrow(/No complete backup/);
    // A day later, prune clears the partial file away.
    const result = await pruneBackups(storage, { policy: { last: 1 }, now: new Date(Date.now() + 25 * 3_600_000), orphanAgeMs: 0 });
    expect(result.orphansRemoved).toHaveLength(1);
    expect(readdirSync(backups)).toEqual([]);
  });
});
