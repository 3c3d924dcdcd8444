import { ConfigurationError, type Logger, silentLogger } from '@deploysafe/action-kit';
import { BACKUP_ID_PATTERN, MANIFEST_SUFFIX, type Manifest, manifestName, parseManifest } from './manifest.ts';
import { type RetentionDecision, type RetentionPolicy, applyRetention, isEmptyPolicy } from './retention.ts';
import type { BackupStorage } from './storage.ts';

/** What `listBackups` found: complete backups newest first, and what it had to skip. */
export interface BackupListing {
  backups: Manifest[];
  /** Manifests that could not be read, or whose object is missing. */
  problems: string[];
  /** Objects with no manifest (an interrupted backup): never listed, never restored. */
  orphans: string[];
}

/** Which backups a listing or `latest` considers. */
export interface BackupFilter {
  engine?: Manifest['engine'] | undefined;
  database?: string | undefined;
  label?: string | undefined;
}

/** The backups of one engine's database, for `latest`. */
export function engineFilter(engine: { kind: Manifest['engine']; name: string }): BackupFilter {
  return { engine: engine.kind, database: engine.name };
}

function matches(m: Manifest, filter: BackupFilter): boolean {
  return (
    (filter.engine === undefined || m.engine === filter.engine) &&
    (filter.database === undefined || m.database === filter.database) &&
    (filter.label === undefined || filter.label === '' || m.label === filter.label)
  );
}

async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i] as T);
    }),
  );
  return results;
}

/** Lists the complete backups in a destination (a backup is complete once its manifest exists and names an existing object). */
export async function listBackups(storage: BackupStorage, filter: BackupFilter = {}, logger: Logger = silentLogger): Promise<BackupListing> {
  const names = await storage.list();
  const present = new Set(names);
  const problems: string[] = [];
  const manifests = names.filter((n) => n.endsWith(MANIFEST_SUFFIX));
  const read = await mapLimited(manifests, 8, async (name) => {
    try {
      const manifest = parseManifest(await storage.readText(name), storage.locationOf(name));
      if (manifestName(manifest.id) !== name) throw new Error(`${storage.locationOf(name)} holds the manifest of ${manifest.id}`);
      if (!present.has(manifest.object)) throw new Error(`the object of backup ${manifest.id} (${manifest.object}) is missing`);
      return manifest;
    } catch (error) {
      problems.push((error as Error).message);
      logger.warning(`Skipping ${storage.locationOf(name)}: ${(error as Error).message}`);
      return undefined;
    }
  });
  const backups = read.filter((m): m is Manifest => m !== undefined && matches(m, filter));
  backups.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id));
  const claimed = new Set(read.flatMap((m) => (m ? [m.object, manifestName(m.id)] : [])));
  const orphans = names.filter((n) => !claimed.has(n) && !n.endsWith(MANIFEST_SUFFIX) && BACKUP_ID_PATTERN.test(n.split('.')[0] ?? ''));
  return { backups, problems, orphans };
}

/** Reads and validates the manifest of backup `id`; `latest` picks the newest complete backup matching `filter`. */
export async function readManifest(storage: BackupStorage, id: string, filter: BackupFilter = {}): Promise<Manifest> {
  if (id === 'latest') {
    const { backups } = await listBackups(storage, filter);
    const newest = backups[0];
    if (!newest) throw new ConfigurationError(`No complete backup${filter.database ? ` of ${filter.database}` : ''} was found in ${storage.description}.`);
    return newest;
  }
  if (!BACKUP_ID_PATTERN.test(id)) throw new ConfigurationError(`'${id}' is not a backup id (such as 20260102T030405Z-shop-1a2b3c) nor 'latest'.`);
  let text: string;
  try {
    text = await storage.readText(manifestName(id));
  } catch (error) {
    throw new ConfigurationError(`Backup ${id} was not found in ${storage.description} (no manifest: it does not exist or never completed): ${(error as Error).message}`);
  }
  const manifest = (() => {
    try {
      return parseManifest(text, storage.locationOf(manifestName(id)));
    } catch (error) {
      throw new ConfigurationError((error as Error).message);
    }
  })();
  if (manifest.id !== id) throw new ConfigurationError(`The manifest of ${id} describes ${manifest.id}: it was renamed or tampered with.`);
  return manifest;
}

/** One backup's fate in a prune. */
export type PruneDecision = RetentionDecision<{ id: string; time: Date; manifest: Manifest }>;

/** What a prune decided (and, unless dry-run, did). */
export interface PruneResult {
  decisions: PruneDecision[];
  removed: string[];
  orphansRemoved: string[];
  dryRun: boolean;
}

/** Options for pruneBackups. */
export interface PruneOptions {
  policy: RetentionPolicy;
  /** Never deleted: ids that deploy release records reference, the backup just made. */
  protectedIds?: ReadonlySet<string>;
  dryRun?: boolean;
  filter?: BackupFilter;
  logger?: Logger;
  /** Objects without a manifest older than this are removed (interrupted backups); default 24 h. */
  orphanAgeMs?: number;
  now?: Date;
}

/**
 * Applies a retention policy to each (engine, database, label) group of backups. The newest
 * backup of each group and protected ids are always kept. Manifests go first, so a backup
 * being deleted is never listed half-deleted.
 */
export async function pruneBackups(storage: BackupStorage, options: PruneOptions): Promise<PruneResult> {
  const logger = options.logger ?? silentLogger;
  const dryRun = options.dryRun ?? false;
  const listing = await listBackups(storage, options.filter ?? {}, logger);
  if (listing.problems.length > 0 && !dryRun) {
    throw new ConfigurationError(
      `Not pruning ${storage.description}: ${listing.problems.length} manifest(s) could not be read (${listing.problems[0]}). Fix or remove them first; retention never guesses.`,
    );
  }
  const groups = new Map<string, Manifest[]>();
  for (const m of listing.backups) {
    const key = JSON.stringify([m.engine, m.database, m.label]);
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const decisions: PruneDecision[] = [];
  for (const group of groups.values()) {
    const items = group.map((manifest) => ({ id: manifest.id, time: new Date(manifest.startedAt), manifest }));
    decisions.push(...applyRetention(items, options.policy, options.protectedIds ?? new Set()));
  }
  const removed: string[] = [];
  const orphansRemoved: string[] = [];
  if (isEmptyPolicy(options.policy)) return { decisions, removed, orphansRemoved, dryRun };
  for (const d of decisions.filter((x) => !x.keep)) {
    if (dryRun) {
      logger.info(`would remove ${d.item.id} (${d.item.manifest.startedAt})`);
      continue;
    }
    await storage.remove(manifestName(d.item.id));
    await storage.remove(d.item.manifest.object);
    removed.push(d.item.id);
    logger.info(`removed ${d.item.id} (${d.item.manifest.startedAt})`);
  }
  const now = (options.now ?? new Date()).getTime();
  const maxAge = options.orphanAgeMs ?? 24 * 3_600_000;
  for (const orphan of listing.orphans) {
    const stamp = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(orphan);
    if (!stamp) continue;
    const taken = Date.UTC(Number(stamp[1]), Number(stamp[2]) - 1, Number(stamp[3]), Number(stamp[4]), Number(stamp[5]), Number(stamp[6]));
    if (now - taken < maxAge) continue;
    if (dryRun) {
      logger.info(`would remove ${orphan} (an interrupted backup with no manifest)`);
      continue;
    }
    await storage.remove(orphan);
    orphansRemoved.push(orphan);
    logger.info(`removed ${orphan} (an interrupted backup with no manifest)`);
  }
  if (!dryRun && storage.removeIncomplete) {
    for (const partial of await storage.removeIncomplete(maxAge)) {
      orphansRemoved.push(partial);
      logger.info(`removed ${partial} (the partial file of an interrupted backup)`);
    }
  }
  return { decisions, removed, orphansRemoved, dryRun };
}
