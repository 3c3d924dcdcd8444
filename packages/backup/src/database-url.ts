import { isAbsolute, resolve } from 'node:path';
import { ConfigurationError } from '@deploysafe/action-kit';

/** The database engines a backup can come from. */
export type EngineKind = 'postgres' | 'mysql' | 'sqlite';

/** A parsed `database-url`: which engine, which database, how to reach it. The password is kept apart. */
export type DatabaseLocation =
  | {
      kind: 'postgres' | 'mysql';
      /** The database name (what `confirm` must equal for a restore). */
      name: string;
      host: string;
      port: number | undefined;
      user: string;
      password: string;
      /** Query parameters (sslmode, ...) passed through to the tools. */
      params: URLSearchParams;
      /** The URL without its password, safe to show. */
      display: string;
    }
  | {
      kind: 'sqlite';
      /** The file's base name, such as `app.db` (what `confirm` must equal). */
      name: string;
      path: string;
      display: string;
    };

const SQLITE_EXTENSIONS = /\.(db|sqlite|sqlite3|db3)$/i;

/** What `database-url` accepts, for input messages. */
export const DATABASE_URL_EXPECTED =
  'a postgres://, postgresql://, mysql:// or mariadb:// URL with a database name, sqlite:PATH, or a path ending in .db, .sqlite or .sqlite3';

/** The password (decoded and raw) of a database URL, for masking before anything prints it. */
export function databaseUrlSecrets(raw: string): string[] {
  if (!/^(postgres|postgresql|mysql|mariadb):\/\//i.test(raw) || !URL.canParse(raw)) {
    // A malformed URL can still carry `user:password@`: mask what sits between ':' and '@'.
    const m = /^[a-z]+:\/\/[^:/@]*:([^@]*)@/i.exec(raw);
    return m?.[1] ? [m[1], safeDecode(m[1])] : [];
  }
  const url = new URL(raw);
  return url.password ? [url.password, safeDecode(url.password)] : [];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Parses a database URL or SQLite path; relative SQLite paths resolve against `cwd`. Throws ConfigurationError. */
export function parseDatabaseUrl(raw: string, cwd = process.cwd()): DatabaseLocation {
  const text = raw.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'sqlite' || scheme === 'sqlite3' || (scheme === undefined && SQLITE_EXTENSIONS.test(text)) || (scheme === 'file' && SQLITE_EXTENSIONS.test(text))) {
    let path = text.replace(/^(sqlite3?|file):/i, '');
    if (path.startsWith('//')) path = path.slice(2); // sqlite:///abs/path and sqlite://rel/path
    if (path === '') throw new ConfigurationError(`Input 'database-url' names no SQLite file: expected ${DATABASE_URL_EXPECTED}.`);
    const full = isAbsolute(path) ? path : resolve(cwd, path);
    return { kind: 'sqlite', name: full.split('/').pop() as string, path: full, display: `sqlite:${full}` };
  }
  if (scheme !== 'postgres' && scheme !== 'postgresql' && scheme !== 'mysql' && scheme !== 'mariadb') {
    throw new ConfigurationError(`Input 'database-url' has an unsupported scheme${scheme ? ` '${scheme}:'` : ''}: expected ${DATABASE_URL_EXPECTED}.`);
  }
  if (!URL.canParse(text)) throw new ConfigurationError(`Input 'database-url' is not a valid URL: expected ${DATABASE_URL_EXPECTED}.`);
  const url = new URL(text);
  const name = safeDecode(url.pathname.replace(/^\//, ''));
  if (name === '' || name.includes('/')) {
    throw new ConfigurationError(`Input 'database-url' names no database (the path after the host, as in ${scheme}://user@host/shop): expected ${DATABASE_URL_EXPECTED}.`);
  }
  const kind = scheme === 'mysql' || scheme === 'mariadb' ? 'mysql' : 'postgres';
  if (kind === 'mysql' && [...url.searchParams.keys()].length > 0) {
    throw new ConfigurationError(`Input 'database-url': MySQL URLs take no query parameters here (got ${[...url.searchParams.keys()].join(', ')}); configure TLS in the server's client defaults.`);
  }
  const display = new URL(url.href);
  if (display.password) display.password = '***';
  return {
    kind,
    name,
    host: url.hostname.replace(/^\[|\]$/g, '') || 'localhost',
    port: url.port ? Number(url.port) : undefined,
    user: safeDecode(url.username),
    password: safeDecode(url.password),
    params: url.searchParams,
    display: display.href,
  };
}
