// Test databases with data of many types, and fingerprints that prove a restore brought them back
// identical. Used by this package's tests and the db-backup action's; not part of the public API.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';

/** A database made for one test; `drop` removes it. */
export interface TestDatabase {
  url: string;
  name: string;
  drop(): void;
}

function run(file: string, args: string[], input?: string): string {
  const result = spawnSync(file, args, { input, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${file} ${args.join(' ')} failed: ${result.stderr || result.error?.message}`);
  return result.stdout;
}

/** A unique database name for a test. */
export function testDatabaseName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
}

// ---- PostgreSQL ----

const PG = ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-U', 'postgres'];

/** Runs SQL on the local PostgreSQL (user postgres, trust). */
export function psql(database: string, sql: string): string {
  return run('psql', [...PG, '-d', database], sql).trim();
}

const PG_SEED = `
CREATE TABLE customers (
  id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE, balance numeric(14,4), bio text,
  avatar bytea, prefs jsonb, born date, seen_at timestamptz, ratio double precision, active boolean, tags text[]);
CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers(id) ON DELETE CASCADE, total numeric(20,6), note text);
INSERT INTO customers (name, email, balance, bio, avatar, prefs, born, seen_at, ratio, active, tags) VALUES
  ('Zoë Ångström', 'zoe@example.com', 1234.5678, 'Emoji 🎉, 中文, ‘quotes’ and "doubles"', '\\x00ff10deadbeef00', '{"a": [1, 2, {"b": null}], "ü": "ñ", "big": 12345678901234567890}', '1990-02-28', '2024-01-02 03:04:05.678+00', 3.141592653589793, true, '{a,"b c",NULL}'),
  ('O''Brien', NULL, -0.0001, E'line1\\nline2\\ttab\\\\backslash', NULL, 'null', NULL, NULL, NULL, NULL, NULL),
  ('Nul Bytes', 'nb@example.com', 0, '', '\\x', '{}', '0001-01-01', 'infinity', 'NaN', false, '{}');
INSERT INTO customers (name, email, balance, avatar, prefs)
  SELECT 'user ' || i, 'u' || i || '@example.com', i * 1.25, decode(md5(i::text), 'hex'), jsonb_build_object('i', i, 'even', i % 2 = 0) FROM generate_series(1, 200) AS i;
INSERT INTO orders (customer_id, total, note) SELECT 1 + (i % 150), i / 7.0, CASE WHEN i % 5 = 0 THEN NULL ELSE 'order ' || i END FROM generate_series(1, 400) AS i;
SELECT setval('customers_id_seq', 5000);
CREATE VIEW big_spenders AS SELECT c.name, sum(o.total) AS spent FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name HAVING sum(o.total) > 10;
CREATE SCHEMA audit;
CREATE TABLE audit."Event Log" (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload jsonb NOT NULL);
INSERT INTO audit."Event Log" (payload) VALUES ('{"k": "v"}'), ('[1, 2, 3]');
`;

/** Creates a PostgreSQL database filled with data of many types (unicode, bytea, jsonb, numeric, NULLs, sequences, views, FKs). */
export function createPostgresDatabase(options: { seed?: boolean } = {}): TestDatabase {
  const name = testDatabaseName('dsb_pg');
  psql('postgres', `CREATE DATABASE ${name}`);
  if (options.seed ?? true) psql(name, PG_SEED);
  return {
    name,
    url: `postgresql://postgres@127.0.0.1:5432/${name}`,
    drop: () => {
      psql('postgres', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A fingerprint of a PostgreSQL database's content and schema: equal fingerprints mean identical data. */
export function postgresFingerprint(database: string): Record<string, string> {
  const tables = psql(
    database,
    `SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
  )
    .split('\n')
    .filter(Boolean);
  const out: Record<string, string> = {};
  for (const t of tables) out[t] = psql(database, `SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM ${t} x`);
  out.sequences = psql(database, `SELECT string_agg(schemaname || '.' || sequencename || '=' || coalesce(last_value::text, 'null'), ',' ORDER BY sequencename) FROM pg_sequences`);
  out.views = psql(database, `SELECT string_agg(viewname || ':' || md5(definition), ',' ORDER BY viewname) FROM pg_views WHERE schemaname = 'public'`);
  out.constraints = psql(database, `SELECT string_agg(conname || ':' || pg_get_constraintdef(oid), ',' ORDER BY conname) FROM pg_constraint WHERE connamespace = 'public'::regnamespace`);
  return out;
}

// ---- MySQL / MariaDB ----

const MY = ['-h', '127.0.0.1', '-uroot', '--batch', '--skip-column-names', '--default-character-set=utf8mb4'];

/** Runs SQL on the local MariaDB (root, no password). */
export function mysql(database: string | undefined, sql: string): string {
  return run('mysql', database ? [...MY, database] : MY, sql).replace(/\n$/, '');
}

const MYSQL_SEED = `
CREATE TABLE customers (
  id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(200) NOT NULL, email VARCHAR(200) UNIQUE, balance DECIMAL(14,4), bio TEXT,
  avatar BLOB, prefs JSON, born DATE, seen_at DATETIME(3), ratio DOUBLE, active BOOLEAN) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL, total DECIMAL(20,6), note VARCHAR(100),
  FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE CASCADE) CHARACTER SET utf8mb4;
INSERT INTO customers (name, email, balance, bio, avatar, prefs, born, seen_at, ratio, active) VALUES
  ('Zoë Ångström', 'zoe@example.com', 1234.5678, 'Emoji 🎉, 中文, ‘quotes’ and "doubles"', X'00FF10DEADBEEF00', '{"a": [1, 2, {"b": null}], "ü": "ñ"}', '1990-02-28', '2024-01-02 03:04:05.678', 3.141592653589793, TRUE),
  ('O\\'Brien', NULL, -0.0001, 'line1\\nline2\\ttab\\\\backslash', NULL, 'null', NULL, NULL, NULL, NULL),
  ('Nul Bytes', 'nb@example.com', 0, '', X'', '{}', '1000-01-01', NULL, -0.0, FALSE);
INSERT INTO customers (name, email, balance, avatar, prefs)
  SELECT CONCAT('user ', seq), CONCAT('u', seq, '@example.com'), seq * 1.25, UNHEX(MD5(seq)), JSON_OBJECT('i', seq) FROM seq_1_to_200;
INSERT INTO orders (customer_id, total, note) SELECT 1 + (seq % 150), seq / 7, IF(seq % 5 = 0, NULL, CONCAT('order ', seq)) FROM seq_1_to_400;
ALTER TABLE customers AUTO_INCREMENT = 5000;
CREATE VIEW big_spenders AS SELECT c.name, SUM(o.total) AS spent FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name HAVING SUM(o.total) > 10;
CREATE TRIGGER orders_note BEFORE INSERT ON orders FOR EACH ROW SET NEW.note = COALESCE(NEW.note, 'n/a');
CREATE PROCEDURE customer_count(OUT n INT) SELECT COUNT(*) INTO n FROM customers;
`;

/** Creates a MariaDB database filled with data of many types (unicode, blobs, JSON, decimals, NULLs, auto-increment, views, FKs, triggers, routines). */
export function createMysqlDatabase(options: { seed?: boolean } = {}): TestDatabase {
  const name = testDatabaseName('dsb_my');
  mysql(undefined, `CREATE DATABASE ${name} CHARACTER SET utf8mb4`);
  if (options.seed ?? true) mysql(name, MYSQL_SEED);
  return {
    name,
    url: `mysql://root@127.0.0.1:3306/${name}`,
    drop: () => {
      mysql(undefined, `DROP DATABASE IF EXISTS ${name}`);
    },
  };
}

/** A fingerprint of the seeded MariaDB database: equal fingerprints mean identical data. */
export function mysqlFingerprint(database: string): Record<string, string> {
  return {
    customers: mysql(
      database,
      `SELECT CONCAT(COUNT(*), ':', MD5(GROUP_CONCAT(CONCAT_WS('|', id, name, IFNULL(email, '~'), IFNULL(balance, '~'), IFNULL(bio, '~'), IFNULL(HEX(avatar), '~'), IFNULL(prefs, '~'), IFNULL(born, '~'), IFNULL(seen_at, '~'), IFNULL(ratio, '~'), IFNULL(active, '~')) ORDER BY id SEPARATOR '#'))) FROM customers`,
    ),
    orders: mysql(database, `SELECT CONCAT(COUNT(*), ':', MD5(GROUP_CONCAT(CONCAT_WS('|', id, customer_id, total, IFNULL(note, '~')) ORDER BY id SEPARATOR '#'))) FROM orders`),
    autoIncrement: mysql(database, `SELECT GROUP_CONCAT(table_name, '=', auto_increment ORDER BY table_name) FROM information_schema.tables WHERE table_schema = DATABASE() AND auto_increment IS NOT NULL`),
    views: mysql(database, `SELECT GROUP_CONCAT(table_name ORDER BY table_name) FROM information_schema.views WHERE table_schema = DATABASE()`),
    triggers: mysql(database, `SELECT GROUP_CONCAT(trigger_name ORDER BY trigger_name) FROM information_schema.triggers WHERE trigger_schema = DATABASE()`),
    routines: mysql(database, `SELECT GROUP_CONCAT(routine_name ORDER BY routine_name) FROM information_schema.routines WHERE routine_schema = DATABASE()`),
    foreignKeys: mysql(database, `SELECT GROUP_CONCAT(constraint_name ORDER BY constraint_name) FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE()`),
    spent: mysql(database, `SELECT SUM(spent) FROM big_spenders`),
  };
}

// ---- SQLite ----

/** Creates a SQLite file at `path` with data of many types (unicode, blobs, JSON text, reals, NULLs, autoincrement, views, FKs). */
export function createSqliteDatabase(path: string): void {
  const db = new DatabaseSync(path);
  db.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA foreign_keys = ON;
    CREATE TABLE customers (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, balance NUMERIC, ratio REAL, avatar BLOB, prefs TEXT, note TEXT);
    CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), total REAL);
    CREATE VIEW big_spenders AS SELECT c.name, sum(o.total) AS spent FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name;
    CREATE INDEX orders_customer ON orders(customer_id);
  `);
  const insert = db.prepare('INSERT INTO customers (name, balance, ratio, avatar, prefs, note) VALUES (?, ?, ?, ?, ?, ?)');
  insert.run('Zoë Ångström 🎉 中文', '1234.5678', 3.141592653589793, new Uint8Array([0, 255, 16, 222, 173, 190, 239, 0]), '{"a":[1,{"b":null}]}', null);
  insert.run("O'Brien\nline2", '-0.0001', null, null, null, '');
  for (let i = 0; i < 300; i++) insert.run(`user ${i}`, String(i * 1.25), i / 3, randomBytes(16), JSON.stringify({ i }), i % 3 === 0 ? null : `n${i}`);
  const order = db.prepare('INSERT INTO orders (customer_id, total) VALUES (?, ?)');
  for (let i = 0; i < 500; i++) order.run(1 + (i % 300), i / 7);
  db.exec(`DELETE FROM customers WHERE id = 302; INSERT INTO customers (name) VALUES ('after delete');`);
  db.close();
}

/** A fingerprint of a SQLite file's content and schema. */
export function sqliteFingerprint(path: string): Record<string, string> {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const out: Record<string, string> = {};
    const schema = db.prepare(`SELECT type, name, sql FROM sqlite_schema ORDER BY type, name`).all() as { type: string; name: string; sql: string | null }[];
    out.schema = JSON.stringify(schema);
    for (const { name } of schema.filter((s) => s.type === 'table')) {
      const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
      out[name] = JSON.stringify(rows, (_k, v: unknown) => (v instanceof Uint8Array ? `blob:${Buffer.from(v).toString('hex')}` : typeof v === 'bigint' ? v.toString() : v));
    }
    return out;
  } finally {
    db.close();
  }
}
