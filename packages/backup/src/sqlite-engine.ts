import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConfigurationError, syncDirectory } from '@deploysafe/action-kit';
import type { DatabaseLocation } from './database-url.ts';
import type { DatabaseEngine, DumpHandle, EngineInfo, EngineOptions, RestoreMode, ScratchDatabase, TableCounts } from './engine.ts';
import { DatabaseToolError } from './errors.ts';

type SqliteLocation = Extract<DatabaseLocation, { kind: 'sqlite' }>;

function open(path: string, readOnly: boolean): DatabaseSync {
  try {
    return new DatabaseSync(path, { readOnly });
  } catch (error) {
    throw new DatabaseToolError(`Could not open the SQLite database ${path}: ${(error as Error).message}`);
  }
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function countRowsOf(path: string): TableCounts {
  const db = open(path, true);
  try {
    const names = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[];
    const tables: Record<string, number> = {};
    for (const { name } of names) tables[name] = Number((db.prepare(`SELECT count(*) AS n FROM ${quote(name)}`).get() as { n: number }).n);
    return { exact: true, tables };
  } finally {
    db.close();
  }
}

function integrityCheck(path: string): void {
  const db = open(path, true);
  try {
    const rows = db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length > 0) throw new DatabaseToolError(`The restored SQLite file fails its integrity check: ${problems.slice(0, 3).join('; ')}`);
  } finally {
    db.close();
  }
}

/** SQLite through node:sqlite's online backup API: no external binary, a consistent copy while the app writes. */
export class SqliteEngine implements DatabaseEngine {
  readonly kind = 'sqlite' as const;
  readonly name: string;
  readonly display: string;
  readonly formatSuffix = '.sqlite';
  readonly path: string;
  readonly #options: EngineOptions;

  constructor(location: SqliteLocation, options: EngineOptions) {
    this.path = location.path;
    this.name = location.name;
    this.display = location.display;
    this.#options = options;
  }

  async prepareDump(): Promise<EngineInfo> {
    if (!existsSync(this.path)) throw new ConfigurationError(`The SQLite database ${this.path} does not exist: check 'database-url'.`);
    const db = open(this.path, true);
    try {
      const { v } = db.prepare('SELECT sqlite_version() AS v').get() as { v: string };
      return { serverVersion: v, tool: { name: 'node:sqlite', version: v, major: Number(v.split('.')[0]) } };
    } finally {
      db.close();
    }
  }

  async estimateSize(): Promise<number | undefined> {
    return (await stat(this.path)).size;
  }

  async startDump(): Promise<DumpHandle> {
    const dir = await mkdtemp(join(this.#options.tempDir, 'db-backup-sqlite-'));
    const copy = join(dir, 'snapshot.sqlite');
    const source = open(this.path, true);
    try {
      await backup(source, copy);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw new DatabaseToolError(`The SQLite online backup of ${this.path} failed: ${(error as Error).message}`);
    } finally {
      source.close();
    }
    // Counted on the copy, so the counts are exactly what the backup holds.
    const rowCounts = countRowsOf(copy);
    return {
      stream: createReadStream(copy),
      rowCounts: Promise.resolve(rowCounts),
      close: () => rm(dir, { recursive: true, force: true }),
    };
  }

  async prepareRestore(madeWith: EngineInfo['tool']): Promise<void> {
    if (madeWith.name !== 'node:sqlite') throw new ConfigurationError(`The backup was made with ${madeWith.name}: it is not a SQLite backup.`);
  }

  async exists(): Promise<boolean> {
    return existsSync(this.path);
  }

  async isEmpty(): Promise<boolean> {
    if (!existsSync(this.path) || (await stat(this.path)).size === 0) return true;
    const db = open(this.path, true);
    try {
      return (db.prepare(`SELECT count(*) AS n FROM sqlite_schema`).get() as { n: number }).n === 0;
    } finally {
      db.close();
    }
  }

  async countRows(): Promise<TableCounts> {
    return countRowsOf(this.path);
  }

  async restore(source: Readable, mode: RestoreMode): Promise<void> {
    if (mode === 'empty' && !(await this.isEmpty())) {
      throw new ConfigurationError(`The SQLite database ${this.path} is not empty: restore into a new path, or set restore-mode: replace.`);
    }
    // Written beside the target and renamed over it: the target changes in one step, or not at all.
    const temp = join(dirname(this.path), `.${basename(this.path)}.restore-${randomBytes(4).toString('hex')}`);
    try {
      await pipeline(source, createWriteStream(temp, { mode: 0o600, flags: 'wx' }));
      integrityCheck(temp);
      // A stale WAL beside the new file would be replayed into it.
      for (const extra of ['-wal', '-shm', '-journal']) await rm(`${this.path}${extra}`, { force: true });
      await rename(temp, this.path);
      await syncDirectory(dirname(this.path));
    } finally {
      await rm(temp, { force: true });
    }
  }

  async dispose(): Promise<void> {
    // Nothing is kept on disk: the password travels in the tool's environment.
  }

  async createScratch(tag: string): Promise<ScratchDatabase> {
    const dir = await mkdtemp(join(this.#options.tempDir, `db-backup-verify-${tag}-`));
    const path = join(dir, this.name);
    const engine = new SqliteEngine({ kind: 'sqlite', name: this.name, path, display: `sqlite:${path}` }, this.#options);
    return { engine, drop: () => rm(dir, { recursive: true, force: true }) };
  }
}
