import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMysqlCompatible, parseMysqlVersion } from './mysql-engine.ts';
import { findPostgresTool, parsePostgresToolMajor } from './postgres-engine.ts';

describe('client tool versions', () => {
  it('reads PostgreSQL, MySQL and MariaDB version lines', () => {
    expect(parsePostgresToolMajor('pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)')).toEqual({ version: '15.20', major: 15 });
    expect(parsePostgresToolMajor('pg_dump (PostgreSQL) 17beta1')).toEqual({ version: '17', major: 17 });
    expect(parseMysqlVersion('mysqldump  Ver 10.19 Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)')).toMatchObject({ flavour: 'mariadb', major: 10, minor: 11 });
    expect(parseMysqlVersion('mysqldump  Ver 8.0.36 for Linux on x86_64 (MySQL Community Server - GPL)')).toMatchObject({ flavour: 'mysql', major: 8, minor: 0 });
    expect(parseMysqlVersion('8.4.2')).toMatchObject({ flavour: 'mysql', version: '8.4.2' });
  });

  it('refuses a pg_dump older than the server, naming the package to install', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsb-tools-'));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 14.11"\n');
    chmodSync(join(bin, 'pg_dump'), 0o755);
    const path = process.env.PATH;
    process.env.PATH = bin;
    try {
      await expect(findPostgresTool('pg_dump', 16, join(dir, 'none'))).rejects.toThrow(
        /`pg_dump` must be version 16 or newer for this database, but only pg_dump 14.11 was found: install postgresql-client-16/,
      );
      await expect(findPostgresTool('pg_dump', 14, join(dir, 'none'))).resolves.toMatchObject({ path: 'pg_dump', major: 14 });
      process.env.PATH = join(dir, 'empty');
      await expect(findPostgresTool('pg_dump', 15, join(dir, 'none'))).rejects.toThrow(/`pg_dump` was not found: install the PostgreSQL client tools/);
    } finally {
      process.env.PATH = path;
    }
  });

  it('refuses a MySQL client of the other flavour or older than the server', () => {
    const v = (text: string) => parseMysqlVersion(text)!;
    expect(() => checkMysqlCompatible(v('Ver 10.19 Distrib 10.11.19-MariaDB'), v('8.0.36'), 'mysqldump', 'dump')).toThrow(/is from MariaDB 10.11.19 but the server is MySQL 8.0.36: use the MySQL client tools/);
    expect(() => checkMysqlCompatible(v('Ver 8.0.36 for Linux'), v('8.4.1'), 'mysqldump', 'dump')).toThrow(/older than the server/);
    expect(() => checkMysqlCompatible(v('Ver 10.19 Distrib 10.11.19-MariaDB'), v('10.6.2-MariaDB'), 'mysqldump', 'dump')).not.toThrow();
  });
});
