import { readdir, readFile } from 'node:fs/promises';
import { join, posix, relative, resolve, sep } from 'node:path';
import type { ParsedLockfile } from '../types.ts';
import { lockfileFormat, parseLockfile } from './parse-lockfile.ts';

/** Directory names never searched: installed dependencies and VCS data, not the project's own lockfiles. */
export const SKIPPED_DIRECTORIES: readonly string[] = ['node_modules', 'vendor', '.git', '.hg', '.svn', '.venv', 'venv', '__pycache__'];

/** Options for {@link discoverLockfiles}. */
export interface DiscoverOptions {
  /** More directory names to skip. */
  skipDirectories?: readonly string[];
}

/** Lockfiles under `root` (relative paths, forward slashes, sorted), skipping node_modules, vendor and VCS folders. */
export async function discoverLockfiles(root: string, options: DiscoverOptions = {}): Promise<string[]> {
  const skip = new Set([...SKIPPED_DIRECTORIES, ...(options.skipDirectories ?? [])]);
  const found: string[] = [];
  const base = resolve(root);
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skip.has(entry.name)) await walk(full);
      } else if (entry.isFile()) {
        const rel = relative(base, full).split(sep).join('/');
        const format = lockfileFormat(rel);
        if (format) found.push(rel);
      }
    }
  };
  await walk(base);
  return found.sort();
}

/** Reads a root-relative file, or undefined when it does not exist. */
export function fileReader(root: string): (path: string) => Promise<string | undefined> {
  return async (path) => {
    try {
      return await readFile(join(root, ...path.split(posix.sep)), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };
}

/** Discovers and parses every lockfile under `root` (or just `files`, root-relative). */
export async function readLockfiles(root: string, files?: readonly string[], options: DiscoverOptions = {}): Promise<ParsedLockfile[]> {
  const read = fileReader(root);
  const paths = files ?? (await discoverLockfiles(root, options));
  const parsed: ParsedLockfile[] = [];
  for (const file of paths) {
    const text = await read(file);
    if (text === undefined) throw new Error(`${file} disappeared while it was being read`);
    parsed.push(await parseLockfile(file, text, read));
  }
  return parsed;
}
