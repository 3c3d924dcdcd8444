import type { Readable } from 'node:stream';
import type { Logger } from '@deploysafe/action-kit';
import type { EngineKind } from './database-url.ts';

/** Rows per table, as `schema.table` (PostgreSQL) or `table` names. `exact` when taken in the dump's own snapshot. */
export interface TableCounts {
  exact: boolean;
  tables: Record<string, number>;
}

/** What a backup records about the server and the tool that dumped it. */
export interface EngineInfo {
  serverVersion: string;
  tool: { name: string; version: string; major: number };
}

/** A dump in progress: its bytes, and the row counts taken alongside. */
export interface DumpHandle {
  /** Ends with an error if the dump tool fails, even after bytes were written. */
  stream: Readable;
  /** Row counts, taken alongside the dump (in its snapshot where the engine can). */
  rowCounts: Promise<TableCounts>;
  /** Releases what the dump held (the snapshot session, a temporary copy). */
  close(): Promise<void>;
}

/** How a restore treats the target: it must be empty, or it is replaced (only when asked explicitly). */
export type RestoreMode = 'empty' | 'replace';

/** A database created for a verification restore; `drop` removes it. */
export interface ScratchDatabase {
  engine: DatabaseEngine;
  drop(): Promise<void>;
}

/** Shared options of every engine. */
export interface EngineOptions {
  logger: Logger;
  /** Directory for temporary files (credentials files, SQLite copies); the runner's temp dir. */
  tempDir: string;
}

/** One database engine: how to dump, restore, inspect and create scratch databases. One file per engine. */
export interface DatabaseEngine {
  readonly kind: EngineKind;
  /** The database name, as `confirm` must spell it. */
  readonly name: string;
  /** Where the database is, without secrets. */
  readonly display: string;
  /** Suffix of the dump format in object names: `.pgdump`, `.sql`, `.sqlite`. */
  readonly formatSuffix: string;
  /** Checks the dump tool exists and can dump this server; fails with a clear message otherwise. */
  prepareDump(): Promise<EngineInfo>;
  /** Rough size of the database in bytes, to size upload parts; undefined when unknown. */
  estimateSize(): Promise<number | undefined>;
  startDump(): Promise<DumpHandle>;
  /** Checks the restore tool exists and can read a dump made by `madeWith`. */
  prepareRestore(madeWith: EngineInfo['tool']): Promise<void>;
  exists(): Promise<boolean>;
  /** True when the database holds no tables, views or sequences. */
  isEmpty(): Promise<boolean>;
  /** Restores the dump bytes of `source`; the caller has verified the whole object first. */
  restore(source: Readable, mode: RestoreMode): Promise<void>;
  countRows(): Promise<TableCounts>;
  createScratch(tag: string): Promise<ScratchDatabase>;
  /** Removes what the engine left on disk (the MySQL credentials file); call when done with it. */
  dispose(): Promise<void>;
}
