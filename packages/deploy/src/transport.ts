import type { CommandResult, Logger } from '@deploysafe/action-kit';

/** How a command on the target host is run. */
export interface TransportRunOptions {
  /** Variables added to the command's environment. */
  env?: Record<string, string>;
  timeoutMs: number;
  /** Streams output lines here. */
  logger?: Logger;
  logPrefix?: string;
  /** Written to standard input. */
  input?: string;
  /** Throw CommandFailedError on failure (default true). */
  check?: boolean;
}

/**
 * Where a target lives: the runner itself, or a host reached over ssh. Providers, the release
 * record and the lock do all their work through this, so every one of them works remotely.
 */
export interface Transport {
  /** For messages: `this runner` or `ssh deploy@host`. */
  readonly where: string;
  /** Runs a program with an argument array on the target host. */
  run(argv: readonly string[], options: TransportRunOptions): Promise<CommandResult>;
  /** A file's text, or undefined when it does not exist. */
  readFile(path: string): Promise<string | undefined>;
  /** Replaces a file so readers see the old or the new content, never a torn one; creates missing directories. */
  writeFileAtomic(path: string, data: string): Promise<void>;
  /** Creates a file with `data` only if nothing is at `path` (atomically); false when something already is. */
  createExclusive(path: string, data: string): Promise<boolean>;
  /** Renames atomically; false when `from` does not exist. */
  rename(from: string, to: string): Promise<boolean>;
  /** Removes a file if it exists. */
  remove(path: string): Promise<void>;
  /** Where a symlink points, or undefined when `path` is not a symlink. */
  readLink(path: string): Promise<string | undefined>;
  /** Points the symlink `path` at `target`, atomically (a new link renamed over the old). */
  replaceSymlink(path: string, target: string): Promise<void>;
  /** Releases what the transport holds (temporary key files). */
  close(): Promise<void>;
}
