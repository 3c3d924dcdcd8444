import { isAbsolute, resolve } from 'node:path';
import { ConfigurationError } from '@deploysafe/action-kit';
import { FileStorage } from './file-storage.ts';
import { S3Storage, type S3StorageOptions, parseS3Destination } from './s3-storage.ts';
import type { BackupStorage } from './storage.ts';

/** What `destination` accepts, for input messages. */
export const DESTINATION_EXPECTED = 'file:DIRECTORY (such as file:./backups), s3://BUCKET/PREFIX or artifact:NAME';

/** A parsed destination, before any connection is made. */
export type Destination =
  | { kind: 'file'; dir: string }
  | { kind: 's3'; bucket: string; prefix: string }
  | { kind: 'artifact'; name: string };

/** Parses a destination; relative directories resolve against `cwd`. Undefined when malformed. */
export function parseDestination(text: string, cwd = process.cwd()): Destination | undefined {
  const t = text.trim();
  if (t.startsWith('file:')) {
    let dir = t.slice('file:'.length);
    if (dir.startsWith('//')) dir = dir.slice(2);
    if (dir === '' || dir.includes('\0')) return undefined;
    return { kind: 'file', dir: isAbsolute(dir) ? dir : resolve(cwd, dir) };
  }
  if (t.startsWith('s3://')) {
    const s3 = parseS3Destination(t);
    return s3 ? { kind: 's3', ...s3 } : undefined;
  }
  if (t.startsWith('artifact:')) {
    const name = t.slice('artifact:'.length);
    return /^[\w.-]{1,100}$/.test(name) ? { kind: 'artifact', name } : undefined;
  }
  return undefined;
}

/** Settings a destination may need beyond its text. */
export interface StorageSettings {
  s3?: Omit<S3StorageOptions, 'bucket' | 'prefix'>;
  /** For artifact: a storage built by the caller (artifact-storage.ts needs the runner's context). */
  artifact?: (name: string) => BackupStorage;
}

/** Opens the storage for a destination. */
export function openStorage(destination: Destination, settings: StorageSettings = {}): BackupStorage {
  switch (destination.kind) {
    case 'file':
      return new FileStorage(destination.dir);
    case 's3':
      return new S3Storage({ ...settings.s3, bucket: destination.bucket, prefix: destination.prefix });
    case 'artifact':
      if (!settings.artifact) throw new ConfigurationError('artifact: destinations are only available inside a GitHub Actions run.');
      return settings.artifact(destination.name);
  }
}
