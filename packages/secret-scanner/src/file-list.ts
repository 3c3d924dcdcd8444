// The files of a tree, honouring .gitignore: git itself inside a work tree, the .gitignore files elsewhere.
import { opendir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from '@deploysafe/action-kit';
import ignore, { type Ignore } from 'ignore';
import { VENDORED_DIRECTORIES } from './file-filter.ts';

/** The files to consider and how ignored files were decided. */
export interface FileList {
  /** Paths relative to the root, with `/` separators. */
  files: string[];
  /** `git` (git ls-files in a work tree) or `gitignore` (the .gitignore files, read by the scanner). */
  ignoredBy: 'git' | 'gitignore';
}

/** True when `dir` is inside a git work tree that git will read. */
export async function isGitWorkTree(dir: string): Promise<boolean> {
  const result = await runCommand('git', ['-C', dir, 'rev-parse', '--is-inside-work-tree'], { check: false, timeoutMs: 30_000 }).catch(() => undefined);
  return result?.exitCode === 0 && result.stdout.trim() === 'true';
}

/** Lists the files under `root`: tracked and untracked-but-not-ignored in a git work tree, else a walk that applies .gitignore files. */
export async function listFiles(root: string): Promise<FileList> {
  if (await isGitWorkTree(root)) {
    const result = await runCommand('git', ['-C', root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'], {
      captureLimit: 1024 * 1024 * 1024,
      timeoutMs: 300_000,
    });
    const files = [...new Set(result.stdout.split('\0').filter((f) => f !== ''))];
    return { files, ignoredBy: 'git' };
  }
  return { files: await walk(root), ignoredBy: 'gitignore' };
}

async function walk(root: string): Promise<string[]> {
  const files: string[] = [];
  const visit = async (rel: string, rules: { base: string; ig: Ignore }[]) => {
    const dir = rel === '' ? root : join(root, rel);
    const here = await readIgnoreFile(join(dir, '.gitignore'));
    const active = here ? [...rules, { base: rel, ig: here }] : rules;
    const ignored = (path: string, isDir: boolean) =>
      active.some(({ base, ig }) => {
        const sub = base === '' ? path : path.slice(base.length + 1);
        return ig.ignores(isDir ? `${sub}/` : sub);
      });
    const entries = [];
    for await (const entry of await opendir(dir)) entries.push(entry);
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (VENDORED_DIRECTORIES.has(entry.name) || ignored(path, true)) continue;
        await visit(path, active);
      } else if (entry.isFile() && !ignored(path, false)) {
        files.push(path);
      }
    }
  };
  await visit('', []);
  return files;
}

async function readIgnoreFile(path: string): Promise<Ignore | undefined> {
  try {
    return ignore().add(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}
