import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@deploysafe/action-kit';
import { createTestContext, inputsFor } from '@deploysafe/action-kit/testing';
import { createSqliteDatabase, sqliteFingerprint } from '@deploysafe/backup/testing';
import { describe, expect, it } from 'vitest';
import { definition } from './definition.ts';

const key = 'action test passphrase 123';

function problems(values: Record<string, string>): string {
  try {
    inputsFor(definition, values);
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  return '';
}

async function runWith(values: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  const test = createTestContext({ env: { RUNNER_TEMP: tmpdir(), GITHUB_SHA: 'abc123def4567890', GITHUB_RUN_ID: '77', ...env } });
  const inputs = inputsFor(definition, values, test);
  const result = await definition.run(inputs, test.ctx);
  return { ...test, result };
}

describe('db-backup inputs', () => {
  it('refuses to back up without a key unless encryption is none, explicitly', () => {
    expect(problems({ 'database-url': 'app.db' })).toMatch(/Input 'encryption-key' is required: expected a passphrase of at least 16 characters.*encryption: none/);
    expect(problems({ 'database-url': 'app.db', encryption: 'none' })).toBe('');
  });

  it('names each bad input and never repeats a password', () => {
    const message = problems({ 'database-url': 'postgres://app:Sup3r-Secret@db.internal:5432/', 'encryption-key': 'short', retention: 'keep-dayly=3', destination: 'ftp://x' });
    expect(message).toContain("Input 'database-url' has an invalid value \"postgres://app:***@db.internal:5432/\"");
    expect(message).toContain('names no database');
    expect(message).toContain("Input 'encryption-key' has an invalid value (secret, ••••(5 chars))");
    expect(message).toContain("Input 'retention'");
    expect(message).toContain("Input 'destination'");
    expect(message).not.toContain('Sup3r-Secret');
  });

  it('requires backup-id and confirm for a restore', () => {
    const message = problems({ operation: 'restore', 'database-url': 'app.db', 'encryption-key': key });
    expect(message).toContain("Input 'backup-id' is required");
    expect(message).toContain("Input 'confirm' is required");
  });
});

describe('db-backup on SQLite through run()', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dsb-action-'));
  const db = join(dir, 'shop.db');
  createSqliteDatabase(db);
  const destination = `file:${join(dir, 'backups')}`;

  it('backs up, lists, verifies by restore, restores with confirm, and prunes with protection', async () => {
    const first = await runWith({ 'database-url': db, destination, 'encryption-key': key, label: 'pre-deploy' });
    const id = String(first.result.outputs['backup-id']);
    expect(id).toMatch(/^\d{8}T\d{6}Z-shop-[0-9a-f]{6}$/);
    expect(first.result.failure).toBeUndefined();
    expect(JSON.parse(String(first.result.outputs.manifest))).toMatchObject({ id, engine: 'sqlite', database: 'shop.db', label: 'pre-deploy', source: { commit: 'abc123def4567890', runId: '77' } });
    const summary = first.summary.toString();
    expect(summary).toContain(`Backup ${id} stored`);
    expect(summary).toContain('backup-id: ' + id);
    expect(summary).toMatch(/Throughput/);

    const listed = await runWith({ operation: 'list', destination });
    expect(listed.result.outputs['backup-id']).toBe(id);
    expect(listed.summary.toString()).toContain('1 complete backup(s)');

    const verified = await runWith({ operation: 'verify', verify: 'restore', 'database-url': db, destination, 'encryption-key': key });
    expect(verified.result.failure).toBeUndefined();
    expect(verified.summary.toString()).toContain('Measured restore time');

    const target = join(dir, 'restored.db');
    await expect(runWith({ operation: 'restore', 'database-url': target, destination, 'encryption-key': key, 'backup-id': id, confirm: 'shop.db' })).rejects.toThrow(
      /'confirm' must equal the target database's name 'restored.db'/,
    );
    const restored = await runWith({ operation: 'restore', 'database-url': target, destination, 'encryption-key': key, 'backup-id': id, confirm: 'restored.db' });
    expect(restored.result.failure).toBeUndefined();
    expect(sqliteFingerprint(target)).toEqual(sqliteFingerprint(db));

    // Two more backups; keep-last=1 would delete the first, but a release record references it.
    await runWith({ 'database-url': db, destination, 'encryption-key': key, label: 'pre-deploy', retention: 'none' });
    await runWith({ 'database-url': db, destination, 'encryption-key': key, label: 'pre-deploy', retention: 'none' });
    const record = join(dir, 'releases.json');
    writeFileSync(record, JSON.stringify({ version: 1, history: [{ id: 1, release: 'v1', backupId: id }] }));
    const dry = await runWith({ operation: 'prune', destination, retention: 'keep-last=1', 'dry-run': 'true', 'release-records': record });
    expect(dry.summary.toString()).toContain('Dry run: 1 backup(s) would be removed');
    const pruned = await runWith({ operation: 'prune', destination, retention: 'keep-last=1', 'release-records': record });
    expect(pruned.summary.toString()).toContain('1 backup(s) removed');
    const left = readdirSync(join(dir, 'backups')).filter((n) => n.endsWith('.manifest.json'));
    expect(left).toHaveLength(2);
    expect(left).toContain(`${id}.manifest.json`);

    await expect(runWith({ operation: 'prune', destination, retention: 'keep-last=1', 'release-records': join(dir, 'missing.json') })).rejects.toThrow(/does not exist: prune will not run/);
  });

  it('backs up without encryption only when told, and says so', async () => {
    const { result, logger, summary } = await runWith({ 'database-url': `sqlite:${db}`, destination, encryption: 'none', compression: 'gzip', retention: 'none' });
    expect(JSON.parse(String(result.outputs.manifest)).encryption).toEqual({ algorithm: 'none' });
    expect(logger.text()).toContain('WITHOUT encryption');
    expect(summary.toString()).toContain('⚠️');
  });
});
