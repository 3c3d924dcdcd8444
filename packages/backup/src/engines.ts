import type { DatabaseLocation } from './database-url.ts';
import type { DatabaseEngine, EngineOptions } from './engine.ts';
import { MysqlEngine } from './mysql-engine.ts';
import { PostgresEngine } from './postgres-engine.ts';
import { SqliteEngine } from './sqlite-engine.ts';

/** The engine for a parsed database location. */
export function openEngine(location: DatabaseLocation, options: EngineOptions): DatabaseEngine {
  if (location.kind === 'sqlite') return new SqliteEngine(location, options);
  if (location.kind === 'mysql') return new MysqlEngine(location, options);
  return new PostgresEngine(location, options);
}
