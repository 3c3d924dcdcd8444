import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { MemoryLogger } from '@deploysafe/action-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBackups, pruneBackups } from './catalog.ts';
import { createBackup } from './create-backup.ts';
import { parseDatabaseUrl } from './database-url.ts';
import { openEngine } from './engines.ts';
import { restoreBackup, verifyBackup } from './restore-backup.ts';
import { choosePartSize } from './s3-layout.ts';
import { S3Storage } from './s3-storage.ts';
import { type LocalS3, startLocalS3 } from './s3-test-server.ts';
import { createSqliteDatabase, sqliteFingerprint } from './testing.ts';

const MIB = 1024 * 1024;

describe('part size', () => {
  it('stays under 10,000 parts for any estimate, with at least 16 MiB parts', () => {
    expect(choosePartSize(undefined)).toBe(16 * MIB);
    expect(choosePartSize(1e9)).toBe(16 * MIB);
    for (const size of [1e11, 1e12, 4.5e12]) {
      const part = choosePartSize(size);
      expect(Math.ceil(size / part)).toBeLessThan(10_000);
      expect(Math.ceil((2 * size) / part)).toBeLessThanOrEqual(9_000);
    }
  });
});

describe('S3 storage against a local S3-compatible server', () => {
  let s3: LocalS3;
  const dir = mkdtempSync(join(tmpdir(), 'dsb-s3-test-'));
  const logger = new MemoryLogger();
  const storage = () => new S3Storage({ bucket: s3.bucket, prefix: 'prod/db', endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials });

  beforeAll(async () => {
    s3 = await startLocalS3();
  });
  afterAll(async () => {
    await s3?.close();
  });

  it('uploads a stream as a multipart upload and reads it back byte for byte', async () => {
    const data = randomBytes(40 * MIB);
    const s = storage();
    await s.writeObject('big.bin', Readable.from([data.subarray(0, 10 * MIB), data.subarray(10 * MIB)]), { sizeHint: 40 * MIB });
    const parts: Buffer[] = [];
    for await (const chunk of await s.readObject('big.bin')) parts.push(chunk as Buffer);
    expect(Buffer.concat(parts).equals(data)).toBe(true);
    expect(await s.list()).toContain('big.bin');
    await s.remove('big.bin');
    expect(await s.list()).not.toContain('big.bin');
  });

  it('backs up, verifies, restores and prunes through S3', async () => {
    const db = join(dir, 'app.db');
    createSqliteDatabase(db);
    const engine = openEngine(parseDatabaseUrl(db), { logger, tempDir: dir });
    const s = storage();
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await createBackup({ engine, storage: s, compression: 'zstd', passphrase: 'an s3 test passphrase', logger })).manifest);
    const { backups } = await listBackups(s);
    expect(backups.map((b) => b.id).sort()).toEqual(made.map((m) => m.id).sort());
    const latest = made[2]!;
    await verifyBackup({ storage: s, backupId: latest.id, passphrase: 'an s3 test passphrase', mode: 'checksum', logger, tempDir: dir });
    const target = join(dir, 'from-s3.db');
    await restoreBackup({ engine: openEngine(parseDatabaseUrl(target), { logger, tempDir: dir }), storage: s, backupId: latest.id, passphrase: 'an s3 test passphrase', confirm: 'from-s3.db', logger, tempDir: dir });
    expect(sqliteFingerprint(target)).toEqual(sqliteFingerprint(db));
    const pruned = await pruneBackups(s, { policy: { last: 1 }, protectedIds: new Set([made[0]!.id]), logger });
    expect(pruned.removed).toEqual([made[1]!.id]);
    expect((await listBackups(s)).backups.map((b) => b.id).sort()).toEqual([made[0]!.id, latest.id].sort());
  });

  it('reports a clear error for wrong credentials', async () => {
    const s = new S3Storage({ bucket: s3.bucket, prefix: '', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'nobody', secretAccessKey: 'nothing' } });
    await expect(s.writeText('x.manifest.json', '{}')).rejects.toThrow(/S3 put of s3:\/\/backups\/x.manifest.json failed: InvalidAccessKeyId/);
  });
});
