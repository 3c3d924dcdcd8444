import { posix, relative, resolve, sep } from 'node:path';
import { ConfigurationError, runCommand } from '@deploysafe/action-kit';
import { parseLockfile } from './lockfiles/parse-lockfile.ts';
import type { ParsedLockfile } from './types.ts';
import { osvPackageName } from './versions/compare-versions.ts';

/** What each lockfile pinned at the base commit. */
export interface BaseSnapshot {
  ref: string;
  commit: string;
  /** Per head lockfile: keys of the packages (`ecosystem|name|version`) and unpinned requirements at the base. */
  packages: Map<string, Set<string>>;
  unpinned: Map<string, Set<string>>;
}

/** The identity of a package version for comparing base and head. */
export function packageKey(p: { ecosystem: string; name: string; version: string }): string {
  return `${p.ecosystem}|${osvPackageName(p.ecosystem, p.name)}|${p.version}`;
}

/** The identity of an unpinned requirement for comparing base and head. */
export function unpinnedKey(u: { ecosystem: string; name: string; specifier: string }): string {
  return `${u.ecosystem}|${osvPackageName(u.ecosystem, u.name)}|${u.specifier}`;
}

async function git(cwd: string, args: string[]) {
  return runCommand('git', args, { cwd, check: false, timeoutMs: 60_000 });
}

/**
 * Reads every lockfile as it was at `base` with `git show`, locally: no GitHub API. Fails when the
 * base is not in the clone (shallow checkout) or is the commit being scanned, because either would
 * make the comparison pass without checking anything.
 */
export async function readBaseSnapshot(root: string, lockfiles: readonly ParsedLockfile[], base: string): Promise<BaseSnapshot> {
  const absRoot = resolve(root);
  const top = await git(absRoot, ['rev-parse', '--show-toplevel']);
  if (top.exitCode !== 0) throw new ConfigurationError(`Comparing with the base ${base} needs a git repository, but ${root} is not inside one.`);
  const topLevel = top.stdout.trim();
  const resolved = await git(absRoot, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]);
  if (resolved.exitCode !== 0) {
    throw new ConfigurationError(
      `The base ${base} is not in this clone, so the lockfiles cannot be compared with it. Fetch it first (actions/checkout with fetch-depth: 0, or git fetch origin ${base}).`,
    );
  }
  const commit = resolved.stdout.trim();
  const head = await git(absRoot, ['rev-parse', 'HEAD']);
  if (head.exitCode === 0 && head.stdout.trim() === commit) {
    throw new ConfigurationError(
      `The base ${base} is the commit being scanned (${commit.slice(0, 12)}): comparing a commit with itself would report nothing. Pass the pull request's base SHA (or the merge group's base_sha).`,
    );
  }
  const rootInRepo = relative(topLevel, absRoot).split(sep).join('/');
  const readAtBase = async (file: string): Promise<string | undefined> => {
    const path = posix.join(rootInRepo || '.', file);
    const shown = await git(absRoot, ['show', `${commit}:${path.startsWith('./') ? path.slice(2) : path}`]);
    if (shown.exitCode === 0) return shown.stdout;
    if (/does not exist|exists on disk, but not in/.test(shown.stderr)) return undefined;
    throw new ConfigurationError(`Reading ${file} at ${base} failed: ${shown.stderr.trim().split('\n').at(-1)}`);
  };

  const packages = new Map<string, Set<string>>();
  const unpinned = new Map<string, Set<string>>();
  for (const lockfile of lockfiles) {
    const text = await readAtBase(lockfile.file);
    if (text === undefined) {
      packages.set(lockfile.file, new Set());
      unpinned.set(lockfile.file, new Set());
      continue;
    }
    const parsed = await parseLockfile(lockfile.file, text, readAtBase, lockfile.format);
    packages.set(lockfile.file, new Set(parsed.packages.map(packageKey)));
    unpinned.set(lockfile.file, new Set(parsed.unpinned.map(unpinnedKey)));
  }
  return { ref: base, commit, packages, unpinned };
}

/** Keeps only what the head adds compared with the base snapshot. */
export function introducedSince(lockfiles: readonly ParsedLockfile[], base: BaseSnapshot): ParsedLockfile[] {
  return lockfiles.map((lockfile) => {
    const basePackages = base.packages.get(lockfile.file) ?? new Set<string>();
    const baseUnpinned = base.unpinned.get(lockfile.file) ?? new Set<string>();
    return {
      ...lockfile,
      packages: lockfile.packages.filter((p) => !basePackages.has(packageKey(p))),
      unpinned: lockfile.unpinned.filter((u) => !baseUnpinned.has(unpinnedKey(u))),
    };
  });
}
