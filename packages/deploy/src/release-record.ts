import { ConfigurationError } from '@deploysafe/action-kit';
import { posix } from 'node:path';
import { z } from 'zod';
import type { Transport } from './transport.ts';

/** Where a release stands. `superseded`: it was live and a newer release replaced it normally. */
export type ReleaseStatus = 'staged' | 'live' | 'superseded' | 'rolled-back' | 'failed';

/** Who did something, from which workflow run. */
export interface Actor {
  actor: string;
  runId: string;
  runUrl?: string | undefined;
}

/** One change of status, kept so the record tells what happened and who did it. */
export interface ReleaseEvent {
  at: string;
  status: ReleaseStatus;
  actor: string;
  runId: string;
  reason?: string | undefined;
}

/** How a rollback undid a release; kept on the undone (`rolled-back`) entry. */
export interface RollbackInfo {
  /** The release traffic went back to, and its entry. */
  toRelease: string;
  toEntryId: number;
  at: string;
  actor: string;
  runId: string;
  /** The database backup restored for this rollback, once the restore succeeded. */
  restoredBackupId?: string | undefined;
  restoredAt?: string | undefined;
}

/** One deploy of a release to a colour. The same release deployed twice has two entries. */
export interface ReleaseEntry {
  /** Unique in the record: increasing number. */
  id: number;
  release: string;
  color: string;
  status: ReleaseStatus;
  environment: string;
  /** The commit the release was built from. */
  commit: string;
  runId: string;
  runUrl?: string | undefined;
  actor: string;
  /** The db-backup id taken before this release, for rollback's restore. */
  backupId?: string | undefined;
  deployedAt: string;
  liveAt?: string | undefined;
  /** When it stopped being staged or live (superseded, rolled back or failed). */
  endedAt?: string | undefined;
  /** Why it failed or was rolled back. */
  reason?: string | undefined;
  /** The GitHub Deployment mirroring it, when one was created. */
  deploymentId?: number | undefined;
  /** Set when a rollback undid this release. */
  rollback?: RollbackInfo | undefined;
  events: ReleaseEvent[];
}

/** What runs on each colour now, as far as deploysafe knows. */
export interface ColorState {
  release: string;
  entryId: number;
  deployedAt: string;
}

/** The release record of a target: the live colour and the history of deploys. */
export interface ReleaseRecord {
  version: 1;
  colors: Record<string, ColorState>;
  history: ReleaseEntry[];
}

const HISTORY_LIMIT = 200;

const eventSchema = z.object({
  at: z.string(),
  status: z.enum(['staged', 'live', 'superseded', 'rolled-back', 'failed']),
  actor: z.string(),
  runId: z.string(),
  reason: z.string().optional(),
});
const entrySchema = z.object({
  id: z.number().int(),
  release: z.string(),
  color: z.string(),
  status: z.enum(['staged', 'live', 'superseded', 'rolled-back', 'failed']),
  environment: z.string(),
  commit: z.string(),
  runId: z.string(),
  runUrl: z.string().optional(),
  actor: z.string(),
  backupId: z.string().optional(),
  deployedAt: z.string(),
  liveAt: z.string().optional(),
  endedAt: z.string().optional(),
  reason: z.string().optional(),
  deploymentId: z.number().int().optional(),
  rollback: z
    .object({
      toRelease: z.string(),
      toEntryId: z.number().int(),
      at: z.string(),
      actor: z.string(),
      runId: z.string(),
      restoredBackupId: z.string().optional(),
      restoredAt: z.string().optional(),
    })
    .optional(),
  events: z.array(eventSchema),
});
const recordSchema = z.object({
  version: z.literal(1),
  colors: z.record(z.string(), z.object({ release: z.string(), entryId: z.number().int(), deployedAt: z.string() })),
  history: z.array(entrySchema),
});

/** An empty record, for a target that has never been deployed to. */
export function emptyRecord(): ReleaseRecord {
  return { version: 1, colors: {}, history: [] };
}

/** The release serving traffic, if any. */
export function liveEntry(record: ReleaseRecord): ReleaseEntry | undefined {
  return record.history.findLast((e) => e.status === 'live');
}

/** The release staged on the idle colour and waiting for promote, if any. */
export function stagedEntry(record: ReleaseRecord): ReleaseEntry | undefined {
  return record.history.findLast((e) => e.status === 'staged');
}

/** The release that was live before the current one (what `rollback to: previous` goes back to). */
export function previousLiveEntry(record: ReleaseRecord): ReleaseEntry | undefined {
  const live = liveEntry(record);
  const candidates = record.history.filter((e) => e.liveAt !== undefined && e !== live && e.status === 'superseded');
  return candidates.sort((a, b) => (a.liveAt! < b.liveAt! ? -1 : a.liveAt! > b.liveAt! ? 1 : a.id - b.id)).at(-1);
}

/** The newest entry for `release`, if the record has one. */
export function findRelease(record: ReleaseRecord, release: string): ReleaseEntry | undefined {
  return record.history.findLast((e) => e.release === release);
}

/** The release running on `color` according to the record. */
export function releaseOnColor(record: ReleaseRecord, color: string): string | undefined {
  return record.colors[color]?.release;
}

/** Sets an entry's status, with the time, the actor and the reason in its events. */
export function setStatus(entry: ReleaseEntry, status: ReleaseStatus, by: Actor, reason?: string): void {
  const at = new Date().toISOString();
  entry.status = status;
  if (status === 'live') {
    entry.liveAt = at;
    entry.endedAt = undefined;
    entry.reason = undefined;
  } else if (status !== 'staged') entry.endedAt = at;
  if (reason !== undefined) entry.reason = reason;
  entry.events.push({ at, status, actor: by.actor, runId: by.runId, ...(reason !== undefined ? { reason } : {}) });
}

/** What a new entry needs. */
export interface NewEntry {
  release: string;
  color: string;
  environment: string;
  commit: string;
  backupId?: string | undefined;
  deploymentId?: number | undefined;
}

/** Adds a staged entry for a deploy of `release` to `color` and returns it. */
export function addEntry(record: ReleaseRecord, fields: NewEntry, by: Actor): ReleaseEntry {
  const at = new Date().toISOString();
  const id = (record.history.at(-1)?.id ?? 0) + 1;
  const entry: ReleaseEntry = {
    id,
    ...fields,
    status: 'staged',
    runId: by.runId,
    runUrl: by.runUrl,
    actor: by.actor,
    deployedAt: at,
    events: [{ at, status: 'staged', actor: by.actor, runId: by.runId }],
  };
  record.history.push(entry);
  if (record.history.length > HISTORY_LIMIT) record.history.splice(0, record.history.length - HISTORY_LIMIT);
  return entry;
}

/** Records that `entry`'s release now runs on its colour. */
export function markDeployed(record: ReleaseRecord, entry: ReleaseEntry): void {
  record.colors[entry.color] = { release: entry.release, entryId: entry.id, deployedAt: new Date().toISOString() };
}

/** Makes `entry` the live release: the release live before it becomes `superseded` (or `replacedStatus`). */
export function markLive(record: ReleaseRecord, entry: ReleaseEntry, by: Actor, replacedStatus: 'superseded' | 'rolled-back' = 'superseded', reason?: string): ReleaseEntry | undefined {
  const replaced = liveEntry(record);
  if (replaced && replaced !== entry) setStatus(replaced, replacedStatus, by, reason);
  // Anything else still staged on the colour that is now live was overwritten or is moot.
  for (const other of record.history) {
    if (other !== entry && other.status === 'staged') setStatus(other, 'failed', by, `superseded before promote by ${entry.release}`);
  }
  setStatus(entry, 'live', by);
  return replaced && replaced !== entry ? replaced : undefined;
}

/**
 * A rollback: `restored` becomes live again and the release live before it becomes
 * `rolled-back` with the reason, the actor and where traffic went. Returns the undone entry.
 */
export function markRolledBack(record: ReleaseRecord, restored: ReleaseEntry, by: Actor, reason: string): ReleaseEntry | undefined {
  const undone = markLive(record, restored, by, 'rolled-back', reason);
  if (undone) undone.rollback = { toRelease: restored.release, toEntryId: restored.id, at: undone.endedAt ?? new Date().toISOString(), actor: by.actor, runId: by.runId };
  return undone;
}

/** Records on a rolled-back entry that its rollback restored the database backup `backupId`. */
export function markDatabaseRestored(undone: ReleaseEntry, backupId: string): void {
  if (!undone.rollback) throw new Error(`${undone.release} (entry ${undone.id}) was not rolled back`);
  undone.rollback.restoredBackupId = backupId;
  undone.rollback.restoredAt = new Date().toISOString();
}

/** When the live release got there through a rollback: the entry that rollback undid (the newest one, if several). */
export function rollbackToLive(record: ReleaseRecord): ReleaseEntry | undefined {
  const live = liveEntry(record);
  if (!live) return undefined;
  // Only a rollback makes an entry live again after its promote, so the newest rollback to it is what made it live.
  return record.history.filter((e) => e.status === 'rolled-back' && e.rollback?.toEntryId === live.id).sort((a, b) => (a.rollback!.at < b.rollback!.at ? -1 : a.rollback!.at > b.rollback!.at ? 1 : a.id - b.id)).at(-1);
}

/** Reads and writes `releases.json` in the target's state dir through its transport. Writes are atomic. */
export class ReleaseRecordStore {
  readonly path: string;
  readonly #transport: Transport;

  constructor(transport: Transport, stateDir: string) {
    this.#transport = transport;
    this.path = posix.join(stateDir, 'releases.json');
  }

  /** The record, or an empty one when the target has never been deployed to. A damaged file is an error, never silently reset. */
  async read(): Promise<ReleaseRecord> {
    const text = await this.#transport.readFile(this.path);
    if (text === undefined) return emptyRecord();
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new ConfigurationError(`The release record ${this.path} on ${this.#transport.where} is not valid JSON: repair it from its history or move it aside.`);
    }
    const parsed = recordSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigurationError(`The release record ${this.path} is damaged (${issue?.path.join('.') || 'top level'}: ${issue?.message}): repair it or move it aside.`);
    }
    return parsed.data as ReleaseRecord;
  }

  /** Replaces the record atomically. */
  async write(record: ReleaseRecord): Promise<void> {
    await this.#transport.writeFileAtomic(this.path, `${JSON.stringify(record, null, 2)}\n`);
  }

  /** Reads, changes and writes the record (callers hold the deploy lock, so nothing else writes meanwhile). */
  async update<T>(change: (record: ReleaseRecord) => T): Promise<T> {
    const record = await this.read();
    const result = change(record);
    await this.write(record);
    return result;
  }
}
