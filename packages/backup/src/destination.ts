import { isAbsolute, resolve } from 'node:path';
import { ConfigurationError } from '@deploysafe/action-kit';
import type { ArtifactStorageOptions } from './artifact-storage.ts';
import { FileStorage } from './file-storage.ts';
import { parseS3Destination } from './s3-layout.ts';
import type { S3StorageOptions } from './s3-storage.ts';
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
  /** For artifact: where to stage files, retention, and another run to read from. */
  artifact?: Omit<ArtifactStorageOptions, 'name'>;
}

/**
 * Opens the storage for a destination. The S3 and artifact clients are loaded only when used:
 * they are most of the bundle, and a file: backup should not pay for them in memory.
 */
export async function openStorage(destination: Destination, settings: StorageSettings = {}): Promise<BackupStorage> {
  switch (destination.kind) {
    case 'file':
      return new FileStorage(destination.dir);
    case 's3': {
      const { S3Storage } = await import('./s3-storage.ts');
      return new S3Storage({ ...settings.s3, bucket: destination.bucket, prefix: destination.prefix });
    }
    case 'artifact': {
      if (!settings.artifact) throw new ConfigurationError('artifact: destinations need a staging directory (the runner temp directory).');
      const { ArtifactStorage } = await import('./artifact-storage.ts');
      return new ArtifactStorage({ ...settings.artifact, name: destination.name });
    }
  }
}
