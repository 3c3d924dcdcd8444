// Round trips on the real PostgreSQL and MariaDB of the machine, and the failures that must stop a restore
// before the target changes: a flipped byte, a truncated object, a wrong key, a missing confirm.
import { mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '@deploysafe/action-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canConnect, hasCommand, requirement } from '../../../tests/support/requirements.ts';
import { createBackup } from './create-backup.ts';
import { parseDatabaseUrl } from './database-url.ts';
import { openEngine } from './engines.ts';
import { FileStorage } from './file-storage.ts';
import type { Manifest } from './manifest.ts';
import { restoreBackup, verifyBackup } from './restore-backup.ts';
import {
  type TestDatabase,
  createMysqlDatabase,
  createPostgresDatabase,
  mysql,
  mysqlFingerprint,
  postgresFingerprint,
  psql,
} from './testing.ts';

const key = 'server round trip passphrase';
const pgReady = requirement('PostgreSQL at 127.0.0.1:5432 with pg_dump', (await canConnect('127.0.0.1', 5432)) && hasCommand('pg_dump'));
const myReady = requirement('MariaDB at 127.0.0.1:3306 with mysqldump', (await canConnect('127.0.0.1', 3306)) && hasCommand('mysqldump'));

interface Flavour {
  title: string;
  ready: boolean;
  create(seed?: boolean): TestDatabase;
  fingerprint(name: string): Record<string, string>;
  /** Makes a non-empty database look changed, to prove a failed restore left it alone. */
  marker(name: string): string;
}

const flavours: Flavour[] = [
  {
    title: 'PostgreSQL',
    ready: pgReady,
    create: (seed) => createPostgresDatabase({ seed }),
    fingerprint: postgresFingerprint,
    marker: (name) => psql(name, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`),
  },
  {
    title: 'MariaDB',
    ready: myReady,
    create: (seed) => createMysqlDatabase({ seed }),
    fingerprint: mysqlFingerprint,
    marker: (name) => mysql(name, `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()`),
  },
];

describe.each(flavours)('$title', (flavour) => {
  const dir = mkdtempSync(join(tmpdir(), 'dsb-server-'));
  const storage = new FileStorage(join(dir, 'backups'));
  const logger = new MemoryLogger();
  const made: TestDatabase[] = [];
  const engineFor = (url: string) => openEngine(parseDatabaseUrl(url), { logger, tempDir: dir });
  let source: TestDatabase;
  let manifest: Manifest;

  beforeAll(async () => {
    if (!flavour.ready) return;
    source = flavour.create();
    made.push(source);
    manifest = (await createBackup({ engine: engineFor(source.url), storage, compression: 'zstd', passphrase: key, label: 'test', logger })).manifest;
  });
  afterAll(() => {
    for (const db of made) db.drop();
  });

  const fresh = (seed = false) => {
    const db = flavour.create(seed);
    made.push(db);
    return db;
  };
  const restoreInto = (db: TestDatabase, extra: Partial<Parameters<typeof restoreBackup>[0]> = {}) =>
    restoreBackup({ engine: engineFor(db.url), storage, backupId: manifest.id, passphrase: key, confirm: db.name, logger, tempDir: dir, ...extra });

  it.runIf(flavour.ready)('restores into an empty database with identical data, types, sequences, views and keys', async () => {
    expect(Object.keys(manifest.rowCounts.tables).length).toBeGreaterThanOrEqual(2);
    const target = fresh();
    const result = await restoreInto(target);
    expect(flavour.fingerprint(target.name)).toEqual(flavour.fingerprint(source.name));
    expect(result.rowCounts.differences).toEqual([]);
  });

  it.runIf(flavour.ready)('verifies by restoring into a scratch database it creates and drops', async () => {
    const result = await verifyBackup({ storage, backupId: manifest.id, passphrase: key, mode: 'restore', engine: engineFor(source.url), logger, tempDir: dir });
    expect(result.rowCounts?.matches).toBe(true);
    expect(result.scratchDatabase).toMatch(/_verify_/);
    const leftovers = flavour.title === 'PostgreSQL'
      ? psql('postgres', `SELECT count(*) FROM pg_database WHERE datname = '${result.scratchDatabase}'`)
      : mysql(undefined, `SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '${result.scratchDatabase}'`);
    expect(leftovers).toBe('0');
  });

  it.runIf(flavour.ready)('replaces a non-empty database only when asked', async () => {
    const target = fresh(true);
    mysqlOrPg(flavour, target.name);
    await expect(restoreInto(target)).rejects.toThrow(/is not empty/);
    await restoreInto(target, { mode: 'replace' });
    expect(flavour.fingerprint(target.name)).toEqual(flavour.fingerprint(source.name));
  });

  it.runIf(flavour.ready)('refuses without the right confirm', async () => {
    const target = fresh();
    await expect(restoreInto(target, { confirm: undefined })).rejects.toThrow(/'confirm' must equal the target database's name/);
    await expect(restoreInto(target, { confirm: source.name })).rejects.toThrow(/'confirm' must equal/);
  });

  it.runIf(flavour.ready)('fails a flipped byte, a truncated object and a wrong key before the target changes', async () => {
    const object = join(storage.dir, manifest.object);
    const original = readFileSync(object);
    const target = fresh(true);
    const before = flavour.fingerprint(target.name);
    try {
      const flipped = Buffer.from(original);
      const at = Math.floor(flipped.length / 2);
      flipped[at] = (flipped[at] as number) ^ 0x40;
      writeFileSync(object, flipped);
      await expect(restoreInto(target, { mode: 'replace' })).rejects.toThrow(/failed verification: its SHA-256/);

      writeFileSync(object, original);
      truncateSync(object, original.length - 100);
      await expect(restoreInto(target, { mode: 'replace' })).rejects.toThrow(/failed verification: it has \d+ bytes/);

      writeFileSync(object, original);
      await expect(restoreInto(target, { mode: 'replace', passphrase: 'not the right passphrase' })).rejects.toThrow(/encryption key is wrong/);
      expect(flavour.fingerprint(target.name)).toEqual(before);
    } finally {
      writeFileSync(object, original);
    }
  });
});

function mysqlOrPg(flavour: Flavour, name: string): void {
  expect(Number(flavour.marker(name))).toBeGreaterThan(0);
}

describe.runIf(myReady)('MariaDB credentials', () => {
  it('reach mysqldump through a mode-600 options file that is gone afterwards', async () => {
    const db = createMysqlDatabase();
    const user = `dsb_u${process.pid}`;
    const password = `p'w"\\ ${process.pid}#x`;
    mysql(undefined, `CREATE USER '${user}'@'%' IDENTIFIED BY '${password.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'; GRANT ALL ON ${db.name}.* TO '${user}'@'%'; GRANT SELECT ON mysql.proc TO '${user}'@'%';`);
    const temp = mkdtempSync(join(tmpdir(), 'dsb-creds-'));
    const logger = new MemoryLogger();
    try {
      const url = `mysql://${user}:${encodeURIComponent(password)}@127.0.0.1:3306/${db.name}`;
      const engine = openEngine(parseDatabaseUrl(url), { logger, tempDir: temp });
      const storage = new FileStorage(join(temp, 'backups'));
      const { manifest } = await createBackup({ engine, storage, compression: 'gzip', passphrase: undefined, logger });
      expect(manifest.rowCounts.exact).toBe(false);
      expect(Object.keys(manifest.rowCounts.tables).sort()).toEqual(['customers', 'orders']);
      await engine.dispose();
      expect(readdirSync(temp)).toEqual(['backups']);
      expect(logger.text()).not.toContain(password);
    } finally {
      mysql(undefined, `DROP USER IF EXISTS '${user}'@'%'`);
      db.drop();
    }
  });
});
