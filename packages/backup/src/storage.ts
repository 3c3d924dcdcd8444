import type { Readable } from 'node:stream';

/** Where backups are kept. One file per implementation: file-storage.ts, s3-storage.ts, artifact-storage.ts. */
export interface BackupStorage {
  readonly kind: 'file' | 's3' | 'artifact';
  /** The destination as a person reads it: `file:/srv/backups`, `s3://bucket/prefix`, `artifact:db-backups`. */
  readonly description: string;
  /** True when reads come from this machine's disk; otherwise a restore stages a verified local copy first. */
  readonly isLocal: boolean;
  /** Where one object is, for logs and the `location` output. */
  locationOf(name: string): string;
  /** Stores a stream; the object becomes visible only once complete (rename, multipart completion, artifact finalize). */
  writeObject(name: string, body: Readable, options?: { sizeHint?: number | undefined }): Promise<void>;
  /** Stores a small text (a manifest) atomically. */
  writeText(name: string, text: string): Promise<void>;
  readObject(name: string): Promise<Readable>;
  readText(name: string): Promise<string>;
  /** Names of the complete objects in the destination. */
  list(): Promise<string[]>;
  remove(name: string): Promise<void>;
  /** Removes leftovers of interrupted writes older than `olderThanMs`, where the backend keeps any (file: partial files). */
  removeIncomplete?(olderThanMs: number): Promise<string[]>;
}
