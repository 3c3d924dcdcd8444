import { existsSync, readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConfigurationError, runCommand } from '@deploysafe/action-kit';
import type { DatabaseLocation } from './database-url.ts';
import type { DatabaseEngine, DumpHandle, EngineInfo, EngineOptions, RestoreMode, ScratchDatabase, TableCounts } from './engine.ts';
import { DatabaseToolError } from './errors.ts';
import { startTool } from './tool-process.ts';

type PostgresLocation = Extract<DatabaseLocation, { kind: 'postgres' | 'mysql' }>;

const USER_RELATIONS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'`;

// One query, one snapshot: every user table's exact row count as a JSON object.
const ROW_COUNTS_SQL = `SELECT coalesce(json_object_agg(t.name, t.n ORDER BY t.name), '{}')::text FROM (
  SELECT format('%I.%I', n.nspname, c.relname) AS name,
         (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM ONLY %I.%I', n.nspname, c.relname), false, true, '')))[1]::text::bigint AS n
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'r' AND ${USER_RELATIONS}
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
) t`;

/** Quotes a PostgreSQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a PostgreSQL string literal (standard_conforming_strings on). */
export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function conninfoValue(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The major version in `pg_dump (PostgreSQL) 15.20 (Debian ...)`. */
export function parsePostgresToolMajor(versionLine: string): { version: string; major: number } | undefined {
  const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(versionLine);
  if (!m) return undefined;
  return { version: m[2] ? `${m[1]}.${m[2]}` : (m[1] as string), major: Number(m[1]) };
}

/** Where a PostgreSQL client tool of a given major (or newer) lives: PATH first, then Debian's per-version directories. */
export async function findPostgresTool(name: string, minMajor: number, debianRoot = '/usr/lib/postgresql'): Promise<{ path: string; version: string; major: number }> {
  const candidates = [name];
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(`${debianRoot}/${v}/bin/${name}`)) candidates.push(`${debianRoot}/${v}/bin/${name}`);
  }
  const seen: string[] = [];
  for (const path of candidates) {
    let output: string;
    try {
      output = (await runCommand(path, ['--version'], { timeoutMs: 15_000 })).stdout;
    } catch {
      continue;
    }
    const parsed = parsePostgresToolMajor(output);
    if (!parsed) continue;
    seen.push(`${path} ${parsed.version}`);
    if (parsed.major >= minMajor) return { path, ...parsed };
  }
  if (seen.length === 0) {
    throw new ConfigurationError(`\`${name}\` was not found: install the PostgreSQL client tools (apt-get install postgresql-client-${minMajor} or newer).`);
  }
  throw new ConfigurationError(
    `\`${name}\` must be version ${minMajor} or newer for this database, but only ${seen.join(', ')} was found: install postgresql-client-${minMajor} (or newer) and put it on PATH.`,
  );
}

/** PostgreSQL through pg_dump (custom format, uncompressed: we compress) and pg_restore, counts through psql. */
export class PostgresEngine implements DatabaseEngine {
  readonly kind = 'postgres' as const;
  readonly name: string;
  readonly display: string;
  readonly formatSuffix = '.pgdump';
  readonly #location: PostgresLocation;
  readonly #options: EngineOptions;
  #serverMajor: number | undefined;

  constructor(location: PostgresLocation, options: EngineOptions) {
    this.#location = location;
    this.#options = options;
    this.name = location.name;
    this.display = location.display;
  }

  /** libpq connection string for `database` (default the target), without the password. */
  conninfo(database = this.name): string {
    const l = this.#location;
    const parts = [`host=${conninfoValue(l.host)}`, `dbname=${conninfoValue(database)}`];
    if (l.port !== undefined) parts.push(`port=${l.port}`);
    if (l.user) parts.push(`user=${conninfoValue(l.user)}`);
    for (const [k, v] of l.params) {
      if (!/^[a-z_]+$/.test(k) || k === 'password' || k === 'dbname') throw new ConfigurationError(`Input 'database-url' has an unsupported query parameter '${k}'.`);
      parts.push(`${k}=${conninfoValue(v)}`);
    }
    return parts.join(' ');
  }

  #env(): Record<string, string | undefined> {
    // The password goes through the environment, never argv (visible in ps).
    return { PGPASSWORD: this.#location.password || undefined, PGCONNECT_TIMEOUT: '15' };
  }

  /** Runs SQL with psql against `database` and returns the tuples-only output. */
  async query(sql: string, database = this.name): Promise<string> {
    try {
      const result = await runCommand('psql', ['-X', '-q', '-A', '-t', '-w', '-v', 'ON_ERROR_STOP=1', '--dbname', this.conninfo(database), '-c', sql], {
        env: this.#env(),
        timeoutMs: 10 * 60_000,
      });
      return result.stdout.trim();
    } catch (error) {
      throw new DatabaseToolError(`PostgreSQL at ${this.#where(database)}: ${firstErrorLine(error)}`);
    }
  }

  #where(database: string): string {
    const l = this.#location;
    return `${l.host}${l.port ? `:${l.port}` : ''}/${database}`;
  }

  async #serverVersion(): Promise<{ version: string; major: number }> {
    const out = await this.query(`SELECT current_setting('server_version') || '|' || current_setting('server_version_num')`);
    const [version = '', num = '0'] = out.split('|');
    const major = Math.floor(Number(num) / 10000);
    this.#serverMajor = major;
    return { version: version.split(' ')[0] as string, major };
  }

  async prepareDump(): Promise<EngineInfo> {
    const server = await this.#serverVersion();
    // pg_dump refuses servers newer than itself; find one that can dump this server.
    const tool = await findPostgresTool('pg_dump', server.major);
    await findPostgresTool('psql', 0);
    this.#dumpTool = tool.path;
    return { serverVersion: server.version, tool: { name: 'pg_dump', version: tool.version, major: tool.major } };
  }

  #dumpTool = 'pg_dump';

  async estimateSize(): Promise<number | undefined> {
    const out = await this.query('SELECT pg_database_size(current_database())');
    return Number(out) || undefined;
  }

  async startDump(): Promise<DumpHandle> {
    // Count rows and dump in the same exported snapshot, so the counts are exact for the dump.
    const session = new PsqlSession(this.conninfo(), this.#env());
    try {
      await session.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const [snapshot] = await session.query('SELECT pg_export_snapshot()');
      const dump = startTool(this.#dumpTool, ['--format=custom', '--compress=0', '--no-password', `--snapshot=${snapshot}`, '--dbname', this.conninfo()], {
        env: this.#env(),
        logger: this.#options.logger,
        logPrefix: '[pg_dump] ',
      });
      // Counted while pg_dump runs, in the snapshot it imported: exact for the dump, and off the critical path.
      const rowCounts = session.query(ROW_COUNTS_SQL).then(([counts]) => ({ exact: true, tables: JSON.parse(counts ?? '{}') as Record<string, number> }));
      rowCounts.catch(() => dump.kill());
      return {
        stream: dump.stdout,
        rowCounts,
        close: async () => {
          dump.kill();
          await session.close();
        },
      };
    } catch (error) {
      await session.close().catch(() => {});
      throw error;
    }
  }

  #restoreTool = 'pg_restore';

  async prepareRestore(madeWith: EngineInfo['tool']): Promise<void> {
    const server = await this.#serverVersion().catch(() => undefined);
    // pg_restore reads archives of its own major and older.
    const tool = await findPostgresTool('pg_restore', Math.max(madeWith.major, server?.major ?? 0));
    this.#restoreTool = tool.path;
  }

  async exists(): Promise<boolean> {
    return (await this.query(`SELECT count(*) FROM pg_database WHERE datname = ${quoteLiteral(this.name)}`, this.#maintenanceDb())) === '1';
  }

  #maintenanceDb(): string {
    return this.name === 'postgres' ? 'template1' : 'postgres';
  }

  async isEmpty(): Promise<boolean> {
    const out = await this.query(
      `SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${USER_RELATIONS}`,
    );
    return out === '0';
  }

  async countRows(): Promise<TableCounts> {
    return { exact: true, tables: JSON.parse((await this.query(ROW_COUNTS_SQL)) || '{}') as Record<string, number> };
  }

  async restore(source: Readable, mode: RestoreMode): Promise<void> {
    if (mode === 'empty') {
      await this.#restoreInto(this.name, source);
      return;
    }
    // Replace: restore into a new database, then swap names, so the target is untouched until the restore succeeded.
    const tag = `${Date.now().toString(36)}`;
    const fresh = scratchName(this.name, `restore_${tag}`);
    const old = scratchName(this.name, `replaced_${tag}`);
    const settings = await this.query(
      `SELECT pg_encoding_to_char(encoding) || '|' || datcollate || '|' || datctype || '|' || pg_get_userbyid(datdba) FROM pg_database WHERE datname = ${quoteLiteral(this.name)}`,
      this.#maintenanceDb(),
    );
    const [encoding, collate, ctype, owner] = settings.split('|');
    const create = settings
      ? `CREATE DATABASE ${quoteIdent(fresh)} TEMPLATE template0 ENCODING ${quoteLiteral(encoding as string)} LC_COLLATE ${quoteLiteral(collate as string)} LC_CTYPE ${quoteLiteral(ctype as string)} OWNER ${quoteIdent(owner as string)}`
      : `CREATE DATABASE ${quoteIdent(fresh)} TEMPLATE template0`;
    await this.query(create, this.#maintenanceDb());
    try {
      await this.#restoreInto(fresh, source);
    } catch (error) {
      await this.#dropDatabase(fresh);
      throw error;
    }
    if (settings) await this.#swap(fresh, old);
    else await this.query(`ALTER DATABASE ${quoteIdent(fresh)} RENAME TO ${quoteIdent(this.name)}`, this.#maintenanceDb());
  }

  async #swap(fresh: string, old: string): Promise<void> {
    const admin = this.#maintenanceDb();
    // Sessions on the target block the rename; end them, retrying while clients reconnect.
    for (let attempt = 1; ; attempt++) {
      try {
        await runCommand(
          'psql',
          [
            '-X', '-q', '-A', '-t', '-w', '-v', 'ON_ERROR_STOP=1', '--dbname', this.conninfo(admin),
            '-c', `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ${quoteLiteral(this.name)} AND pid <> pg_backend_pid()`,
            '-c', `ALTER DATABASE ${quoteIdent(this.name)} RENAME TO ${quoteIdent(old)}`,
          ],
          { env: this.#env(), timeoutMs: 60_000 },
        );
        break;
      } catch (error) {
        if (attempt >= 5) throw new DatabaseToolError(`Could not take ${this.name} out of service for the swap: ${firstErrorLine(error)}`);
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
    try {
      await this.query(`ALTER DATABASE ${quoteIdent(fresh)} RENAME TO ${quoteIdent(this.name)}`, admin);
    } catch (error) {
      await this.query(`ALTER DATABASE ${quoteIdent(old)} RENAME TO ${quoteIdent(this.name)}`, admin).catch(() => {});
      throw error;
    }
    await this.#dropDatabase(old);
  }

  async #dropDatabase(name: string): Promise<void> {
    const admin = this.#maintenanceDb();
    await this.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}${(this.#serverMajor ?? 13) >= 13 ? ' WITH (FORCE)' : ''}`, admin);
  }

  async #restoreInto(database: string, source: Readable): Promise<void> {
    // One transaction: a failure leaves the database as it was.
    const tool = startTool(this.#restoreTool, ['--exit-on-error', '--single-transaction', '--no-owner', '--no-password', '--dbname', this.conninfo(database)], {
      env: this.#env(),
      stdin: 'pipe',
      stdout: 'ignore',
      logger: this.#options.logger,
      logPrefix: '[pg_restore] ',
    });
    source.once('error', () => tool.kill());
    const fed = pipeline(source, tool.stdin);
    await Promise.all([fed, tool.done]).catch(async (error: unknown) => {
      tool.kill();
      await tool.done.catch(() => {});
      throw error;
    });
  }

  async dispose(): Promise<void> {
    // Nothing is kept on disk: the password travels in the tool's environment.
  }

  async createScratch(tag: string): Promise<ScratchDatabase> {
    const name = scratchName(this.name, tag);
    await this.#serverVersion();
    await this.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0`, this.#maintenanceDb());
    const engine = new PostgresEngine({ ...this.#location, name, display: this.display.replace(/\/[^/?]*(\?|$)/, `/${name}$1`) }, this.#options);
    engine.#restoreTool = this.#restoreTool;
    return { engine, drop: () => this.#dropDatabase(name) };
  }
}

/** A database name derived from `base` that fits PostgreSQL's and MySQL's 63/64-byte limits. */
export function scratchName(base: string, tag: string): string {
  const suffix = `_${tag}`.replace(/[^\w]/g, '_');
  const head = Buffer.from(base, 'utf8').subarray(0, 60 - suffix.length).toString('utf8').replace(/\uFFFD+$/, '');
  return `${head}${suffix}`;
}

function firstErrorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const m = /(?:ERROR|FATAL|error):\s+(.*)/.exec(message);
  return (m?.[1] ?? message).trim();
}

/** A psql session driven through stdin, for work that must share one transaction (the exported snapshot). */
class PsqlSession {
  readonly #tool;
  readonly #lines: AsyncIterator<string>;
  #marker = 0;

  constructor(conninfo: string, env: Record<string, string | undefined>) {
    this.#tool = startTool('psql', ['-X', '-q', '-A', '-t', '-w', '-v', 'ON_ERROR_STOP=1', '--dbname', conninfo], { env, stdin: 'pipe' });
    this.#tool.stdin.on('error', () => {});
    this.#lines = createInterface({ input: this.#tool.stdout, crlfDelay: Infinity })[Symbol.asyncIterator]();
  }

  async query(sql: string): Promise<string[]> {
    const marker = `__deploysafe_${process.pid}_${++this.#marker}__`;
    this.#tool.stdin.write(`${sql};\n\\echo ${marker}\n`);
    const lines: string[] = [];
    for (;;) {
      const next = await this.#lines.next().catch(async (error: unknown) => {
        await this.#tool.done.catch((e: unknown) => {
          throw new DatabaseToolError(`psql: ${firstErrorLine(e)}`);
        });
        throw error;
      });
      if (next.done) {
        await this.#tool.done.catch((e: unknown) => {
          throw new DatabaseToolError(`psql: ${firstErrorLine(e)}`);
        });
        throw new DatabaseToolError('psql ended before answering');
      }
      if (next.value === marker) return lines;
      lines.push(next.value);
    }
  }

  async close(): Promise<void> {
    if (this.#tool.stdin.writable) this.#tool.stdin.end('COMMIT;\n\\q\n');
    const timer = setTimeout(() => this.#tool.kill(), 10_000);
    await this.#tool.done.catch(() => {});
    clearTimeout(timer);
  }
}
