import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConfigurationError, runCommand } from '@deploysafe/action-kit';
import type { DatabaseLocation } from './database-url.ts';
import type { DatabaseEngine, DumpHandle, EngineInfo, EngineOptions, RestoreMode, ScratchDatabase, TableCounts } from './engine.ts';
import { DatabaseToolError } from './errors.ts';
import { scratchName } from './postgres-engine.ts';
import { startTool } from './tool-process.ts';

type MysqlLocation = Extract<DatabaseLocation, { kind: 'postgres' | 'mysql' }>;

/** Quotes a MySQL identifier. */
export function quoteMysqlIdent(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** Quotes a MySQL string literal. */
export function quoteMysqlLiteral(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function optionValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Flavour and version from `mysqldump --version` or `SELECT VERSION()`. */
export function parseMysqlVersion(text: string): { flavour: 'mariadb' | 'mysql'; version: string; major: number; minor: number } | undefined {
  const mariadb = /(\d+)\.(\d+)\.(\d+)-MariaDB/i.exec(text);
  if (mariadb) return { flavour: 'mariadb', version: `${mariadb[1]}.${mariadb[2]}.${mariadb[3]}`, major: Number(mariadb[1]), minor: Number(mariadb[2]) };
  const tool = /Ver (\d+)\.(\d+)\.(\d+)/.exec(text) ?? /Distrib (\d+)\.(\d+)\.(\d+)/.exec(text) ?? /^(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  if (!tool) return undefined;
  return { flavour: 'mysql', version: `${tool[1]}.${tool[2]}.${tool[3]}`, major: Number(tool[1]), minor: Number(tool[2]) };
}

/** MySQL and MariaDB through mysqldump (one consistent transaction) and the mysql client. */
export class MysqlEngine implements DatabaseEngine {
  readonly kind = 'mysql' as const;
  readonly name: string;
  readonly display: string;
  readonly formatSuffix = '.sql';
  readonly #location: MysqlLocation;
  readonly #options: EngineOptions;
  #optionsFile: Promise<{ dir: string; file: string }> | undefined;

  constructor(location: MysqlLocation, options: EngineOptions) {
    this.#location = location;
    this.#options = options;
    this.name = location.name;
    this.display = location.display;
  }

  /** A client options file (mode 600) with the credentials: they never appear on a command line. */
  #credentials(): Promise<{ dir: string; file: string }> {
    this.#optionsFile ??= (async () => {
      const dir = await mkdtemp(join(this.#options.tempDir, 'db-backup-mysql-'));
      const file = join(dir, 'client.cnf');
      const l = this.#location;
      const lines = ['[client]', `host=${optionValue(l.host)}`];
      if (l.port !== undefined) lines.push(`port=${l.port}`);
      if (l.user) lines.push(`user=${optionValue(l.user)}`);
      lines.push(`password=${optionValue(l.password)}`);
      if (l.host !== 'localhost') lines.push('protocol=TCP');
      await writeFile(file, `${lines.join('\n')}\n`, { mode: 0o600 });
      return { dir, file };
    })();
    return this.#optionsFile;
  }

  /** Removes the credentials file. */
  async dispose(): Promise<void> {
    if (!this.#optionsFile) return;
    const { dir } = await this.#optionsFile;
    this.#optionsFile = undefined;
    await rm(dir, { recursive: true, force: true });
  }

  async query(sql: string, database: string | null = this.name): Promise<string> {
    const { file } = await this.#credentials();
    const args = [`--defaults-extra-file=${file}`, '--batch', '--skip-column-names', '--default-character-set=utf8mb4', '-e', sql];
    if (database !== null) args.push(database);
    try {
      return (await runCommand('mysql', args, { timeoutMs: 10 * 60_000 })).stdout.replace(/\n$/, '');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/was not found/.test(message)) throw new ConfigurationError('`mysql` was not found: install the MySQL or MariaDB client (apt-get install mariadb-client or mysql-client).');
      throw new DatabaseToolError(`MySQL at ${this.#location.host}/${database ?? ''}: ${/ERROR \d+.*$/m.exec(message)?.[0] ?? message}`);
    }
  }

  async #server(): Promise<NonNullable<ReturnType<typeof parseMysqlVersion>>> {
    const text = await this.query('SELECT VERSION()', null);
    const parsed = parseMysqlVersion(text);
    if (!parsed) throw new DatabaseToolError(`Could not read the server version from "${text}"`);
    return parsed;
  }

  async #tool(name: 'mysqldump' | 'mysql'): Promise<NonNullable<ReturnType<typeof parseMysqlVersion>>> {
    let text: string;
    try {
      text = (await runCommand(name, ['--version'], { timeoutMs: 15_000 })).stdout;
    } catch {
      throw new ConfigurationError(`\`${name}\` was not found: install the MySQL or MariaDB client tools (apt-get install mariadb-client or mysql-client).`);
    }
    const parsed = parseMysqlVersion(text);
    if (!parsed) throw new ConfigurationError(`Could not read the version of \`${name}\` from "${text.trim()}".`);
    return parsed;
  }

  async prepareDump(): Promise<EngineInfo> {
    const server = await this.#server();
    const tool = await this.#tool('mysqldump');
    checkMysqlCompatible(tool, server, 'mysqldump', 'dump');
    return { serverVersion: `${server.version}${server.flavour === 'mariadb' ? '-MariaDB' : ''}`, tool: { name: 'mysqldump', version: tool.version, major: tool.major } };
  }

  async estimateSize(): Promise<number | undefined> {
    const out = await this.query(`SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.tables WHERE table_schema = ${quoteMysqlLiteral(this.name)}`);
    return Number(out) || undefined;
  }

  async countRows(): Promise<TableCounts> {
    const names = (await this.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name`))
      .split('\n')
      .filter(Boolean);
    const tables: Record<string, number> = {};
    // One statement, so all counts come from one consistent read.
    for (let i = 0; i < names.length; i += 200) {
      const batch = names.slice(i, i + 200);
      const sql = batch.map((t) => `SELECT ${quoteMysqlLiteral(t)}, COUNT(*) FROM ${quoteMysqlIdent(t)}`).join(' UNION ALL ');
      for (const line of (await this.query(sql)).split('\n').filter(Boolean)) {
        const tab = line.lastIndexOf('\t');
        tables[line.slice(0, tab)] = Number(line.slice(tab + 1));
      }
    }
    return { exact: false, tables };
  }

  async startDump(): Promise<DumpHandle> {
    // mysqldump's snapshot cannot be shared, so counts come from a read just before it (exact: false).
    const rowCounts = await this.countRows();
    const { file } = await this.#credentials();
    const dump = startTool(
      'mysqldump',
      [
        `--defaults-extra-file=${file}`,
        '--single-transaction',
        '--routines',
        '--triggers',
        '--events',
        '--hex-blob',
        '--default-character-set=utf8mb4',
        '--no-tablespaces',
        '--skip-dump-date',
        this.name,
      ],
      { logger: this.#options.logger, logPrefix: '[mysqldump] ' },
    );
    return {
      stream: dump.stdout,
      rowCounts: Promise.resolve(rowCounts),
      close: async () => {
        dump.kill();
        await this.dispose();
      },
    };
  }

  async prepareRestore(madeWith: EngineInfo['tool']): Promise<void> {
    const tool = await this.#tool('mysql');
    const server = await this.#server();
    checkMysqlCompatible(tool, server, 'mysql', 'restore into');
    if (madeWith.name !== 'mysqldump') throw new ConfigurationError(`The backup was made with ${madeWith.name}, not mysqldump: it cannot be restored into MySQL.`);
  }

  async exists(): Promise<boolean> {
    return (await this.query(`SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ${quoteMysqlLiteral(this.name)}`, null)) === '1';
  }

  async isEmpty(): Promise<boolean> {
    const schema = quoteMysqlLiteral(this.name);
    const out = await this.query(
      `SELECT (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ${schema}) + (SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = ${schema}) + (SELECT COUNT(*) FROM information_schema.events WHERE event_schema = ${schema})`,
      null,
    );
    return out === '0';
  }

  async restore(source: Readable, mode: RestoreMode): Promise<void> {
    if (mode === 'replace') {
      // MySQL DDL is not transactional: recreate the schema with its character set, then load (the object was verified first).
      const row = await this.query(
        `SELECT default_character_set_name, default_collation_name FROM information_schema.schemata WHERE schema_name = ${quoteMysqlLiteral(this.name)}`,
        null,
      );
      const [charset, collation] = row.split('\t');
      await this.query(`DROP DATABASE IF EXISTS ${quoteMysqlIdent(this.name)}`, null);
      await this.query(
        `CREATE DATABASE ${quoteMysqlIdent(this.name)}${charset ? ` CHARACTER SET ${charset} COLLATE ${collation}` : ''}`,
        null,
      );
    }
    const { file } = await this.#credentials();
    const tool = startTool('mysql', [`--defaults-extra-file=${file}`, '--batch', '--default-character-set=utf8mb4', this.name], {
      stdin: 'pipe',
      stdout: 'ignore',
      logger: this.#options.logger,
      logPrefix: '[mysql] ',
    });
    // Kill the client before it sees end-of-input, or it would commit a partial load.
    source.once('error', () => tool.kill());
    await Promise.all([pipeline(source, tool.stdin), tool.done]).catch(async (error: unknown) => {
      tool.kill();
      await tool.done.catch(() => {});
      throw error;
    });
  }

  async createScratch(tag: string): Promise<ScratchDatabase> {
    const name = scratchName(this.name, tag);
    await this.query(`CREATE DATABASE ${quoteMysqlIdent(name)} CHARACTER SET utf8mb4`, null);
    const engine = new MysqlEngine({ ...this.#location, name, display: this.display.replace(/\/[^/?]*$/, `/${name}`) }, this.#options);
    return {
      engine,
      drop: async () => {
        await this.query(`DROP DATABASE IF EXISTS ${quoteMysqlIdent(name)}`, null);
        await engine.dispose();
      },
    };
  }
}

/** Fails unless a MySQL client tool is of the server's flavour and not older than it. */
export function checkMysqlCompatible(
  tool: NonNullable<ReturnType<typeof parseMysqlVersion>>,
  server: NonNullable<ReturnType<typeof parseMysqlVersion>>,
  name: string,
  verb: string,
): void {
  const label = (v: typeof tool) => `${v.flavour === 'mariadb' ? 'MariaDB' : 'MySQL'} ${v.version}`;
  if (tool.flavour !== server.flavour) {
    throw new ConfigurationError(
      `\`${name}\` is from ${label(tool)} but the server is ${label(server)}: use the ${server.flavour === 'mariadb' ? 'MariaDB' : 'MySQL'} client tools to ${verb} it.`,
    );
  }
  if (tool.major < server.major || (tool.flavour === 'mysql' && tool.major === server.major && tool.minor < server.minor)) {
    throw new ConfigurationError(`\`${name}\` ${tool.version} is older than the server (${label(server)}): install a client of the server's version or newer.`);
  }
}

/** A random lower-case tag for scratch database names. */
export function randomTag(): string {
  return randomBytes(4).toString('hex');
}
