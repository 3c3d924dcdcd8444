import { readFile } from 'node:fs/promises';
import { ConfigurationError } from '@deploysafe/action-kit';

const ID_KEYS = new Set(['backupId', 'backup-id', 'backup_id']);

/** Every string under a `backupId` (or `backup-id`, `backup_id`) key, at any depth of a JSON value. */
export function collectBackupIds(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) collectBackupIds(item, into);
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (ID_KEYS.has(key) && typeof child === 'string' && child !== '') into.add(child);
      else collectBackupIds(child, into);
    }
  }
  return into;
}

/** What the release records yielded, and which could not be read. */
export interface ProtectedIds {
  ids: Set<string>;
  /** Files that do not exist (retention must not run when protection could not be read). */
  missing: string[];
}

/**
 * The backup ids retention must never delete: the `protected-ids` input plus every `backupId`
 * in the release record files (JSON, such as deploy-bluegreen's), or one id per line in a text file.
 */
export async function readProtectedIds(listed: readonly string[], recordFiles: readonly string[]): Promise<ProtectedIds> {
  const ids = new Set(listed);
  const missing: string[] = [];
  for (const file of recordFiles) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        missing.push(file);
        continue;
      }
      throw new ConfigurationError(`Cannot read the release record ${file}: ${(error as Error).message}`);
    }
    const trimmed = text.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      let data: unknown;
      try {
        data = JSON.parse(trimmed);
      } catch (error) {
        throw new ConfigurationError(`The release record ${file} is not valid JSON (${(error as Error).message}): retention will not guess which backups it protects.`);
      }
      collectBackupIds(data, ids);
    } else {
      for (const line of trimmed.split(/\r?\n/)) {
        const id = line.replace(/#.*/, '').trim();
        if (id) ids.add(id);
      }
    }
  }
  return { ids, missing };
}
